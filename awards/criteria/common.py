"""Helpers shared by the criterion families: year windows, labels and tri-state shares."""

from decimal import Decimal

from django.utils.translation import gettext_lazy

from units.enums import DisciplineLevel, InitiativeScope, ParClass, RatingLevel

from ..eligibility.messages import cached_str
from ..eligibility.verdict import FAILED, PASSED, UNKNOWN

RATING_CHOICES = tuple(RatingLevel.values)
DISCIPLINE_CHOICES = tuple(v for v in DisciplineLevel.values if v != DisciplineLevel.UNDER_REVIEW)
SCOPE_CHOICES = tuple(InitiativeScope.values)
PAR_CHOICES = tuple(ParClass.values)


def window(year: int, years: int) -> list[int]:
    return list(range(year - years + 1, year + 1))


SHORT_RATING = {
    RatingLevel.EXCELLENT: gettext_lazy("excellent"),
    RatingLevel.GOOD: gettext_lazy("good"),
    RatingLevel.COMPLETED: gettext_lazy("completed"),
    RatingLevel.NOT_COMPLETED: gettext_lazy("not completed"),
}


_LAZY_LABELS: dict = {}


def _lazy_label(choices_cls, value):
    """The (lazy) label of a choice, looked up once per process: building the enum member for each of a
    batch's hundreds of thousands of messages costs more than the message itself."""
    key = (choices_cls, value)
    try:
        return _LAZY_LABELS[key]
    except KeyError:
        if choices_cls is RatingLevel and value in SHORT_RATING:
            lazy = SHORT_RATING[value]
        else:
            try:
                lazy = choices_cls(value).label
            except ValueError:
                lazy = str(value)
        _LAZY_LABELS[key] = lazy
        return lazy


def label(choices_cls, value) -> str:
    if value is None:
        return "—"
    return cached_str((choices_cls.__name__, value), _lazy_label(choices_cls, value))


def year_span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def join_years(years) -> str:
    return ", ".join(str(y) for y in years)


def share_status(yes: int, unknown: int, total: int, percent: Decimal, strict: bool) -> str:
    """Passed if the share holds even if every unknown is a no; failed if it fails even if every unknown
    is a yes; otherwise unknown."""

    def ok(count):
        return count * 100 > percent * total if strict else count * 100 >= percent * total

    if ok(yes):
        return PASSED
    if not ok(yes + unknown):
        return FAILED
    return UNKNOWN


def worst(statuses) -> str:
    statuses = list(statuses)
    if FAILED in statuses:
        return FAILED
    if UNKNOWN in statuses:
        return UNKNOWN
    return PASSED
