"""The public registry of awardees: the lines of published decisions, and only what a decision publishes
(name, unit, award, decision number and date). A revoked award leaves the registry."""

from django.db.models import Q

from certificates.queries import line_is_revoked
from config.search import fold
from nominations.models import DecisionLine

PUBLIC_FIELDS = ("subject_name", "unit_name", "award_id", "award__name_vi", "award__name_en",
                 "decision__number", "decision__decided_on", "decision__year")


def published_lines():
    return DecisionLine.objects.filter(decision__published_at__isnull=False).exclude(line_is_revoked())


def search(*, name: str = "", unit: str = "", year: int | None = None, award: str = ""):
    """Matching rows as dicts holding PUBLIC_FIELDS only, newest decision first."""
    queryset = published_lines()
    if name:
        queryset = queryset.filter(subject_name__fold__contains=fold(name))
    if unit:
        queryset = queryset.filter(unit_name__fold__contains=fold(unit))
    if year:
        queryset = queryset.filter(Q(decision__year=year))
    if award:
        queryset = queryset.filter(award_id=award)
    return queryset.order_by("-decision__decided_on", "-decision__pk", "pk").values(*PUBLIC_FIELDS)


def years():
    return list(published_lines().order_by("-decision__year").values_list("decision__year", flat=True).distinct())
