"""A snapshot of every record an evaluation needs, loaded in a constant number of queries (`__in` queries
for small batches; for large batches the year window alone, filtered in Python), then read by the
criterion kinds in pure Python."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from units.models import (
    DisciplineRecord,
    Honour,
    Initiative,
    ParResult,
    Person,
    PersonRating,
    Unit,
    UnitRating,
)

from ..par import PAR_FIELDS, Ladders, build_par_infos
from .clusters import load_cluster_scores
from .verdict import COLLECTIVE, PERSON

# Above this many ids an `__in` list is dropped and the whole year window is read instead: the number of
# queries stays the same and SQLite's limit on query parameters is never reached.
IN_LIMIT = 500


@dataclass(frozen=True)
class SubjectRef:
    kind: str  # person | collective
    id: int
    code: str
    name: str
    unit_id: int  # the person's unit, or the unit itself

    @classmethod
    def of(cls, obj) -> "SubjectRef":
        if isinstance(obj, SubjectRef):
            return obj
        if isinstance(obj, Person):
            return cls(PERSON, obj.pk, obj.code, obj.full_name, obj.unit_id)
        if isinstance(obj, Unit):
            return cls(COLLECTIVE, obj.pk, obj.code, obj.name, obj.pk)
        raise TypeError(f"Cannot evaluate {obj!r}: give a units.Person or a units.Unit.")


@dataclass(frozen=True)
class UnitRec:
    id: int
    code: str
    name: str
    kind: str
    path: str
    cluster_id: int | None
    head_id: int | None

    @property
    def ancestor_ids(self) -> list[int]:
        """Nearest first, excluding the unit itself."""
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return list(reversed(ids[:-1]))

    @classmethod
    def of(cls, unit: Unit) -> "UnitRec":
        return cls(unit.pk, unit.code, unit.name, unit.kind, unit.path, unit.cluster_id, unit.head_id)


UNIT_FIELDS = ("id", "code", "name", "kind", "path", "cluster_id", "head_id")


def _ids_filter(field: str, ids) -> Q:
    ids = list(ids)
    return Q(**{f"{field}__in": ids}) if len(ids) <= IN_LIMIT else Q()


class Records:
    def __init__(self, first_year: int, last_year: int):
        self.first_year, self.last_year = first_year, last_year
        self.units: dict[int, UnitRec] = {}
        self.members: dict[int, list[SubjectRef]] = defaultdict(list)
        self.heads: dict[int, list[UnitRec]] = defaultdict(list)
        self.person_ratings: dict[tuple[int, int], str] = {}
        self.unit_ratings: dict[tuple[int, int], str] = {}
        self.person_honours: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.unit_honours: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.initiatives: dict[int, list[tuple]] = defaultdict(list)
        self.discipline: dict[int, list[tuple]] = defaultdict(list)
        self.par = {}
        self.cluster_scores = {}
        self.holders: dict[tuple[int, str, int], int] = {}
        self.queries_plan: list[str] = []

    # -- reading -------------------------------------------------------------------------------------
    def rating(self, subject: SubjectRef, year: int) -> str | None:
        table = self.person_ratings if subject.kind == PERSON else self.unit_ratings
        return table.get((subject.id, year))

    def honours(self, subject: SubjectRef, year: int) -> set[str]:
        table = self.person_honours if subject.kind == PERSON else self.unit_honours
        return table.get((subject.id, year), set())

    def par_of(self, unit_id: int, year: int):
        return self.par.get((unit_id, year))

    def unit(self, unit_id: int) -> UnitRec | None:
        return self.units.get(unit_id)

    # -- loading -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, subjects, first_year: int, last_year: int, quota_awards=(), ladders: Ladders | None = None):
        """subjects: Person / Unit objects (or SubjectRef). Queries: members, headed units, person
        ratings, unit ratings, honours, initiatives, discipline, PAR results, and quota holder counts
        (when asked) — never one per subject."""
        subjects = list(subjects)
        rec = cls(first_year, last_year)
        years = list(range(first_year, last_year + 1))
        person_ids, unit_ids = set(), set()
        for obj in subjects:
            ref = SubjectRef.of(obj)
            if ref.kind == PERSON:
                person_ids.add(ref.id)
            else:
                unit_ids.add(ref.id)
                if isinstance(obj, Unit):
                    rec.units[obj.pk] = UnitRec.of(obj)
        if unit_ids:
            members = Person.objects.filter(_ids_filter("unit_id", unit_ids)).values_list(
                "id", "code", "full_name", "unit_id"
            )
            for pid, code, name, uid in members:
                if uid in unit_ids:
                    rec.members[uid].append(SubjectRef(PERSON, pid, code, name, uid))
                    person_ids.add(pid)
        if person_ids:
            headed = Unit.objects.filter(_ids_filter("head_id", person_ids), head__isnull=False)
            for row in headed.values(*UNIT_FIELDS):
                if row["head_id"] in person_ids:
                    unit = UnitRec(**row)
                    rec.units.setdefault(unit.id, unit)
                    rec.heads[unit.head_id].append(unit)
            for pid, year, rating in PersonRating.objects.filter(
                _ids_filter("person_id", person_ids), year__in=years
            ).values_list("person_id", "year", "rating"):
                if pid in person_ids:
                    rec.person_ratings[(pid, year)] = rating
            for pid, title, scope, on in Initiative.objects.filter(
                _ids_filter("person_id", person_ids), recognised_on__year__gte=first_year,
                recognised_on__year__lte=last_year,
            ).values_list("person_id", "title", "scope", "recognised_on"):
                if pid in person_ids:
                    rec.initiatives[pid].append((on, scope, title))
            for pid, level, on in DisciplineRecord.objects.filter(
                _ids_filter("person_id", person_ids), decided_on__year__gte=first_year,
                decided_on__year__lte=last_year,
            ).values_list("person_id", "level", "decided_on"):
                if pid in person_ids:
                    rec.discipline[pid].append((on, level))
        if unit_ids:
            for uid, year, rating in UnitRating.objects.filter(
                _ids_filter("unit_id", unit_ids), year__in=years
            ).values_list("unit_id", "year", "rating"):
                if uid in unit_ids:
                    rec.unit_ratings[(uid, year)] = rating
        if person_ids or unit_ids:
            if len(person_ids) + len(unit_ids) <= IN_LIMIT:
                who = Q(person_id__in=list(person_ids)) | Q(unit_id__in=list(unit_ids))
            else:
                who = Q()
            for pid, uid, year, award in Honour.objects.filter(who, year__in=years).values_list(
                "person_id", "unit_id", "year", "award_id"
            ):
                if pid is not None and pid in person_ids:
                    rec.person_honours[(pid, year)].add(award)
                elif uid is not None and uid in unit_ids:
                    rec.unit_honours[(uid, year)].add(award)
        par_rows = list(ParResult.objects.filter(year__in=years).values(*PAR_FIELDS))
        rec.par = build_par_infos(par_rows, ladders or Ladders.load())
        if unit_ids:
            rec.cluster_scores = load_cluster_scores(years)
        if quota_awards:
            unit_scope = set(unit_ids) | {SubjectRef.of(o).unit_id for o in subjects}
            counts = (
                Honour.objects.filter(_ids_filter("person__unit_id", unit_scope), person__isnull=False,
                                      award_id__in=list(quota_awards), year__in=years)
                .values_list("person__unit_id", "award_id", "year")
                .annotate(n=Count("id"))
            )
            for uid, award, year, n in counts:
                rec.holders[(uid, award, year)] = n
        return rec

