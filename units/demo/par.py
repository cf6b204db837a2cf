"""PAR Index results for the demo: every agency and commune (and the former districts for the years
they existed) each year, spread so that every class occurs, one or two communes weak, ranked within
their group.

The published classification is left blank for the oldest year (imported without it), uses the
alternative ladder of the domain notes (good ≥ 85, fair 70–<85, average < 70) for the middle year and the
default ladder for the last year, so that a published class that differs from the derived one shows up. The
last year's rows serve the seeding only (units.demo.dated drops them while that year's Index is unpublished)."""

import random
from decimal import Decimal

from units.enums import ParClass
from units.models import ParResult

from .builder import UnitInfo, active_years

DEFAULT_LADDER = [(90, ParClass.EXCELLENT), (80, ParClass.GOOD), (70, ParClass.FAIR),
                  (50, ParClass.AVERAGE), (0, ParClass.WEAK)]
ALTERNATIVE_LADDER = [(85, ParClass.GOOD), (70, ParClass.FAIR), (0, ParClass.AVERAGE)]

# The spread of base scores within each group (lowest, highest); a weak commune or two sit below it.
BASE_RANGE = {"agencies": (63.0, 94.0), "communes": (57.0, 93.0), "districts": (62.0, 88.0)}
WEAK_BASES = (44.0, 49.0)
TREND_PER_YEAR = 1.0
NOISE = 3.0


def classify(score: float, ladder=DEFAULT_LADDER) -> str:
    for floor, klass in ladder:
        if score >= floor:
            return klass
    return ladder[-1][1]


def _published_ladder(index: int, count: int):
    if index == count - 1:
        return DEFAULT_LADDER
    if index == count - 2:
        return ALTERNATIVE_LADDER
    return None


def build_par(rng: random.Random, infos: list[UnitInfo], years: list[int]) -> dict[tuple[int, int], str]:
    """Insert the PAR results; return {(unit pk, year): class by the default ladder}."""
    from awards.par import Ladders  # the PAR groups of unit kinds are data, seeded by a migration

    ladders = Ladders.load()
    groups: dict[str, list[UnitInfo]] = {}
    for info in infos:
        group = next(filter(None, (ladders.group_of(info.unit.kind, y) for y in reversed(years))), None)
        if group:
            groups.setdefault(str(group), []).append(info)
    scores: dict[tuple[int, int], float] = {}
    for group, members in sorted(groups.items()):
        low, high = BASE_RANGE[group]
        step = (high - low) / max(len(members) - 1, 1)
        bases = [low + step * i for i in range(len(members))]
        rng.shuffle(bases)
        base_of = {info.unit.pk: base for info, base in zip(members, bases, strict=True)}
        if group == "communes":
            current = [i for i in members if i.unit.dissolved_on is None]
            for info, base in zip(rng.sample(current, len(WEAK_BASES)), WEAK_BASES, strict=True):
                base_of[info.unit.pk] = base
        for info in members:
            for index, year in enumerate(years):
                if year not in active_years(info.unit, years):
                    continue
                value = base_of[info.unit.pk] + TREND_PER_YEAR * index + rng.uniform(-NOISE, NOISE)
                scores[(info.unit.pk, year)] = round(min(max(value, 30.0), 99.5), 2)

    results = []
    for members in groups.values():
        for index, year in enumerate(years):
            ranked = sorted(
                (i for i in members if (i.unit.pk, year) in scores),
                key=lambda i: (-scores[(i.unit.pk, year)], i.unit.code),
            )
            ladder = _published_ladder(index, len(years))
            for rank, info in enumerate(ranked, start=1):
                score = scores[(info.unit.pk, year)]
                results.append(ParResult(
                    unit=info.unit, year=year, score=Decimal(f"{score:.2f}"), rank=rank,
                    classification=classify(score, ladder) if ladder else "",
                ))
    ParResult.objects.bulk_create(results, batch_size=500)
    return {key: classify(score) for key, score in scores.items()}
