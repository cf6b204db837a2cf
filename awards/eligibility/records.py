"""A snapshot of every record an evaluation needs, loaded in a constant number of queries (`__in` queries
for small batches; for large batches the range of the batch's ids in the year window, filtered in Python),
then read by the criterion kinds in pure Python."""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q

from units import timeline
from units.enums import INTERNAL_KINDS, HonourKind, ReorganisationKind
from units.models import (
    Assignment,
    DisciplineRecord,
    Headship,
    Honour,
    Initiative,
    ParResult,
    Person,
    PersonRating,
    Reorganisation,
    Unit,
    UnitRating,
)

from ..par import PAR_FIELDS, Ladders, build_par_infos
from .clusters import load_cluster_scores
from .verdict import COLLECTIVE, PERSON

# Above this many ids an `__in` list is dropped and the range of the ids is read instead: the number of
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

# How far before an award's window the snapshot reads PAR results (a basis of "latest published" may fall
# back to an earlier year) and discipline records (a term decided earlier may still run into the window).
PAR_LOOKBACK = 2
DISCIPLINE_LOOKBACK = 3


NO_HONOURS: frozenset = frozenset()


class InitiativeRec(NamedTuple):
    recognised_on: object
    scope: str
    title: str
    kind: str
    used_award: str | None
    used_year: int | None


class DisciplineRec(NamedTuple):
    decided_on: object
    level: str
    term_until: object


def _ids_filter(field: str, ids) -> Q:
    """`field__in` for a small batch; for a large one the range of the ids (one indexed range, no parameter
    per id), the rows outside the batch being dropped in Python by the caller."""
    ids = list(ids)
    if len(ids) <= IN_LIMIT:
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__gte": min(ids), f"{field}__lte": max(ids)})


