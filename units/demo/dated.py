"""The demo province lives through the two-tier reform of 1 July 2025 (districts end, two communes merge into
larger ones, Ninh Thuận's units merge into Khánh Hòa's) and through the year of the open annual round (a
commune chair moves to the Department of Home Affairs on 1 July, a disciplined person's term runs into the
award period, an inspection is open, an initiative was already used and a thematic honour does not build a
chain). Everything goes through the same imports an administrator uses (units.importing.run_import).

`build(year)` (the open round's year) returns the cases the open annual campaign shows in the officer's draft
dossier."""

import csv
import datetime
import io
from dataclasses import dataclass

from units import models as m
from units.enums import UnitKind
from units.importing import run_import

from .tree import C_PLAINS, C_WARDS, DISTRICTS_DISSOLVED_ON, K_GENERAL, K_SOCIAL, ROOT_CODE

SNV = f"{ROOT_CODE}-SNV"


@dataclass(frozen=True)
class Case:
    code: str  # person or unit code
    award: str
    collective: bool
    shows: str


class DemoImportError(RuntimeError):
    pass


def line(*values) -> str:
    """One CSV row, quoted where a value holds a comma."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


SCORED_FROM = 2025  # ratings come from a 100-point score since 2025


def rating(year: int, code: str, level: str) -> str:
    score = {"excellent": 95, "good": 82, "not_completed": 40}[level] if year >= SCORED_FROM else ""
    return f"{year},{code},,{level},{score}"


def _import(kind: str, header: str, rows: list[str]) -> None:
    data = ("\n".join([header, *rows]) + "\n").encode("utf-8")
    report = run_import(kind, io.BytesIO(data), filename=f"demo-{kind}.csv")
    if not report.ok:
        raise DemoImportError(f"demo {kind} import: " + "; ".join(str(e) for e in report.errors[:5]))


def _in_snv():
    unit = m.Unit.objects.get(code=SNV)
    return m.Person.objects.filter(unit__path__startswith=unit.path)


def _staff(count: int) -> list[m.Person]:
    """People of Sở Nội vụ and its offices with a clean record: no discipline, no honours, heading nothing."""
    people = (_in_snv().exclude(headed_units__isnull=False).exclude(discipline_records__isnull=False)
              .exclude(honours__isnull=False).order_by("code"))
    return list(people[:count])


# Former units closed on 1 July: (code, name, kind, parent, cluster, receiving unit)
FORMER = [
    (f"{ROOT_CODE}-XDT", "Xã Diên Toàn", UnitKind.COMMUNE, ROOT_CODE, C_PLAINS, f"{ROOT_CODE}-XDK"),
    (f"{ROOT_CODE}-PVH", "Phường Vĩnh Hải", UnitKind.COMMUNE, ROOT_CODE, C_WARDS, f"{ROOT_CODE}-PBNT"),
    (f"{ROOT_CODE}-NT", "Tỉnh Ninh Thuận (đến 30/6)", UnitKind.PROVINCE, ROOT_CODE, "", ROOT_CODE),
    (f"{ROOT_CODE}-NT-SNV", "Sở Nội vụ tỉnh Ninh Thuận", UnitKind.AGENCY, f"{ROOT_CODE}-NT", K_GENERAL, SNV),
    (f"{ROOT_CODE}-NT-SYT", "Sở Y tế tỉnh Ninh Thuận", UnitKind.AGENCY, f"{ROOT_CODE}-NT", K_SOCIAL,
     f"{ROOT_CODE}-SYT"),
]
FORMER_STAFF_COUNT = 15  # people of the former units, coded P90001…
FORMER_STAFF = {
    f"{ROOT_CODE}-XDT": ["Nguyễn Văn Toàn", "Trần Thị Diên", "Lê Văn Hậu", "Phạm Thị Mai"],
    f"{ROOT_CODE}-PVH": ["Võ Văn Hải", "Đặng Thị Vĩnh", "Huỳnh Văn Phúc"],
    f"{ROOT_CODE}-NT-SNV": ["Chế Văn Linh", "Quảng Thị Hòa", "Đàng Văn Năng", "Thành Thị Hiền", "Bá Văn Tín"],
    f"{ROOT_CODE}-NT-SYT": ["Pinăng Thị Sen", "Châu Văn Mến", "Katơr Thị Hoa"],
}


def _former_units(years: list[int], reform: datetime.date) -> None:
    _import("units", "code,name,kind,parent_code,cluster,head_code",
            [line(code, name, kind, parent, cluster, "") for code, name, kind, parent, cluster, _new in FORMER])
    people, ratings, assignments = [], [], []
    number = 90000
    for unit, names in FORMER_STAFF.items():
        for index, name in enumerate(names, start=1):
            number += 1
            code = f"P{number}"
            gender = "female" if " Thị " in name else "male"
            people.append(f"{code},{name},{gender},198{index}-03-0{index},{unit},Chuyên viên")
            assignments.append(f"{code},{unit},20{15 + index}-01-01,,Chuyên viên")
            for year in years:
                ratings.append(rating(year, code, "excellent" if index % 2 else "good"))
    _import("people", "code,full_name,gender,birth_date,unit_code,position", people)
    _import("assignments", "person_code,unit_code,from,until,position", assignments)
    _import("ratings", "year,person_code,unit_code,rating,score", ratings)
    districts = m.Unit.objects.filter(kind=UnitKind.DISTRICT, code__startswith=ROOT_CODE).order_by("code")
    _import("reorganisations", "effective_on,kind,old_code,new_code",
            [f"{reform},merge,{code},{new}" for code, _n, _k, _p, _c, new in FORMER]
            + [f"{reform},abolish,{d.code}," for d in districts])


def _published_dates(years: list[int]) -> None:
    """The PAR Index of year N was published in February of N + 1 (Khánh Hòa reviewed 2024 on 2025-02-28)."""
    for year in years:
        m.ParResult.objects.filter(year=year, unit__code__startswith=ROOT_CODE).update(
            published_on=datetime.date(year + 1, 2, 28))


def _head_moves(year: int, moved_on: datetime.date) -> str | None:
    """The chair of the commune classed lowest in the year moves to Sở Nội vụ on `moved_on`; a deputy takes over."""
    weakest = (m.ParResult.objects.filter(year=year, unit__kind=UnitKind.COMMUNE, unit__dissolved_on__isnull=True,
                                          unit__head__isnull=False, unit__code__startswith=ROOT_CODE)
               .select_related("unit__head").order_by("score").first())
    if weakest is None:
        return None
    commune = weakest.unit
    head = commune.head
    deputy = (m.Person.objects.filter(unit=commune, position__startswith="Phó").exclude(pk=head.pk)
              .order_by("code").first())
    eve = moved_on - datetime.timedelta(days=1)
    heads = [f"{commune.code},{head.code},{year - 4}-01-01,{eve}"]
    if deputy is not None:
        heads.append(f"{commune.code},{deputy.code},{moved_on},")
    _import("heads", "unit_code,person_code,from,until", heads)
    _import("assignments", "person_code,unit_code,from,until,position",
            [line(head.code, commune.code, f"{year - 4}-01-01", eve, head.position),
             line(head.code, f"{SNV}-TCBC", moved_on, "", "Phó Trưởng phòng")])
    _import("ratings", "year,person_code,unit_code,rating,score",
            [rating(year - 1, head.code, "excellent"), rating(year, head.code, "excellent")])
    _import("initiatives", "person_code,title,scope,recognised_on,recognised_by",
            [line(head.code, "Số hóa hồ sơ hộ tịch cấp xã", "grassroots", f"{year - 1}-10-10", f"UBND {commune.name}"),
             line(head.code, "Tổ công nghệ số cộng đồng thôn", "grassroots", f"{year}-05-20", f"UBND {commune.name}")])
    return head.code


def _snv_cases(year: int) -> list[Case]:
    """People of Sở Nội vụ: a reprimand whose term runs into the award period, an open inspection, an
    initiative already used, and a chain broken by a thematic honour."""
    staff = _staff(4)
    if len(staff) < 4:
        return []
    term, review, used, chain = staff
    _import("ratings", "year,person_code,unit_code,rating,score",
            [rating(y, p.code, "excellent") for p in (review, used, chain) for y in (year - 2, year - 1, year)]
            # the reprimand of December makes that year's rating "not completed"
            + [rating(year - 2, term.code, "not_completed"), rating(year - 1, term.code, "excellent"),
               rating(year, term.code, "excellent")])
    _import("initiatives", "person_code,title,scope,recognised_on,recognised_by,kind,used_for",
            [f"{term.code},Quy trình số hóa hồ sơ công chức,grassroots,{year - 1}-06-12,Sở Nội vụ,initiative,",
             f"{term.code},Đề tài đánh giá cán bộ theo KPI,grassroots,{year}-04-02,Sở Nội vụ,research,",
             f"{used.code},Phần mềm quản lý thi đua,grassroots,{year - 1}-03-15,Sở Nội vụ,initiative,CSTDCS:{year - 1}",
             f"{used.code},Mô hình một cửa liên thông,grassroots,{year}-05-05,Sở Nội vụ,model,",
             f"{used.code},Cẩm nang khen thưởng điện tử,grassroots,{year}-08-08,Sở Nội vụ,initiative,",
             f"{chain.code},Chuẩn hóa quy trình tuyển dụng,grassroots,{year - 2}-04-04,Sở Nội vụ,initiative,",
             f"{chain.code},Sổ tay nghiệp vụ tổ chức,grassroots,{year - 1}-04-04,Sở Nội vụ,initiative,"])
    _import("discipline", "person_code,level,decided_on,note,term_until",
            [f"{term.code},reprimand,{year - 2}-12-15,Khiển trách (thời hạn theo mặc định của bộ quy tắc),",
             f"{review.code},under_review,{year}-10-01,Đang thanh tra công vụ,"])
    _import("honours", "year,person_code,unit_code,award_code,decision_number,decided_on,kind",
            [f"{year - 1},{used.code},,LDTT,11/QĐ-SNV,{year}-01-20,annual",
             f"{year - 1},{used.code},,CSTDCS,12/QĐ-SNV,{year}-01-20,annual",
             f"{year - 2},{chain.code},,LDTT,11/QĐ-SNV,{year - 1}-01-20,annual",
             f"{year - 2},{chain.code},,CSTDCS,12/QĐ-SNV,{year - 1}-01-20,annual",
             f"{year - 1},{chain.code},,LDTT,11/QĐ-SNV,{year}-01-20,annual",
             f"{year - 1},{chain.code},,CSTDCS,45/QĐ-SNV,{year}-01-05,thematic"])
    return [
        Case(term.code, "BK_TINH", False, "discipline term"),
        Case(review.code, "LDTT", False, "open inspection"),
        Case(used.code, "BK_TINH", False, "initiative already used"),
        Case(chain.code, "CSTD_TINH", False, "thematic honour in a chain"),
    ]


def build(year: int, today: datetime.date) -> list[Case]:
    """Build the dated story for the open round's `year` (the last of the records' three years), as of
    `today`; the people of the demo must exist. Returns the cases to show."""
    years = [year - 2, year - 1, year]
    _published_dates(years)
    _former_units(years, DISTRICTS_DISSOLVED_ON)  # the reform is history: 1 July 2025 whatever the year
    cases = []
    head = _head_moves(year, datetime.date(year, 7, 1))  # mid-year of the round's year, before any seeding day
    if head:
        cases.append(Case(head, "BK_TINH", False, "head moved mid-year"))
    cases += _snv_cases(year)
    cases.append(Case(SNV, "TTLDXS", True, "members with offices and merged staff"))
    _forget_unpublished(today)
    return cases


def _forget_unpublished(today: datetime.date) -> None:
    """The open year's PAR Index is published only in the next February: until then a province has no such
    result to record. The scores served above to pick the story's weakest commune; the rows go."""
    m.ParResult.objects.filter(unit__code__startswith=ROOT_CODE, published_on__gt=today).delete()


