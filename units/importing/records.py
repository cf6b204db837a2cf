"""The yearly records of people and units (ratings, PAR results, initiatives, discipline, honours) and
the people themselves: each row becomes a Target with its natural key; upsert.py does the rest."""

from django.utils.translation import gettext as _

from ..models import ClusterScore, DisciplineRecord, Honour, Initiative, ParResult, Person, PersonRating, UnitRating
from . import dated
from .lookups import Lookups, RowProblem
from .upsert import Target
from .validation import ParsedRow


def _present(values: dict, *names: str) -> dict:
    """The columns of the file among `names` (an absent optional column leaves the field alone)."""
    return {name: values[name] for name in names if name in values}


def _subject(values: dict, lookups: Lookups) -> tuple[str, str, int, int]:
    """(column, field attname, id, unit id) of the row's person or unit."""
    if values.get("person_code"):
        person_id, unit_id = lookups.person(values["person_code"])
        return "person_code", "person_id", person_id, unit_id
    unit_id = lookups.unit(values["unit_code"])
    return "unit_code", "unit_id", unit_id, unit_id


def _person(values, lookups):
    return lookups.person(values["person_code"])


def ratings(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    column, attname, subject_id, unit_id = _subject(values, lookups)
    model = PersonRating if attname == "person_id" else UnitRating
    return Target(row.line, model, {attname: subject_id, "year": values["year"]},
                  _present(values, "rating", "score"), {unit_id}, values["year"], column)


def par(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    unit_id = lookups.unit(values["unit_code"])
    return Target(row.line, ParResult, {"unit_id": unit_id, "year": values["year"]},
                  _present(values, "score", "classification", "rank", "published_on"), {unit_id}, values["year"],
                  "unit_code")


def cluster_scores(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    unit_id = lookups.unit(values["unit_code"])
    cluster_id = lookups.cluster(values["cluster"])
    fields = _present(values, "score", "rank")
    fields["cluster_id"] = cluster_id
    return Target(row.line, ClusterScore, {"unit_id": unit_id, "year": values["year"]}, fields, {unit_id},
                  values["year"], "unit_code")


def initiatives(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    person_id, unit_id = _person(values, lookups)
    fields = _present(values, "scope", "recognised_on", "recognised_by", "kind")
    if "used_for" in values:
        code, year = values["used_for"]
        if code is not None:
            code = lookups.award(code, "used_for").code
        fields.update(used_for_award_id=code, used_for_year=year)
    return Target(row.line, Initiative,
                  {"person_id": person_id, "title": values["title"]},
                  fields, {unit_id}, values["recognised_on"].year, "title")


def discipline(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    person_id, unit_id = _person(values, lookups)
    if values.get("term_until") and values["term_until"] < values["decided_on"]:
        raise RowProblem("term_until", _("The term cannot end before the decision date."))
    return Target(row.line, DisciplineRecord,
                  {"person_id": person_id, "level": values["level"], "decided_on": values["decided_on"]},
                  _present(values, "note", "term_until"), {unit_id}, values["decided_on"].year, "decided_on")


def honours(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    column, attname, subject_id, unit_id = _subject(values, lookups)
    award = lookups.award(values["award_code"])
    if attname == "person_id" and not award.for_persons:
        raise RowProblem("award_code", _("The award %(code)s is given to collectives only; use unit_code.")
                         % {"code": award.code})
    if attname == "unit_id" and not award.for_collectives:
        raise RowProblem("award_code", _("The award %(code)s is given to persons only; use person_code.")
                         % {"code": award.code})
    return Target(row.line, Honour, {"year": values["year"], attname: subject_id, "award_id": award.code},
                  _present(values, "decision_number", "decided_on", "kind"), {unit_id}, values["year"], "award_code")


def honour_guard(existing: Honour, target: Target) -> str | None:
    if existing.source == Honour.Source.DECISION:
        return _("This honour was entered by a Laurel award decision; an import cannot change it.")
    return None


def people(row: ParsedRow, lookups: Lookups) -> Target:
    values = row.values
    unit_id = lookups.unit(values["unit_code"])
    fields = _present(values, "full_name", "gender", "birth_date", "position", "staff_kind")
    fields["unit_id"] = unit_id
    return Target(row.line, Person, {"code": values["code"]}, fields, {unit_id}, None, "code")


BUILDERS = {
    "heads": dated.heads,
    "assignments": dated.assignments,
    "reorganisations": dated.reorganisations,
    "ratings": ratings,
    "par": par,
    "cluster_scores": cluster_scores,
    "initiatives": initiatives,
    "discipline": discipline,
    "honours": honours,
    "people": people,
}

GUARDS = {"honours": honour_guard}