class Records:
    def __init__(self, first_year: int, last_year: int):
        self.first_year, self.last_year = first_year, last_year
        self.as_of = timeline.evaluation_date(last_year)
        self.units: dict[int, UnitRec] = {}
        self.members: dict[int, list[SubjectRef]] = defaultdict(list)
        self.heads: dict[int, list[UnitRec]] = defaultdict(list)  # undated heads (Unit.head)
        self.headships: dict[int, list[tuple]] = defaultdict(list)  # person -> (UnitRec, start, until)
        self.person_ratings: dict[tuple[int, int], str] = {}
        self.unit_ratings: dict[tuple[int, int], str] = {}
        self.person_honours: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.unit_honours: dict[tuple[int, int], set[str]] = defaultdict(set)
        self.other_honours: dict[tuple[str, int, int], set[tuple[str, str]]] = defaultdict(set)
        self.initiatives: dict[int, list[InitiativeRec]] = defaultdict(list)
        self.discipline: dict[int, list[tuple]] = defaultdict(list)  # decided in the window: (on, level)
        self.discipline_terms: dict[int, list[DisciplineRec]] = defaultdict(list)
        self.par = {}
        self.par_by_unit: dict[int, dict[int, tuple]] = defaultdict(dict)  # unit -> year -> (info, published)
        self.cluster_scores = {}
        self.ladders: Ladders | None = None
        self.holders: dict[tuple[int, str, int], int] = {}
        self.queries_plan: list[str] = []

    # -- reading -------------------------------------------------------------------------------------
    def rating(self, subject: SubjectRef, year: int) -> str | None:
        table = self.person_ratings if subject.kind == PERSON else self.unit_ratings
        return table.get((subject.id, year))

    def honours(self, subject: SubjectRef, year: int) -> set[str]:
        """Annual honours only: they alone build consecutive-year chains."""
        table = self.person_honours if subject.kind == PERSON else self.unit_honours
        return table.get((subject.id, year), NO_HONOURS)

    def non_annual_honours(self, subject: SubjectRef, year: int) -> set[tuple[str, str]]:
        return self.other_honours.get((subject.kind, subject.id, year), NO_HONOURS)

    def par_for(self, unit_id: int, year: int, basis: str):
        """(ParInfo or None, PAR year used or None) for a unit's gate in `year` under the rule set's basis."""
        return timeline.effective_par(self.par_by_unit.get(unit_id, {}), year, basis, self.as_of)

    def par_group(self, unit_kind: str, year: int) -> str | None:
        """The PAR group a unit kind ranks in for `year` (data: ParGroupKind), None when it is not scored."""
        return self.ladders.group_of(unit_kind, year) if self.ladders is not None else None

    def heads_in(self, person_id: int, year: int) -> list[UnitRec]:
        """Units the person headed at any time in `year` (dated headships, plus undated `Unit.head`)."""
        first, last = timeline.year_bounds(year)
        dated = [unit for unit, start, until in self.headships.get(person_id, ())
                 if timeline.overlaps(start, until, first, last)]
        seen = {u.id for u in dated}
        return dated + [u for u in self.heads.get(person_id, ()) if u.id not in seen]

    def unit(self, unit_id: int) -> UnitRec | None:
        return self.units.get(unit_id)

    # -- loading -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, subjects, first_year: int, last_year: int, quota_awards=(), ladders: Ladders | None = None,
             wide: "Provincewide | None" = None):
        """subjects: Person / Unit objects (or SubjectRef). Queries: members (offices, people, assignments),
        headed units, person ratings, unit ratings, honours, initiatives, discipline, PAR results, renames,
        and quota holder counts (when asked) — never one per subject. `wide`: the PAR and cluster ranks
        already loaded (a campaign-wide run loads them once for all its chunks)."""
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
            person_ids |= _load_members(rec, unit_ids, last_year)
        if person_ids:
            _load_heads(rec, person_ids, first_year, last_year)
            for pid, year, rating in PersonRating.objects.filter(
                _ids_filter("person_id", person_ids), year__in=years
            ).order_by().values_list("person_id", "year", "rating"):
                if pid in person_ids:
                    rec.person_ratings[(pid, year)] = rating
            for pid, title, scope, on, kind, used_award, used_year in Initiative.objects.filter(
                _ids_filter("person_id", person_ids), recognised_on__year__gte=first_year,
                recognised_on__year__lte=last_year,
            ).order_by().values_list("person_id", "title", "scope", "recognised_on", "kind", "used_for_award_id",
                          "used_for_year"):
                if pid in person_ids:
                    rec.initiatives[pid].append(InitiativeRec(on, scope, title, kind, used_award, used_year))
            for pid, level, on, until in DisciplineRecord.objects.filter(
                _ids_filter("person_id", person_ids), decided_on__year__gte=first_year - DISCIPLINE_LOOKBACK,
                decided_on__year__lte=last_year,
            ).values_list("person_id", "level", "decided_on", "term_until"):
                if pid in person_ids:
                    rec.discipline_terms[pid].append(DisciplineRec(on, level, until))
                    if on.year >= first_year:
                        rec.discipline[pid].append((on, level))
        renamed = _load_renames(unit_ids) if unit_ids else {}
        history_ids = unit_ids | set(renamed)
        if unit_ids:
            for uid, year, rating in UnitRating.objects.filter(
                _ids_filter("unit_id", history_ids), year__in=years
            ).order_by().values_list("unit_id", "year", "rating"):
                if uid in unit_ids:
                    rec.unit_ratings[(uid, year)] = rating
                elif uid in renamed:
                    rec.unit_ratings.setdefault((renamed[uid], year), rating)
        if person_ids or unit_ids:
            if len(person_ids) + len(history_ids) <= IN_LIMIT:
                who = Q(person_id__in=list(person_ids)) | Q(unit_id__in=list(history_ids))
            else:
                who = Q(pk__in=[])
                for field, ids in (("person_id", person_ids), ("unit_id", history_ids)):
                    if ids:
                        who |= _ids_filter(field, ids)
            for pid, uid, year, award, kind in Honour.objects.filter(who, year__in=years).order_by().values_list(
                "person_id", "unit_id", "year", "award_id", "kind"
            ):
                if pid is not None and pid in person_ids:
                    key, table, other = (pid, year), rec.person_honours, (PERSON, pid, year)
                elif uid is not None and (uid in unit_ids or uid in renamed):
                    uid = uid if uid in unit_ids else renamed[uid]
                    key, table, other = (uid, year), rec.unit_honours, (COLLECTIVE, uid, year)
                else:
                    continue
                if kind == HonourKind.ANNUAL:
                    table[key].add(award)
                else:
                    rec.other_honours[other].add((award, kind))
        rec.ladders = ladders or Ladders.load()
        if wide is None:
            wide = Provincewide.load(first_year, last_year, rec.ladders, clusters=bool(unit_ids))
        rec.par, rec.par_by_unit = wide.par, wide.par_by_unit
        if renamed:  # a renamed unit keeps its PAR history (on a copy: a shared snapshot stays as loaded)
            rec.par_by_unit = defaultdict(dict, rec.par_by_unit)
            for old, new in renamed.items():
                merged = dict(rec.par_by_unit.get(new, {}))
                for year, found in rec.par_by_unit.get(old, {}).items():
                    merged.setdefault(year, found)
                rec.par_by_unit[new] = merged
        if unit_ids:
            rec.cluster_scores = wide.cluster_scores
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


@dataclass
class Provincewide:
    """What is read whole whatever the batch: PAR results (a rank needs the unit's whole group) and emulation
    cluster scores (a rank needs the whole cluster), for the years of a window. Read-only once loaded."""

    par: dict
    par_by_unit: dict
    cluster_scores: dict

    @classmethod
    def load(cls, first_year: int, last_year: int, ladders: Ladders, clusters: bool = True) -> "Provincewide":
        par_years = list(range(first_year - PAR_LOOKBACK, last_year + 1))
        par_rows = list(ParResult.objects.filter(year__in=par_years).order_by().values(*PAR_FIELDS, "published_on"))
        par = build_par_infos(par_rows, ladders)
        par_by_unit: dict[int, dict[int, tuple]] = defaultdict(dict)  # unit -> year -> (info, published)
        for row in par_rows:
            par_by_unit[row["unit_id"]][row["year"]] = (par[(row["unit_id"], row["year"])], row["published_on"])
        scores = load_cluster_scores(range(first_year, last_year + 1)) if clusters else {}
        return cls(par, dict(par_by_unit), scores)  # a plain dict: reading a missing unit adds nothing


