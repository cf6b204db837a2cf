"""The registry as of a date or a year: who headed a unit, whose unit a person was in, which PAR result a
gate reads, when a discipline term ends, and whether a unit was closed by a reorganisation.

The pure functions take plain values so that the eligibility snapshot (awards/eligibility/records.py) can
apply them to rows it loaded in bulk; the query functions answer the same questions for one unit or person
(views, tests, the demo). Periods are inclusive at both ends; `until` None means still running, a start
None means since a date not recorded."""

import calendar
import datetime
from collections.abc import Iterable

from django.db.models import Q

from .enums import DisciplineLevel, ReorganisationKind

SAME_YEAR, LATEST_PUBLISHED = "same_year", "latest_published"


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def evaluation_date(year: int) -> datetime.date:
    """The date a year's verdicts are judged as of: the year-end council sits in December."""
    return datetime.date(year, 12, 31)


def overlaps(start, until, first: datetime.date, last: datetime.date) -> bool:
    return (start is None or start <= last) and (until is None or until >= first)


def overlap_q(first: datetime.date, last: datetime.date, start: str = "start_on", until: str = "until") -> Q:
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": last})) & (
        Q(**{f"{until}__isnull": True}) | Q(**{f"{until}__gte": first}))


def unit_in_year(periods: Iterable[tuple], year: int):
    """periods: (start, until, unit_id). The unit of the period running on 31 December of `year`, else of
    the last period that touched the year; None when no period touches it."""
    first, last = year_bounds(year)
    touching = [p for p in periods if overlaps(p[0], p[1], first, last)]
    if not touching:
        return None
    on_last = [p for p in touching if p[1] is None or p[1] >= last]
    pool = on_last or touching
    return max(pool, key=lambda p: (p[0] or datetime.date.min, p[1] or datetime.date.max))[2]


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(decided_on: datetime.date, level: str, term_until, default_terms: dict) -> datetime.date | None:
    """When a discipline term ends: the recorded end, else the rule set's default months for the level.
    An inspection or investigation (`under_review`) has no default: without an end it is still open (None)."""
    if term_until is not None:
        return term_until
    if level == DisciplineLevel.UNDER_REVIEW:
        return None
    months = int((default_terms or {}).get(level, 12))
    return add_months(decided_on, months)


def effective_par(results: dict[int, tuple], year: int, basis: str, as_of: datetime.date):
    """results: PAR year -> (info, published_on) for one unit. (info, year used) under the basis: the
    campaign year's own result (`same_year`), or the newest published on or before `as_of` (a blank
    publication date counts as published). (None, None) when there is none."""
    if basis != LATEST_PUBLISHED:
        found = results.get(year)
        return (found[0], year) if found else (None, None)
    for candidate in sorted((y for y in results if y <= year), reverse=True):
        info, published_on = results[candidate]
        if published_on is None or published_on <= as_of:
            return info, candidate
    return None, None


# -- queries for one unit or person ------------------------------------------------------------------------


def closure(unit):
    """The reorganisations that closed `unit` (empty when it is open), receiving units selected."""
    from .models import Reorganisation

    return list(Reorganisation.objects.filter(old_unit=unit).select_related("new_unit").order_by("new_unit__code"))


def is_closed(unit, on: datetime.date | None = None) -> bool:
    on = on or datetime.date.today()
    return unit.dissolved_on is not None and unit.dissolved_on <= on


def open_units_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    """Units not closed by a reorganisation (or dissolution) on or before `on` (today by default)."""
    on = on or datetime.date.today()
    return Q(**{f"{prefix}dissolved_on__isnull": True}) | Q(**{f"{prefix}dissolved_on__gt": on})


def heads_during(unit, year: int) -> list:
    """People who headed `unit` at any time in `year` (the undated `Unit.head` when no dates are recorded)."""
    from .models import Headship, Person

    first, last = year_bounds(year)
    headships = Headship.objects.filter(unit=unit)
    if not headships.exists():
        return [unit.head] if unit.head_id else []
    ids = headships.filter(overlap_q(first, last)).values_list("person_id", flat=True)
    return list(Person.objects.filter(pk__in=list(ids)))


def unit_of(person, year: int):
    """The person's unit for `year`: their assignment on 31 December, else the last one that year, else
    `Person.unit`."""
    from .models import Unit

    periods = person.assignments.values_list("start_on", "until", "unit_id")
    unit_id = unit_in_year(periods, year)
    return Unit.objects.get(pk=unit_id) if unit_id else person.unit


def receiving_unit_ids(unit_ids: Iterable[int]) -> dict[int, set[int]]:
    """unit id -> the ids of units merged (or renamed) into it, transitively."""
    from .models import Reorganisation

    edges = {}
    for old, new in Reorganisation.objects.filter(
        kind__in=[ReorganisationKind.MERGE, ReorganisationKind.RENAME], new_unit__isnull=False
    ).values_list("old_unit_id", "new_unit_id"):
        edges.setdefault(new, set()).add(old)
    out = {}
    for uid in unit_ids:
        seen, todo = set(), [uid]
        while todo:
            for old in edges.get(todo.pop(), ()):
                if old not in seen and old != uid:
                    seen.add(old)
                    todo.append(old)
        out[uid] = seen
    return out
