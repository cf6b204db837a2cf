"""The columns of each kind of import, as data. A column may be required in the header (`required`)
and may or may not be left empty in a row (`blank`, giving `empty`, or nothing at all when OMIT).
`one_of` names columns of which exactly one must hold a value in every row (a record is about a person
or about a unit)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..enums import (
    DisciplineLevel,
    Gender,
    HonourKind,
    InitiativeKind,
    InitiativeScope,
    ParClass,
    RatingLevel,
    ReorganisationKind,
    StaffKind,
    UnitKind,
)
from . import parsers as p


@dataclass(frozen=True)
class Column:
    name: str
    parser: Callable[[Any], Any]
    required: bool = True
    blank: bool = False
    empty: Any = None


@dataclass(frozen=True)
class Schema:
    kind: str
    label: Any
    columns: tuple[Column, ...]
    one_of: tuple[str, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


PERSON_OR_UNIT = ("person_code", "unit_code")
OMIT = object()  # `empty` value meaning: a blank cell leaves the field alone (the model default on create)

SCHEMAS: dict[str, Schema] = {
    schema.kind: schema
    for schema in (
        Schema("units", _("Units"), (
            Column("code", p.code),
            Column("name", p.text(255)),
            Column("kind", p.choice(UnitKind)),
            Column("parent_code", p.code, blank=True),
            Column("cluster", p.text(200), blank=True),
            Column("head_code", p.code, blank=True),
        )),
        Schema("people", _("People"), (
            Column("code", p.code),
            Column("full_name", p.text(200)),
            Column("gender", p.choice(Gender)),
            Column("birth_date", p.iso_date, blank=True),
            Column("unit_code", p.code),
            Column("position", p.text(200), required=False, blank=True, empty=""),
            Column("staff_kind", p.choice(StaffKind), required=False, blank=True, empty=OMIT),
        )),
        Schema("ratings", _("Annual ratings"), (
            Column("year", p.year),
            Column("person_code", p.code, required=False, blank=True),
            Column("unit_code", p.code, required=False, blank=True),
            Column("rating", p.choice(RatingLevel)),
            Column("score", p.score, required=False, blank=True),
        ), one_of=PERSON_OR_UNIT),
        Schema("par", _("PAR Index results"), (
            Column("year", p.year),
            Column("unit_code", p.code),
            Column("score", p.score),
            Column("classification", p.choice(ParClass), required=False, blank=True, empty=""),
            Column("rank", p.positive_int, required=False, blank=True),
            Column("published_on", p.iso_date, required=False, blank=True),
        )),
        Schema("cluster_scores", _("Cluster emulation scores"), (
            Column("year", p.year),
            Column("cluster", p.text(200)),
            Column("unit_code", p.code),
            Column("score", p.score),
            Column("rank", p.positive_int, required=False, blank=True),
        )),
        Schema("initiatives", _("Recognised initiatives"), (
            Column("person_code", p.code),
            Column("title", p.text(500)),
            Column("scope", p.choice(InitiativeScope)),
            Column("recognised_on", p.iso_date),
            Column("recognised_by", p.text(255), blank=True, empty=""),
            Column("kind", p.choice(InitiativeKind), required=False, blank=True, empty=InitiativeKind.INITIATIVE),
            Column("used_for", p.award_year, required=False, blank=True, empty=(None, None)),
        )),
        Schema("discipline", _("Discipline records"), (
            Column("person_code", p.code),
            Column("level", p.choice(DisciplineLevel)),
            Column("decided_on", p.iso_date),
            Column("note", p.text(255), required=False, blank=True, empty=""),
            Column("term_until", p.iso_date, required=False, blank=True),
        )),
        Schema("honours", _("Honours held"), (
            Column("year", p.year),
            Column("person_code", p.code, required=False, blank=True),
            Column("unit_code", p.code, required=False, blank=True),
            Column("award_code", p.code),
            Column("decision_number", p.text(64), blank=True, empty=""),
            Column("decided_on", p.iso_date, blank=True),
            Column("kind", p.choice(HonourKind), required=False, blank=True, empty=HonourKind.ANNUAL),
        ), one_of=PERSON_OR_UNIT),
        Schema("heads", _("Heads of units (dated)"), (
            Column("unit_code", p.code),
            Column("person_code", p.code),
            Column("from", p.iso_date),
            Column("until", p.iso_date, required=False, blank=True),
        )),
        Schema("assignments", _("Assignments (a person's unit by date)"), (
            Column("person_code", p.code),
            Column("unit_code", p.code),
            Column("from", p.iso_date),
            Column("until", p.iso_date, required=False, blank=True),
            Column("position", p.text(200), required=False, blank=True, empty=""),
        )),
        Schema("reorganisations", _("Reorganisations (merge, split, rename, abolish)"), (
            Column("effective_on", p.iso_date),
            Column("kind", p.choice(ReorganisationKind)),
            Column("old_code", p.code),
            Column("new_code", p.code, required=False, blank=True),
        )),
    )
}

KIND_CHOICES = [(kind, schema.label) for kind, schema in SCHEMAS.items()]
