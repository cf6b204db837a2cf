"""Award statistics and cash totals, each one aggregate query (the number of queries never grows with the
data). Honours are the registry of awards held (imported history and Laurel decisions alike); cash comes
from Laurel's decisions and their annex lines."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.scoping import unit_scope_q
from awards.enums import IssuingLevel
from awards.models import AwardType
from nominations.models import Decision, DecisionLine
from units.enums import Gender, StaffKind
from units.models import Honour


@dataclass(frozen=True)
class Dimension:
    key: str
    label: object
    group_by: tuple[str, ...]  # fields of Honour to group on: (key field, label field or none)
    persons_only: bool = False


DIMENSIONS = {
    dimension.key: dimension
    for dimension in (
        Dimension("year", _("Year"), ("year",)),
        Dimension("issuer", _("Issued by"), ("award__issuing_level",)),
        Dimension("award", _("Award"), ("award_id",)),
        Dimension("unit", _("Unit"), ("unit_key", "unit_label")),
        Dimension("gender", _("Gender"), ("person__gender",), persons_only=True),
        Dimension("staff_kind", _("Staff kind"), ("person__staff_kind",), persons_only=True),
    )
}


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    source: str | None = None  # Honour.Source value, or None for every source


def honours_visible_to(user):
    """Honours of people or collectives inside the user's scope (everything for province-wide roles)."""
    queryset = Honour.objects.all()
    by_person, by_unit = unit_scope_q(user, "person__unit"), unit_scope_q(user, "unit")
    if by_person is None:
        return queryset
    return queryset.filter(by_person | by_unit)


def filtered(queryset, filters: Filters):
    if filters.year_from:
        queryset = queryset.filter(year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(year__lte=filters.year_to)
    if filters.source:
        queryset = queryset.filter(source=filters.source)
    return queryset


def _labeller(dimension: Dimension):
    if dimension.key == "issuer":
        return lambda value: IssuingLevel(value).label if value in IssuingLevel.values else value
    if dimension.key == "gender":
        return lambda value: Gender(value).label if value in Gender.values else value
    if dimension.key == "staff_kind":
        return lambda value: StaffKind(value).label if value in StaffKind.values else value
    if dimension.key == "award":
        names = {award.code: award.name for award in AwardType.objects.all()}
        return lambda value: names.get(value, value)
    return str


def honour_stats(queryset, dimension_key: str) -> list[dict]:
    """Rows {key, label, persons, collectives, total} for one dimension, ordered by key. One query (two for
    awards, whose names come from the catalogue)."""
    dimension = DIMENSIONS[dimension_key]
    if dimension.persons_only:
        queryset = queryset.filter(person__isnull=False)
    if dimension.key == "unit":
        queryset = queryset.annotate(
            unit_key=Coalesce("person__unit_id", "unit_id"), unit_label=Coalesce("person__unit__name", "unit__name")
        )
    rows = (
        queryset.order_by()
        .values(*dimension.group_by)
        .annotate(
            persons=Count("pk", filter=Q(person__isnull=False)),
            collectives=Count("pk", filter=Q(unit__isnull=False)),
            total=Count("pk"),
        )
        .order_by(*dimension.group_by)
    )
    label_of = _labeller(dimension)
    out = []
    for row in rows:
        key = row[dimension.group_by[0]]
        label = row[dimension.group_by[1]] if len(dimension.group_by) > 1 else label_of(key)
        out.append({"key": key, "label": str(label), "persons": row["persons"],
                    "collectives": row["collectives"], "total": row["total"]})
    if dimension.key == "unit":
        _with_parents(out)
        out.sort(key=lambda row: (-row["total"], row["label"]))
    return out


def _with_parents(rows: list[dict]) -> None:
    """Unit labels with their parent ("Văn phòng Sở — Sở Nội vụ"): many units share a name (one query)."""
    from units.models import Unit

    units = Unit.objects.filter(pk__in=[row["key"] for row in rows if row["key"]]).select_related("parent")
    labels = {unit.pk: unit.name_with_parent for unit in units}
    for row in rows:
        row["label"] = labels.get(row["key"], row["label"])


def _years(queryset, filters: Filters | None, field: str):
    if filters and filters.year_from:
        queryset = queryset.filter(**{f"{field}__gte": filters.year_from})
    if filters and filters.year_to:
        queryset = queryset.filter(**{f"{field}__lte": filters.year_to})
    return queryset


def cash_by_decision(filters: Filters | None = None) -> list[dict]:
    """Every decision with its number of awardees and cash total (summed from its annex lines)."""
    rows = (
        _years(Decision.objects.all(), filters, "year").order_by("year", "sequence", "pk")
        .values("pk", "number", "decided_on", "year", "issuer")
        .annotate(awardees=Count("lines"), total=Coalesce(Sum("lines__amount"), 0))
    )
    return list(rows)


def cash_by_year(filters: Filters | None = None) -> list[dict]:
    """Per decision year: decisions, awardees and cash total."""
    rows = (
        _years(DecisionLine.objects.all(), filters, "decision__year").order_by()
        .values("decision__year")
        .annotate(decisions=Count("decision", distinct=True), awardees=Count("pk"), total=Sum("amount"))
        .order_by("decision__year")
    )
    return [{"year": row["decision__year"], "decisions": row["decisions"], "awardees": row["awardees"],
             "total": row["total"]} for row in rows]
