"""Money and counts the Vietnamese way in every language: 16.380.000 ₫ (issue 13 item 8).
{% load laurel_format %} … {{ amount|vnd }} · {{ count|grouped }}"""

from django import template

register = template.Library()


def grouped_number(value) -> str:
    """An integer with dots between thousands ("16.380.000"); anything else unchanged."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return f"{number:,}".replace(",", ".")


@register.filter
def grouped(value) -> str:
    return grouped_number(value)


@register.filter
def vnd(value) -> str:
    """An amount in đồng: "16.380.000 ₫" (a no-break space keeps the sign with its number)."""
    if value in (None, ""):
        return "—"
    return f"{grouped_number(value)}\u00a0₫"