def cases() -> list[Case]:
    """The cases of an existing demo, found again by their records (for the workflow demo)."""
    found = []
    head = (m.Headship.objects.filter(unit__kind=UnitKind.COMMUNE, unit__code__startswith=ROOT_CODE,
                                      until__isnull=False).select_related("person").order_by("start_on").first())
    if head is not None:
        found.append(Case(head.person.code, "BK_TINH", False, "head moved mid-year"))
    marks = [
        (m.DisciplineRecord.objects.filter(level="reprimand", note__startswith="Khiển trách (thời hạn"), "BK_TINH"),
        (m.DisciplineRecord.objects.filter(level="under_review", person__in=_in_snv()), "LDTT"),
    ]
    for queryset, award in marks:
        record = queryset.order_by("person__code").first()
        if record is not None:
            found.append(Case(record.person.code, award, False, ""))
    if not m.Unit.objects.filter(code=SNV).exists():
        return found
    used = m.Initiative.objects.filter(used_for_award="CSTDCS", person__in=_in_snv()).order_by("person__code").first()
    if used is not None:
        found.append(Case(used.person.code, "BK_TINH", False, ""))
    chain = m.Honour.objects.filter(kind="thematic", person__in=_in_snv()).order_by("person__code").first()
    if chain is not None:
        found.append(Case(chain.person.code, "CSTD_TINH", False, ""))
    found.append(Case(SNV, "TTLDXS", True, ""))
    return found
