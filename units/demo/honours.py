"""Units' ratings and the honours held before Laurel (source "imported"), consistent with the records.

Titles decided by a department head or commune chair (LDTT, CSTDCS, TTLDTT of a sub-unit) share one
decision of that organisation per year, e.g. "57/QĐ-SNV"; provincial ones (BK_TINH, TTLDXS, TTLDTT of an
agency or commune) carry "…/QĐ-UBND". All are dated early the next year, except the open round's year (the
last one), whose grassroots titles were decided at the units' year-end reviews just before today. Provincial
titles of the last year are left out: that year's provincial campaign is the one the demo runs in Laurel."""

import datetime
import math
import random
from dataclasses import dataclass

from units.enums import DISCIPLINE_RANK, RATING_RANK, DisciplineLevel, ParClass, RatingLevel, UnitKind
from units.models import Honour, UnitRating

from .builder import PersonInfo, UnitInfo, active_years
from .records import GOOD_OR_BETTER, LEVELS, SCORED_FROM, Records, _score
from .rounds import not_after

LDTT_SHARE = 0.93  # of good-or-better, undisciplined person-years
CSTDCS_QUOTA = 0.15  # of an organisation's LDTT holders
UNIT_ODDS = [0.35, 0.56, 0.08, 0.01]
UNIT_ODDS_BY_PAR = {
    ParClass.EXCELLENT: [0.55, 0.45, 0, 0],
    ParClass.GOOD: [0.45, 0.55, 0, 0],
    ParClass.FAIR: [0.2, 0.75, 0.05, 0],
    ParClass.AVERAGE: [0, 0.6, 0.4, 0],
    ParClass.WEAK: [0, 0, 0.9, 0.1],
}


class Decisions:
    """Deterministic decision numbers and dates, one per issuer and year."""

    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.numbers: dict[tuple[str, int], tuple[str, datetime.date]] = {}

    def _get(self, issuer: str, year: int, low: int, high: int, month_high: int):
        key = (issuer, year)
        if key not in self.numbers:
            date = not_after(datetime.date(year + 1, self.rng.randint(1, month_high), self.rng.randint(2, 28)),
                             self.today)
            self.numbers[key] = (f"{self.rng.randint(low, high)}/QĐ-{issuer}", date)
        return self.numbers[key]

    def local(self, org, year: int):
        issuer = org.code.split("-", 1)[1] if org.kind in (UnitKind.AGENCY, UnitKind.ENTERPRISE) else "UBND"
        return self._get(f"{issuer}#{org.pk}", year, 8, 240, 2)

    def provincial(self, award: str, year: int):
        return self._get(f"UBND@{award}", year, 150, 980, 3)


def _clean(number: str) -> str:
    """Drop the bookkeeping suffixes ("#pk", "@award") that keep issuers apart."""
    head, issuer = number.split("/QĐ-")
    return f"{head}/QĐ-{issuer.split('#')[0].split('@')[0]}"


@dataclass
class PersonHonours:
    ldtt: set[tuple[int, int]]
    cstdcs: set[tuple[int, int]]