def _load_members(rec: Records, unit_ids: set[int], year: int) -> set[int]:
    """A collective's members for `year`: the people whose unit that year (their assignment on 31 December,
    else the last one that year, else `Person.unit`) is the unit or one of its internal offices — not an
    attached unit that is a collective of its own. Returns the member ids. Four queries."""
    first, last = timeline.year_bounds(year)
    owner = {uid: uid for uid in unit_ids}  # member unit -> the collective(s) it counts for
    extra: dict[int, set[int]] = defaultdict(set)
    offices = list(Unit.objects.filter(kind__in=list(INTERNAL_KINDS)).order_by().values_list("id", "parent_id"))
    parent_of = dict(offices)
    for oid in parent_of:
        node = parent_of[oid]
        while node is not None:  # climb through offices to the first unit that is not an office
            if node in unit_ids:
                extra[oid].add(node)
            node = parent_of.get(node)
    counted = set(unit_ids) | set(extra)
    direct = {pid: (code, name, uid) for pid, code, name, uid in Person.objects.filter(
        _ids_filter("unit_id", counted)).order_by().values_list("id", "code", "full_name", "unit_id")
        if uid in counted}
    assigned_here = {pid for pid, uid in Assignment.objects.filter(
        _ids_filter("unit_id", counted), timeline.overlap_q(first, last)).order_by().values_list("person_id", "unit_id")
        if uid in counted}
    candidates = set(direct) | assigned_here
    periods: dict[int, list[tuple]] = defaultdict(list)
    for pid, start, until, uid in Assignment.objects.filter(
        _ids_filter("person_id", candidates), timeline.overlap_q(first, last)
    ).order_by().values_list("person_id", "start_on", "until", "unit_id"):
        if pid in candidates:
            periods[pid].append((start, until, uid))
    missing = assigned_here - set(direct)
    if missing:
        for pid, code, name, uid in Person.objects.filter(pk__in=list(missing)).order_by().values_list(
                "id", "code", "full_name", "unit_id"):
            direct[pid] = (code, name, uid)
    members = set()
    # the order of Person's ordering (name, code), the people found only through an assignment last
    for pid, (code, name, home) in sorted(direct.items(), key=lambda i: (i[0] in missing, i[1][1], i[1][0])):
        uid = timeline.unit_in_year(periods[pid], year) if periods.get(pid) else home
        targets = ({owner[uid]} if uid in owner else set()) | extra.get(uid, set())
        for target in targets:
            rec.members[target].append(SubjectRef(PERSON, pid, code, name, uid))
            members.add(pid)
    return members


def _load_heads(rec: Records, person_ids: set[int], first_year: int, last_year: int) -> None:
    """Dated headships in the window, and `Unit.head` for units that have no dated headship. Three queries."""
    first, last = timeline.year_bounds(first_year)[0], timeline.year_bounds(last_year)[1]
    rows = [row for row in Headship.objects.filter(
        _ids_filter("person_id", person_ids), timeline.overlap_q(first, last)
    ).order_by().values_list("person_id", "unit_id", "start_on", "until") if row[0] in person_ids]
    undated = {uid: head_id for uid, head_id in Unit.objects.filter(
        _ids_filter("head_id", person_ids), head__isnull=False).order_by().values_list("id", "head_id")
        if head_id in person_ids}
    unit_ids = {row[1] for row in rows} | set(undated)
    units = {row[0]: UnitRec(*row) for row in Unit.objects.filter(_ids_filter("pk", unit_ids)).order_by()
             .values_list(*UNIT_FIELDS) if row[0] in unit_ids} if unit_ids else {}
    dated_units = set(Headship.objects.filter(_ids_filter("unit_id", undated)).order_by()
                      .values_list("unit_id", flat=True).distinct()) if undated else set()
    for unit in units.values():
        rec.units.setdefault(unit.id, unit)
    # Headship's ordering (the unit's path, then the latest start first), kept for the explanation
    rows.sort(key=lambda row: (units[row[1]].path, -row[2].toordinal() if row[2] else 0))
    for pid, uid, start, until in rows:
        rec.headships[pid].append((units[uid], start, until))
    for uid in sorted(undated, key=lambda uid: units[uid].path):
        if uid not in dated_units:
            rec.heads[undated[uid]].append(units[uid])


def _load_renames(unit_ids: set[int]) -> dict[int, int]:
    """old unit id -> the subject it was renamed into (transitively), for the subjects `unit_ids`."""
    edges = dict(Reorganisation.objects.filter(kind=ReorganisationKind.RENAME, new_unit__isnull=False).order_by()
                 .values_list("old_unit_id", "new_unit_id"))
    out = {}
    for old in edges:
        node, seen = old, set()
        while node in edges and node not in seen:
            seen.add(node)
            node = edges[node]
        if node in unit_ids and old != node:
            out[old] = node
    return out
