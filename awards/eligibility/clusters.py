"""Emulation cluster scores (units.ClusterScore) with their rank inside the cluster: the published rank
when given, else derived from the score (descending, ties sharing a rank)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ClusterInfo:
    unit_id: int
    year: int
    cluster: str
    score: Decimal
    rank: int
    rank_source: str  # "published" | "computed"
    size: int

    def evidence(self) -> dict:
        return {"cluster": self.cluster, "score": str(self.score), "rank": self.rank, "rank_source": self.rank_source,
                "units_in_cluster": self.size}


def rank_scores(rows) -> dict[tuple[int, int], ClusterInfo]:
    """rows: (unit_id, year, cluster name, score, published rank or None)."""
    groups = defaultdict(list)
    for row in rows:
        groups[(row[2], row[1])].append(row)
    infos = {}
    for (cluster, year), members in groups.items():
        members.sort(key=lambda r: r[3], reverse=True)
        rank, previous = 0, None
        for index, (unit_id, _year, _cluster, score, published) in enumerate(members, start=1):
            if score != previous:
                rank, previous = index, score
            infos[(unit_id, year)] = ClusterInfo(unit_id, year, cluster, Decimal(score), published or rank,
                                                 "published" if published else "computed", len(members))
    return infos


def load_cluster_scores(years) -> dict[tuple[int, int], ClusterInfo]:
    """Every cluster score of the years, in one query (a rank needs the whole cluster)."""
    from units.models import ClusterScore

    rows = ClusterScore.objects.filter(year__in=list(years)).values_list(
        "unit_id", "year", "cluster__name", "score", "rank")
    return rank_scores(list(rows))
