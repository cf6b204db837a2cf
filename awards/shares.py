"""Shares such as vote thresholds and quorums, kept exact: "2/3" stays two thirds."""

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _


def parse_fraction(text: str) -> Fraction:
    """'2/3' -> Fraction(2, 3); '0.9' -> Fraction(9, 10); '90%' -> Fraction(9, 10). Must lie in (0, 1]."""
    raw = str(text).strip()
    try:
        if raw.endswith("%"):
            value = Fraction(Decimal(raw[:-1].strip())) / 100
        elif "/" in raw:
            num, den = raw.split("/", 1)
            value = Fraction(int(num.strip()), int(den.strip()))
        else:
            value = Fraction(Decimal(raw))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        raise ValueError(_("“%(value)s” is not a share: write it as 2/3, 0.9 or 90%%.") % {"value": raw}) from None
    if not 0 < value <= 1:
        raise ValueError(_("A share must be more than 0 and at most 1 (got %(value)s).") % {"value": raw})
    return value


def format_percent(value: Fraction) -> str:
    pct = value * 100
    return f"{float(pct):.4g}%"
