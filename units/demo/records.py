"""People's yearly records for the demo: ratings, discipline and recognised initiatives, including a few
people built to be genuine candidates for CSTD_TINH and BK_TINH in the last year."""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from units.enums import DisciplineLevel, InitiativeScope, ParClass, RatingLevel, UnitKind
from units.models import DisciplineRecord, Initiative, PersonRating

from .builder import PersonInfo, active_years
from .rounds import not_after

SCORED_FROM = 2025  # ratings come from a 100-point score since 2025
SCORE_BANDS = {
    RatingLevel.EXCELLENT: (90.0, 99.5),
    RatingLevel.GOOD: (70.0, 89.75),
    RatingLevel.COMPLETED: (50.0, 69.75),
    RatingLevel.NOT_COMPLETED: (30.0, 49.75),
}
LEVELS = [RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED, RatingLevel.NOT_COMPLETED]
STAFF_ODDS = [0.17, 0.675, 0.143, 0.012]
HEAD_ODDS = [0.30, 0.62, 0.08, 0.0]
KEEP_LAST_YEAR = 0.6  # chance a rating repeats the year before (the marginal distribution is unchanged)
GOOD_OR_BETTER = {RatingLevel.EXCELLENT, RatingLevel.GOOD}
DISCIPLINE_SHARE = 0.005
DISCIPLINE_NOTES = [
    "Vi phạm quy định về thời gian làm việc",
    "Chậm giải quyết hồ sơ thủ tục hành chính quá hạn nhiều lần",
    "Vi phạm quy chế chi tiêu nội bộ",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về đạo đức công vụ",
]
TITLES = {
    "health": [
        "Ứng dụng bệnh án điện tử trong theo dõi người bệnh nội trú",
        "Cải tiến quy trình tiếp đón người bệnh tại khoa Khám bệnh",
        "Giải pháp giảm thời gian chờ kết quả xét nghiệm",
        "Nâng cao hiệu quả chăm sóc người bệnh sau phẫu thuật",
        "Quản lý tồn kho thuốc bằng mã vạch",
        "Tư vấn dinh dưỡng cho người bệnh đái tháo đường",
    ],
    "education": [
        "Ứng dụng bản đồ tư duy trong dạy học môn Ngữ văn",
        "Tổ chức câu lạc bộ Tiếng Anh nâng cao kỹ năng giao tiếp cho học sinh",
        "Dạy học theo dự án môn Vật lý gắn với thực tiễn địa phương",
        "Xây dựng ngân hàng câu hỏi trắc nghiệm trực tuyến",
        "Giáo dục kỹ năng sống cho học sinh qua hoạt động trải nghiệm",
        "Bồi dưỡng học sinh giỏi môn Toán theo chuyên đề",
    ],
    "general": [
        "Số hóa hồ sơ lưu trữ và tra cứu trực tuyến",
        "Rút ngắn thời gian giải quyết thủ tục hành chính một cửa",
        "Ứng dụng chữ ký số trong phát hành văn bản điện tử",
        "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức",
        "Cải tiến quy trình tiếp nhận và trả kết quả qua dịch vụ bưu chính công ích",
        "Nâng cao chất lượng tham mưu công tác thi đua, khen thưởng",
        "Tự động hóa báo cáo thống kê định kỳ",
        "Ứng dụng bản đồ số trong quản lý đất đai",
        "Tăng cường tuyên truyền pháp luật trên mạng xã hội",
        "Giải pháp nâng cao chỉ số hài lòng của người dân",
        "Quản lý tài sản công bằng phần mềm",
        "Chuẩn hóa quy trình kiểm soát hồ sơ xây dựng",
    ],
}
NATIONAL_BODY = {"health": "Bộ Y tế", "education": "Bộ Giáo dục và Đào tạo", "general": "Bộ Khoa học và Công nghệ"}
PROVINCIAL_BODY = "Hội đồng Sáng kiến tỉnh Khánh Hòa"


