"""Shared steps of the demo stories: campaigns, dossiers filed through the services, texts."""

import datetime
from dataclasses import dataclass

from awards.models import AwardType
from units.models import Unit

from .. import services
from ..models import Campaign, Dossier, Nominee

# What each unit does, for achievement lines ("Đã có thành tích xuất sắc trong …" on a certificate).
WORK = {
    "SNV": "công tác tổ chức bộ máy, cải cách hành chính và thi đua, khen thưởng",
    "SYT": "công tác khám, chữa bệnh và chăm sóc sức khỏe Nhân dân",
    "SGDDT": "công tác giảng dạy và bồi dưỡng học sinh giỏi",
    "STC": "công tác quản lý ngân sách và tài chính công",
    "STP": "công tác xây dựng, kiểm tra văn bản và trợ giúp pháp lý",
    "SCT": "công tác quản lý thương mại và bảo đảm cung ứng năng lượng",
    "SNNMT": "công tác phòng, chống thiên tai và phát triển nông nghiệp, nông thôn",
    "SKHCN": "công tác xây dựng chính quyền số và chuyển đổi số",
    "VPUB": "công tác cải cách thủ tục hành chính và phục vụ người dân, doanh nghiệp",
    "XDK": "phong trào xây dựng nông thôn mới và bảo đảm an sinh xã hội",
    "YS": "sản xuất, kinh doanh và thực hiện nghĩa vụ với Nhà nước",
    "PNT": "công tác chỉnh trang đô thị và phục vụ người dân",
}
JUSTIFICATION = ("Có thành tích đột xuất trong công tác ứng phó, khắc phục hậu quả mưa lũ cuối năm; "
                 "đơn vị đề nghị Hội đồng xem xét, vận dụng.")


def achievement(suffix: str, year: int, award_code: str) -> str:
    work = WORK.get(suffix, "thực hiện nhiệm vụ chuyên môn")
    if award_code in ("BK_TINH", "GK"):
        return f"Xuất sắc trong {work} năm {year}"
    return f"Hoàn thành xuất sắc nhiệm vụ năm {year}; tích cực trong {work}."


def weekday(day: datetime.date, backwards: bool = False) -> datetime.date:
    """The day itself, or the nearest working weekday (Monday–Friday) after (or before) it."""
    step = datetime.timedelta(days=-1 if backwards else 1)
    while day.weekday() >= 5:
        day += step
    return day


def awards_for(kind: str, codes=None) -> list[AwardType]:
    awards = [a for a in AwardType.objects.order_by("-rank", "code") if a.allows_campaign_kind(kind)]
    return [a for a in awards if codes is None or a.code in codes]


def make_campaign(*, kind, year, title, opens_on, closes_on, awards, processing_days=20) -> Campaign:
    campaign = Campaign.objects.create(kind=kind, year=year, title=title, opens_on=opens_on, closes_on=closes_on,
                                       processing_days=processing_days)
    campaign.award_types.set(awards)
    return campaign


@dataclass
class Want:
    """A nominee asked for inside one unit: an award, person or collective, the verdicts acceptable."""

    award: str
    collective: bool = False
    verdicts: tuple = ("eligible",)
    justify: bool = False
    in_unit: str = ""  # a sub-unit code suffix to look in (e.g. "BVDK"); empty: the whole dossier unit


@dataclass
class Pick:
    award: str
    subject: object  # Person or Unit
    justify: bool = False

    @property
    def collective(self) -> bool:
        return isinstance(self.subject, Unit)


def resolve(picker, unit, wants: list[Want]) -> list[Pick]:
    """Find a subject for each want inside `unit` (wants nobody fits are skipped)."""
    picks = []
    for want in wants:
        where = Unit.objects.filter(code=f"{unit.code}-{want.in_unit}").first() if want.in_unit else unit
        where = where or unit
        subject = (picker.collective(where, want.award, want.verdicts) if want.collective
                   else picker.person(where, want.award, want.verdicts))
        if subject is not None:
            picks.append(Pick(want.award, subject, want.justify))
    return picks


def file_dossier(cast, campaign, suffix: str, picks: list[Pick], number: int,
                 council_met_on: datetime.date) -> Dossier | None:
    """Create the unit's dossier through the services and add the picked nominees (None if no pick)."""
    if not picks:
        return None
    unit, officer = cast.unit(suffix), cast.officer(suffix)
    awards = {a.code: a for a in campaign.award_types.all()}
    members = 7 if unit.kind == "commune" else 9
    dossier = services.create_dossier(
        campaign, unit, officer,
        title=f"Tờ trình đề nghị khen thưởng – {campaign.title} – {unit.name}",
        letter_number=f"{number}/TTr-{suffix}", council_met_on=council_met_on, council_members=members,
        council_votes_for=members - (number % 2), council_votes_against=number % 2,
    )
    for pick in picks:
        kwargs = {"unit": pick.subject} if pick.collective else {"person": pick.subject}
        services.add_nominee(dossier, officer, award=awards[pick.award],
                             achievement=achievement(suffix, campaign.year, pick.award),
                             justification=JUSTIFICATION if pick.justify else "", **kwargs)
    attach_documents(dossier, officer)
    return dossier


def _pdf(title: str) -> bytes:
    """A one-page PDF whose only content is its title (the demo's stand-in for a scanned document)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode()
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def attach_documents(dossier, officer):
    """Upload what the campaign kind requires (RequiredDocument): the dossier's own documents and one per
    nominee, unless a written summary suffices and the nominee has one."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..models import RequiredDocument

    nominees = list(dossier.nominees.all())
    for required in RequiredDocument.objects.filter(campaign_kind=dossier.campaign.kind):
        targets = nominees if required.per_nominee else [None]
        for nominee in targets:
            if nominee is not None and required.summary_suffices and nominee.achievement.strip():
                continue
            name = f"{required.kind}-{dossier.pk}{f'-{nominee.subject_code}' if nominee else ''}.pdf"
            upload = SimpleUploadedFile(name, _pdf(f"{required.get_kind_display()} {dossier.code}"),
                                        content_type="application/pdf")
            services.add_attachment(dossier, officer, upload, required.kind, nominee=nominee)


def eligible_picks(picker, org: str, codes, limit: int) -> list[Pick]:
    """Up to `limit` eligible subjects of the organisation found by picker.scan, in the order of `codes`."""
    picks = []
    for code, collective in codes:
        while len(picks) < limit:
            subject = picker.take(org, code, collective)
            if subject is None:
                break
            picks.append(Pick(code, subject))
    return picks


def fill_up(picker, unit, picks: list[Pick], at_least: int, award: str = "GK") -> list[Pick]:
    """Add eligible `award` nominees of the unit (then LDTT ones) until there are `at_least` picks."""
    for code in (award, "LDTT"):
        while len(picks) < at_least:
            subject = picker.person(unit, code)
            if subject is None:
                break
            picks.append(Pick(code, subject))
    return picks


def nominees(dossier) -> list[Nominee]:
    return list(dossier.nominees.select_related("award").order_by("pk"))