def build_person_honours(rng, people: list[PersonInfo], records: Records, decisions: Decisions) -> PersonHonours:
    years, forced = records.years, records.cstd_candidates | records.bk_candidates
    ldtt = set()
    for p in people:
        for year in years:
            key = (p.person.pk, year)
            if (records.ratings.get(key) in GOOD_OR_BETTER and key not in records.disciplined
                    and (p.person.pk in forced or rng.random() < LDTT_SHARE)):
                ldtt.add(key)
    by_org: dict[tuple[int, int], list[PersonInfo]] = {}
    for p in people:
        for year in years:
            if (p.person.pk, year) in ldtt:
                by_org.setdefault((p.info.org.pk, year), []).append(p)
    cstdcs = set()
    for (_org, year), holders in by_org.items():
        eligible = [p for p in holders if records.initiatives.get((p.person.pk, year))]
        must = [p for p in eligible if p.person.pk in records.cstd_candidates]
        others = [p for p in eligible if p.person.pk not in records.cstd_candidates]
        others.sort(key=lambda p: (-RATING_RANK[records.ratings[(p.person.pk, year)]], rng.random()))
        room = max(math.floor(len(holders) * CSTDCS_QUOTA) - len(must), 0)
        cstdcs.update((p.person.pk, year) for p in must + others[:room])

    honours = []
    for p in people:
        for year in years:
            key = (p.person.pk, year)
            if key in ldtt:
                honours.append(_person_honour(p, year, "LDTT", decisions.local(p.info.org, year)))
            if key in cstdcs:
                honours.append(_person_honour(p, year, "CSTDCS", decisions.local(p.info.org, year)))
    for year in years[:-1]:
        pool = [p for p in people if p.person.pk not in forced and p.role != "head"
                and records.ratings.get((p.person.pk, year)) == RatingLevel.EXCELLENT
                and (records.initiatives.get((p.person.pk, year))
                     or records.initiatives.get((p.person.pk, year - 1)))]
        for p in rng.sample(pool, min(len(pool), max(1, len(people) // 600))):
            honours.append(_person_honour(p, year, "BK_TINH", decisions.provincial("BK_TINH", year)))
    Honour.objects.bulk_create(honours, batch_size=1000)
    return PersonHonours(ldtt, cstdcs)


def _person_honour(p: PersonInfo, year: int, award: str, decision) -> Honour:
    number, date = decision
    return Honour(person=p.person, year=year, award_id=award, decision_number=_clean(number), decided_on=date,
                  source=Honour.Source.IMPORTED)


@dataclass
class MemberStats:
    members: int = 0
    completed: int = 0
    ldtt: int = 0
    cstdcs: int = 0
    warned: bool = False


def _member_stats(people, records: Records, honours: PersonHonours) -> dict[tuple[int, int], MemberStats]:
    """Per (unit pk, year): the people of the unit's whole subtree."""
    stats: dict[tuple[int, int], MemberStats] = {}
    warning = DISCIPLINE_RANK[DisciplineLevel.WARNING]
    for p in people:
        ancestors = [int(part) for part in p.info.unit.path.strip("/").split("/")]
        for year in records.years:
            key = (p.person.pk, year)
            if key not in records.ratings:
                continue
            level = records.disciplined.get(key)
            for unit_pk in ancestors:
                s = stats.setdefault((unit_pk, year), MemberStats())
                s.members += 1
                s.completed += records.ratings[key] != RatingLevel.NOT_COMPLETED
                s.ldtt += key in honours.ldtt
                s.cstdcs += key in honours.cstdcs
                s.warned |= bool(level) and DISCIPLINE_RANK[level] >= warning
    return stats


def build_unit_records(rng, infos: list[UnitInfo], people, records: Records, par_class,
                       honours: PersonHonours | None, decisions: Decisions) -> None:
    years = records.years
    stats = _member_stats(people, records, honours) if honours else {}
    ratings, unit_honours = [], []
    for info in infos:
        unit = info.unit
        if unit.kind == UnitKind.PROVINCE:
            continue
        for year in active_years(unit, years):
            klass = par_class.get((unit.pk, year))
            rating = rng.choices(LEVELS, weights=UNIT_ODDS_BY_PAR.get(klass, UNIT_ODDS))[0]
            ratings.append(UnitRating(unit=unit, year=year, rating=rating,
                                      score=_score(rng, rating) if year >= SCORED_FROM else None))
            s = stats.get((unit.pk, year))
            if not s or s.warned:
                continue
            if (year != years[-1] and rating == RatingLevel.EXCELLENT and s.completed == s.members
                    and s.ldtt >= 0.7 * s.members and s.cstdcs >= 1 and rng.random() < 0.7):
                award, decision = "TTLDXS", decisions.provincial("TTLDXS", year)
            elif rating in GOOD_OR_BETTER and s.ldtt > 0.5 * s.members and rng.random() < 0.85:
                award = "TTLDTT"
                decision = (decisions.provincial("TTLDTT", year) if unit.depth == 1
                            else decisions.local(info.org, year))
            else:
                continue
            unit_honours.append(Honour(unit=unit, year=year, award_id=award, decision_number=_clean(decision[0]),
                                       decided_on=decision[1], source=Honour.Source.IMPORTED))
    UnitRating.objects.bulk_create(ratings, batch_size=1000)
    Honour.objects.bulk_create(unit_honours, batch_size=1000)