@dataclass
class Records:
    """What the honours step needs to know about each person-year."""

    years: list[int]
    today: datetime.date  # the day the demo is seeded as of: no record is dated after it
    ratings: dict[tuple[int, int], str] = field(default_factory=dict)
    disciplined: dict[tuple[int, int], str] = field(default_factory=dict)
    initiatives: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    cstd_candidates: set[int] = field(default_factory=set)
    bk_candidates: set[int] = field(default_factory=set)


def _area(p: PersonInfo) -> str:
    template = p.info.node.template
    if template in ("benh_vien", "tram_y_te") or p.info.org.code.endswith("-SYT"):
        return "health"
    if template == "truong" or p.info.org.code.endswith("-SGDDT"):
        return "education"
    return "general"


def _choose_candidates(rng, people: list[PersonInfo], years, par_class) -> tuple[set[int], set[int]]:
    """One candidate per organisation, from organisations big enough for a CSTDCS quota; plus the head of
    the weakest commune (a CSTD_TINH candidate whom the PAR gate should stop) and the head of an agency
    classed average (a BK_TINH candidate likewise)."""
    last = years[-1]
    org_size: dict[int, int] = {}
    for p in people:
        org_size[p.info.org.pk] = org_size.get(p.info.org.pk, 0) + 1
    pool = [p for p in people if p.role != "head" and p.info.unit.dissolved_on is None
            and p.info.org.kind != UnitKind.PROVINCE and org_size[p.info.org.pk] >= 14]
    rng.shuffle(pool)
    count = max(2, len(people) // 350)
    cstd, bk, used_orgs = set(), set(), set()
    for p in pool:
        if p.info.org.pk in used_orgs:
            continue
        if len(cstd) < count:
            cstd.add(p.person.pk)
        elif len(bk) < count:
            bk.add(p.person.pk)
        else:
            break
        used_orgs.add(p.info.org.pk)
    heads = [p for p in people if p.role == "head"]
    weak = [p for p in heads if p.info.unit.kind == UnitKind.COMMUNE
            and par_class.get((p.info.unit.pk, last)) == ParClass.WEAK]
    average = [p for p in heads if p.info.unit.kind == UnitKind.AGENCY
               and par_class.get((p.info.unit.pk, last)) == ParClass.AVERAGE]
    if weak:
        cstd.add(weak[0].person.pk)
    if average:
        bk.add(average[0].person.pk)
    return cstd, bk


def _score(rng, rating: str) -> Decimal:
    low, high = SCORE_BANDS[rating]
    return Decimal(str(math.floor(rng.uniform(low, high) * 4) / 4))


def _forced_rating(rng, pk: int, year: int, records: Records) -> str | None:
    if pk in records.cstd_candidates:
        return rng.choice([RatingLevel.EXCELLENT, RatingLevel.GOOD])
    if pk in records.bk_candidates:
        return RatingLevel.EXCELLENT if year >= records.years[-2] else RatingLevel.GOOD
    return None


def build_ratings(rng, people: list[PersonInfo], years: list[int], par_class, today: datetime.date) -> Records:
    records = Records(years=years, today=today)
    records.cstd_candidates, records.bk_candidates = _choose_candidates(rng, people, years, par_class)
    forced = records.cstd_candidates | records.bk_candidates
    for p in people:
        odds = HEAD_ODDS if p.role == "head" else STAFF_ODDS
        previous = None
        for year in active_years(p.info.unit, years):
            rating = _forced_rating(rng, p.person.pk, year, records)
            if rating is None:
                if previous and rng.random() < KEEP_LAST_YEAR:
                    rating = previous
                else:
                    rating = rng.choices(LEVELS, weights=odds)[0]
            records.ratings[(p.person.pk, year)] = previous = rating

    discipline = []
    for year in years:
        pool = [p for p in people if p.role != "head" and p.person.pk not in forced
                and (p.person.pk, year) in records.ratings]
        for p in rng.sample(pool, min(len(pool), max(1, round(len(pool) * DISCIPLINE_SHARE)))):
            level = rng.choices(list(DisciplineLevel)[:3], weights=[6, 3, 1])[0]
            decided = not_after(datetime.date(year, rng.randint(3, 11), rng.randint(1, 28)), today)
            discipline.append(DisciplineRecord(
                person=p.person, level=level, decided_on=decided, note=rng.choice(DISCIPLINE_NOTES)))
            records.disciplined[(p.person.pk, year)] = level
            records.ratings[(p.person.pk, year)] = RatingLevel.NOT_COMPLETED
    DisciplineRecord.objects.bulk_create(discipline)

    PersonRating.objects.bulk_create([
        PersonRating(person_id=pk, year=year, rating=rating,
                     score=_score(rng, rating) if year >= SCORED_FROM else None)
        for (pk, year), rating in records.ratings.items()
    ], batch_size=1000)
    return records


def _planned_initiatives(rng, p: PersonInfo, records: Records) -> list[tuple[int, str]]:
    pk, years = p.person.pk, records.years
    if pk in records.cstd_candidates:
        provincial_year = rng.choice(years)
        return [(y, InitiativeScope.PROVINCIAL if y == provincial_year else InitiativeScope.GRASSROOTS)
                for y in years]
    if pk in records.bk_candidates:
        return [(years[-2], InitiativeScope.GRASSROOTS), (years[-1], rng.choice(
            [InitiativeScope.GRASSROOTS, InitiativeScope.PROVINCIAL]))]
    good_years = [y for y in years if records.ratings.get((pk, y)) in GOOD_OR_BETTER]
    count = rng.choices([1, 2, 3], weights=[75, 20, 5])[0]
    scopes = [InitiativeScope.GRASSROOTS, InitiativeScope.PROVINCIAL, InitiativeScope.NATIONAL]
    return [(rng.choice(good_years), rng.choices(scopes, weights=[82, 15, 3])[0]) for _ in range(count)]


def build_initiatives(rng, people: list[PersonInfo], records: Records, share: float = 0.10) -> None:
    """About `share` of people get recognised initiatives, the better rated more likely."""
    forced = records.cstd_candidates | records.bk_candidates
    weights = {RatingLevel.EXCELLENT: 4.0, RatingLevel.GOOD: 1.2, RatingLevel.COMPLETED: 0.0}
    keyed = []
    for p in people:
        if p.person.pk in forced:
            continue
        weight = sum(weights.get(records.ratings.get((p.person.pk, y)), 0.0) for y in records.years)
        if weight:
            keyed.append((rng.random() ** (1 / weight), p))  # weighted sampling without replacement
    keyed.sort(key=lambda item: item[0], reverse=True)
    wanted = max(round(len(people) * share) - len(forced), 0)
    chosen = [p for p in people if p.person.pk in forced] + [p for _key, p in keyed[:wanted]]

    rows = []
    for p in chosen:
        area, titles = _area(p), set()
        for year, scope in sorted(_planned_initiatives(rng, p, records)):
            title = rng.choice(TITLES[area])
            title = f"{title} tại {p.info.unit.name}"
            while title in titles:
                title = f"{title} (giai đoạn {len(titles) + 1})"
            titles.add(title)
            if scope == InitiativeScope.GRASSROOTS:
                body, month = f"Hội đồng sáng kiến {p.info.org.name}", rng.randint(4, 12)
            elif scope == InitiativeScope.PROVINCIAL:
                body, month = PROVINCIAL_BODY, rng.randint(9, 12)
            else:
                body, month = NATIONAL_BODY[area], rng.randint(10, 12)
            rows.append(Initiative(person=p.person, title=title, scope=scope, recognised_by=body,
                                   recognised_on=not_after(datetime.date(year, month, rng.randint(1, 28)),
                                                           records.today)))
            records.initiatives.setdefault((p.person.pk, year), []).append(scope)
    Initiative.objects.bulk_create(rows, batch_size=1000)
