"""PAR Index classification and rank within group. Bands are data (ParBandLadder); a published
classification or rank overrides the derived one. Boundaries are exact Decimals: on the default ladder
80.00 is good and 79.99 is fair."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from units.enums import ParGroup

from .models import ParBandLadder, ParGroupKind


@dataclass(frozen=True)
class ParInfo:
    unit_id: int
    year: int
    score: Decimal
    par_class: str | None
    class_source: str  # "published" | "derived" | "none"
    rank: int | None
    rank_source: str  # "published" | "computed"
    group: str | None
    group_size: int
    is_last: bool

    def evidence(self) -> dict:
        return {
            "year": self.year,
            "score": str(self.score),
            "class": self.par_class,
            "class_source": self.class_source,
            "rank": self.rank,
            "rank_source": self.rank_source,
            "group": self.group,
            "group_size": self.group_size,
            "last_in_group": self.is_last,
        }


class Ladders:
    """All band ladders and the PAR groups of unit kinds (ParGroupKind), loaded once (three queries); pick the
    ladder for a group and year, and the group a unit kind ranks in for a year (None: not scored)."""

    def __init__(self, ladders, group_kinds=()):
        self._by_group = defaultdict(list)
        for ladder in ladders:
            bands = sorted(((b.lower_bound, b.par_class) for b in ladder.bands.all()), reverse=True)
            self._by_group[ladder.group].append((ladder.effective_from_year, ladder.name, bands))
        for entries in self._by_group.values():
            entries.sort(key=lambda e: e[0], reverse=True)
        self._kinds = defaultdict(list)  # unit kind -> [(from year, group or "")], newest first
        for unit_kind, group, from_year in group_kinds:
            self._kinds[unit_kind].append((from_year, group))
        for entries in self._kinds.values():
            entries.sort(reverse=True)
        self._group_cache: dict[tuple[str, int], str | None] = {}
        self._class_cache: dict = {}  # (score, group, year) -> class: a batch classifies the same scores often

    @classmethod
    def load(cls) -> "Ladders":
        return cls(ParBandLadder.objects.prefetch_related("bands"),
                   ParGroupKind.objects.values_list("unit_kind", "group", "effective_from_year"))

    def group_of(self, unit_kind: str, year: int) -> str | None:
        """The PAR group a unit kind ranks in for a year, or None when the PAR Index does not score it."""
        key = (unit_kind, year)
        try:
            return self._group_cache[key]
        except KeyError:
            pass
        group = next((g for from_year, g in self._kinds.get(unit_kind, ()) if from_year <= year), None) or None
        self._group_cache[key] = group
        return group

    def ladder_for(self, group: str | None, year: int):
        for from_year, name, bands in self._by_group.get(group or ParGroup.AGENCIES, ()):
            if from_year <= year:
                return name, bands
        return None

    def classify(self, score: Decimal, group: str | None, year: int) -> str | None:
        key = (score, group, year)
        try:
            return self._class_cache[key]
        except (KeyError, TypeError):
            pass
        par_class = self._classify(score, group, year)
        try:
            self._class_cache[key] = par_class
        except TypeError:  # an unhashable score
            pass
        return par_class

    def _classify(self, score, group: str | None, year: int) -> str | None:
        found = self.ladder_for(group, year)
        if found is None or score is None:
            return None
        score = Decimal(score)
        for lower_bound, par_class in found[1]:
            if score >= lower_bound:
                return par_class
        return None


def build_par_infos(rows, ladders: Ladders) -> dict[tuple[int, int], ParInfo]:
    """rows: dicts with unit_id, year, score, classification, rank, unit__kind. Computes the class
    (published, else derived) and the rank within the unit's group and year (published, else by score
    descending with ties sharing a rank); the last in the group is the one holding the worst rank."""
    groups = defaultdict(list)
    for row in rows:
        groups[(ladders.group_of(row["unit__kind"], row["year"]), row["year"])].append(row)
    infos = {}
    for (group, year), members in groups.items():
        members.sort(key=lambda r: r["score"], reverse=True)
        computed, previous, rank = {}, None, 0
        for index, row in enumerate(members, start=1):
            if row["score"] != previous:
                rank, previous = index, row["score"]
            computed[row["unit_id"]] = rank
        effective = {r["unit_id"]: (r["rank"] if r["rank"] else computed[r["unit_id"]]) for r in members}
        worst = max(effective.values())
        size = len(members)
        for row in members:
            published = row["classification"] or None
            derived = None if published else ladders.classify(row["score"], group, year)
            par_class = published or derived
            infos[(row["unit_id"], year)] = ParInfo(
                unit_id=row["unit_id"],
                year=year,
                score=Decimal(row["score"]),
                par_class=par_class,
                class_source="published" if published else ("derived" if derived else "none"),
                rank=effective[row["unit_id"]] if group else None,
                rank_source="published" if row["rank"] else "computed",
                group=group,
                group_size=size,
                is_last=bool(group) and size > 1 and effective[row["unit_id"]] == worst,
            )
    return infos


PAR_FIELDS = ("unit_id", "year", "score", "classification", "rank", "unit__kind", "unit__cluster_id")


def par_infos_for_years(years, ladders: Ladders | None = None) -> dict[tuple[int, int], ParInfo]:
    """Every unit's PAR info for the given years (ranks need the whole group, so no unit filter)."""
    from units.models import ParResult

    ladders = ladders or Ladders.load()
    rows = list(ParResult.objects.filter(year__in=list(years)).values(*PAR_FIELDS))
    return build_par_infos(rows, ladders)


def par_info(unit, year: int) -> ParInfo | None:
    return par_infos_for_years([year]).get((unit.pk, year))


def par_bands(year: int, group: str = ParGroup.AGENCIES) -> list[tuple[str, float, float]]:
    """The ladder for a group and year as (class, lower bound inclusive, upper bound exclusive), best
    first; the best band's upper bound is 101 so that 100 falls inside it."""
    found = Ladders.load().ladder_for(group, year)
    if found is None:
        return []
    out, upper = [], 101.0
    for lower_bound, par_class in found[1]:
        out.append((par_class, float(lower_bound), upper))
        upper = float(lower_bound)
    return out
