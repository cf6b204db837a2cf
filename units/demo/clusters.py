"""Emulation cluster scores for the demo: each cluster scores its units every year by its own criteria
(not the PAR Index), so the leader of a cluster is often not its best PAR unit. Scores are percentages of
the cluster's maximum; ranks are left blank (derived from the score) except in the last year, published."""

import random
from decimal import Decimal

from units.models import ClusterScore

from .builder import UnitInfo, active_years


def build_cluster_scores(rng: random.Random, infos: list[UnitInfo], years: list[int]) -> int:
    rows = []
    for index, year in enumerate(years):
        by_cluster: dict[int, list[tuple[float, UnitInfo]]] = {}
        for info in infos:
            unit = info.unit
            if unit.cluster_id is None or year not in active_years(unit, years):
                continue
            by_cluster.setdefault(unit.cluster_id, []).append((round(rng.uniform(80.0, 99.0), 2), info))
        for cluster_id, scored in by_cluster.items():
            scored.sort(key=lambda pair: (-pair[0], pair[1].unit.code))
            for rank, (score, info) in enumerate(scored, start=1):
                rows.append(ClusterScore(year=year, cluster_id=cluster_id, unit=info.unit,
                                         score=Decimal(f"{score:.2f}"),
                                         rank=rank if index == len(years) - 1 else None))
    ClusterScore.objects.bulk_create(rows, batch_size=500)
    return len(rows)
