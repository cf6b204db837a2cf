"""Cell parsers: each takes a non-blank cell (text already NFC-normalised and stripped, or a number or
date straight from an XLSX) and returns the Python value, or raises CellError with a localised reason."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from config.text import clean_name, excerpt


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TWO_PLACES = Decimal("0.01")


def _integral(value) -> int | None:
    """An int from an int, an integral float or a string of digits; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+\.0+", text):
        return int(text.split(".")[0])
    return None


def text(max_length: int):
    """One-line text (names, titles, notes): cleaned by config.text.clean_name, so no bidi override or
    zero-width character reaches a certificate or the public registry."""

    def parse(value) -> str:
        result = clean_name(_as_text(value))
        if not result:
            raise CellError(_("A value is required."))
        if len(result) > max_length:
            raise CellError(_("The text is longer than %(max)d characters.") % {"max": max_length})
        return result

    return parse


def code(value) -> str:
    """A code: text, or a whole number from a spreadsheet cell (123.0 becomes "123")."""
    result = clean_name(_as_text(value))
    if not result:
        raise CellError(_("A value is required."))
    if len(result) > 32:
        raise CellError(_("A code may have at most 32 characters."))
    return result


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def choice(choices_class):
    """One of the values of a TextChoices class, case-insensitively; spaces and hyphens count as "_"."""
    allowed = {value.lower(): value for value in choices_class.values}

    def parse(value) -> str:
        key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
        try:
            return allowed[key]
        except KeyError:
            raise CellError(
                _("“%(value)s” is not allowed; use one of: %(allowed)s.")
                % {"value": excerpt(value), "allowed": ", ".join(choices_class.values)}
            ) from None

    parse.choices = choices_class
    return parse


def iso_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text_value = str(value).strip()
    if _DATE_RE.match(text_value):
        try:
            return date.fromisoformat(text_value)
        except ValueError:
            pass
    raise CellError(_("“%(value)s” is not a valid date; write it as YYYY-MM-DD.") % {"value": excerpt(value)})


def year(value) -> int:
    number = _integral(value)
    if number is None or not 1945 <= number <= 2100:
        raise CellError(_("“%(value)s” is not a year between 1945 and 2100.") % {"value": excerpt(value)})
    return number


def score(value) -> Decimal:
    """A score from 0 to 100 with at most two decimals; a decimal comma is accepted."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": excerpt(value)})
    if isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        text_value = str(value).strip()
        if "," in text_value and "." not in text_value:
            text_value = text_value.replace(",", ".")
        try:
            number = Decimal(text_value)
        except InvalidOperation:
            raise CellError(_("“%(value)s” is not a number.") % {"value": excerpt(value)}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": excerpt(value)})
    if not Decimal(0) <= number <= Decimal(100):
        raise CellError(_("The score %(value)s is out of range; it must be from 0 to 100.") % {"value": excerpt(value)})
    if number != number.quantize(TWO_PLACES):
        raise CellError(_("The score %(value)s has more than two decimals.") % {"value": excerpt(value)})
    return number.quantize(TWO_PLACES)


def positive_int(value) -> int:
    number = _integral(value)
    if number is None or number < 1:
        raise CellError(_("“%(value)s” is not a whole number of 1 or more.") % {"value": excerpt(value)})
    return number


def award_year(value) -> tuple[str, int]:
    """`AWARD_CODE:YEAR`, e.g. BK_TINH:2024 (the earlier award an initiative served)."""
    text_value = _as_text(value).strip()
    match = re.fullmatch(r"([A-Za-z0-9_\-]{1,20}):(\d{4})", text_value)
    if not match or not 1945 <= int(match.group(2)) <= 2100:
        raise CellError(_("“%(value)s” is not AWARD_CODE:YEAR, e.g. BK_TINH:2024.") % {"value": value})
    return match.group(1).upper(), int(match.group(2))
