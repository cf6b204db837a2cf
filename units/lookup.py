"""What the pickers offer (static/laurel/picker.js over the JSON views in lookup_views.py): people and units
matching a few typed characters — a name without diacritics, a code, or a unit's name or code — within what
the user may see (accounts.scoping), never in a dissolved unit."""

from django.db.models import Q
from django.utils import timezone

from accounts.scoping import people_visible_to, units_visible_to
from config.search import fold

LIMIT = 20


def _open_units_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}dissolved_on__isnull": True}) | Q(**{f"{prefix}dissolved_on__gt": today})


def _within(queryset, user, within, field):
    """Narrow to the subtree of the unit `within` (a pk), itself looked up inside the user's scope."""
    if not within:
        return queryset
    unit = units_visible_to(user).filter(pk=within).first() if str(within).isdigit() else None
    if unit is None:
        return queryset.none()
    return queryset.filter(**{f"{field}path__startswith": unit.path})


def people(user, query: str, *, within=None) -> list[dict]:
    text = fold(query)
    if not text:
        return []
    code = query.strip()
    queryset = people_visible_to(user).filter(_open_units_q("unit__"))
    queryset = _within(queryset, user, within, "unit__")
    matches = (Q(full_name__fold__contains=text) | Q(code__istartswith=code) | Q(unit__code__iexact=code)
               | Q(unit__name__fold__contains=text))
    rows = queryset.filter(matches).select_related("unit").order_by("full_name", "code")[:LIMIT]
    return [person_entry(p) for p in rows]


def person_entry(p) -> dict:
    return {"value": p.code, "id": p.pk, "label": p.full_name,
            "detail": " · ".join(part for part in (p.code, p.unit.name, p.position) if part)}


def unit_entry(u) -> dict:
    return {"value": u.code, "id": u.pk, "label": u.name,
            "detail": " · ".join(part for part in (u.code, u.parent.name if u.parent else "") if part)}


def units(user, query: str, *, within=None) -> list[dict]:
    text = fold(query)
    if not text:
        return []
    code = query.strip()
    queryset = units_visible_to(user).filter(_open_units_q())
    queryset = _within(queryset, user, within, "")
    matches = Q(name__fold__contains=text) | Q(code__istartswith=code)
    rows = queryset.filter(matches).select_related("parent").order_by("path")[:LIMIT]
    return [unit_entry(u) for u in rows]
