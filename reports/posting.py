"""What the public posting shows of a proposed awardee: name, unit, award, campaign, the end of the posting
and a short summary of the achievements, and nothing else (no birth date, personal code, gender or the
unit's internal documents). Pages get PostedNominee rows, never model instances, so a template cannot reach
another field."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Q
from django.utils.text import Truncator

from config.search import fold
from nominations.services.posting import posted_nominees

SUMMARY_CHARS = 300


@dataclass(frozen=True)
class PostedNominee:
    pk: int
    name: str
    unit: str
    award: str
    campaign: str
    summary: str
    posted_until: datetime.date


def _unit_of(nominee) -> str:
    """A person's unit (with its parent), or the unit a collective belongs to."""
    if nominee.person_id:
        return nominee.person.unit.name_with_parent
    return nominee.unit.parent.name if nominee.unit.parent_id else ""


def summary(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(SUMMARY_CHARS)


def _row(nominee) -> PostedNominee:
    return PostedNominee(
        pk=nominee.pk, name=nominee.subject_name, unit=_unit_of(nominee), award=nominee.award.name,
        campaign=nominee.dossier.campaign.title, summary=summary(nominee.achievement),
        posted_until=nominee.dossier.posting_until,
    )


def _queryset():
    return posted_nominees().select_related("person__unit__parent", "unit__parent", "award", "dossier__campaign")


def search(query: str = ""):
    """Posted nominees matching `query` (name or unit, diacritics and case ignored), by campaign then name."""
    queryset = _queryset()
    if query:
        folded = fold(query)
        queryset = queryset.filter(Q(subject_name__fold__contains=folded) | Q(person__unit__name__fold__contains=folded)
                                   | Q(dossier__unit__name__fold__contains=folded))
    return queryset.order_by("-dossier__campaign__year", "dossier__campaign__title", "dossier__campaign_id",
                             "subject_name", "pk")


def by_campaign(nominees) -> list[tuple[str, list[PostedNominee]]]:
    """[(campaign title, rows)] for a page of nominees in search() order."""
    groups = groupby(nominees, key=lambda nominee: nominee.dossier.campaign_id)
    return [(rows[0].campaign, rows) for rows in ([_row(n) for n in group] for _id, group in groups)]


def posted(pk: int) -> PostedNominee | None:
    nominee = _queryset().filter(pk=pk).first()
    return _row(nominee) if nominee else None
