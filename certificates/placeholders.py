"""The one registry of what a certificate template can print.

A template's text box names a placeholder; the placeholder turns a `CertificateData` (the printed
snapshot of a certificate, or sample data) into one line or paragraph of text. Static placeholders do
not depend on the certificate: they are drawn once into the reusable page frame, and on a pre-printed
blank they are already on the paper.
"""

import datetime
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from config.text import clean_text

MOTTO_LINE_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE_2 = "Độc lập - Tự do - Hạnh phúc"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def vn_day_month(value: datetime.date) -> tuple[str, str]:
    """Day and month as official documents write them: a leading zero for days below 10 and for
    January and February (Decree 30/2020)."""
    day = f"{value.day:02d}" if value.day < 10 else str(value.day)
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return day, month


def vn_long_date(place: str, value: datetime.date) -> str:
    day, month = vn_day_month(value)
    return f"{place}, ngày {day} tháng {month} năm {value.year}"


@dataclass(frozen=True)
class CertificateData:
    """Everything a certificate prints, already snapshotted. Built by Certificate.data() or sample_data()."""

    salutation: str  # "Ông", "Bà" or "" for a collective
    recipient_name: str
    position_line: str
    heading: str  # "BẰNG KHEN" / "GIẤY KHEN"
    award_name: str
    issuer_line: str
    achievement: str
    decision_number: str
    decided_on: datetime.date | None
    registry_number: int | None
    year: int
    place: str
    signed_on: datetime.date | None
    signer_title: str
    signer_name: str
    short_code: str
    verify_url: str
    edition: int = 1


def _recipient(d: CertificateData) -> str:
    return f"{d.salutation} {d.recipient_name}" if d.salutation else d.recipient_name


def _decision(d: CertificateData) -> str:
    if not d.decision_number:
        return ""
    line = f"Quyết định số {d.decision_number}"
    if d.decided_on:
        line += f" ngày {d.decided_on:%d/%m/%Y}"
    return line


def _registry(d: CertificateData) -> str:
    return f"Số sổ vàng: {d.registry_number}/{d.year}" if d.registry_number else ""


def _place_date(d: CertificateData) -> str:
    return vn_long_date(d.place, d.signed_on) if d.signed_on else f"{d.place}, ngày … tháng … năm …"


def _code(d: CertificateData) -> str:
    return f"Mã xác thực: {d.short_code}" if d.short_code else ""


def _edition(d: CertificateData) -> str:
    return f"Bản cấp lại lần {d.edition - 1}" if d.edition > 1 else ""


@dataclass(frozen=True)
class Placeholder:
    label: str
    render: Callable[[CertificateData], str]
    static: bool = False


PLACEHOLDERS: dict[str, Placeholder] = {
    "motto_line1": Placeholder(_("National motto, first line"), lambda d: MOTTO_LINE_1, static=True),
    "motto_line2": Placeholder(_("National motto, second line"), lambda d: MOTTO_LINE_2, static=True),
    "issuer_line": Placeholder(_("Issuer (e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …)"), lambda d: d.issuer_line),
    "title_line": Placeholder(_("Certificate heading (BẰNG KHEN / GIẤY KHEN)"), lambda d: d.heading),
    "award_name": Placeholder(_("Award name"), lambda d: d.award_name),
    "recipient": Placeholder(_("Recipient with Ông/Bà"), _recipient),
    "recipient_name": Placeholder(_("Recipient name only"), lambda d: d.recipient_name),
    "position_line": Placeholder(_("Position and unit"), lambda d: d.position_line),
    "achievement": Placeholder(_("Achievement (Đã có thành tích …)"), lambda d: d.achievement),
    "decision_line": Placeholder(_("Decision number and date"), _decision),
    "registry_line": Placeholder(_("Registry number (Số sổ vàng)"), _registry),
    "place_date_line": Placeholder(_("Place and date"), _place_date),
    "signer_title": Placeholder(_("Signer's title"), lambda d: d.signer_title),
    "signer_name": Placeholder(_("Signer's name"), lambda d: d.signer_name),
    "verification_code": Placeholder(_("Short verification code"), _code),
    "edition_line": Placeholder(_("Duplicate edition note"), _edition),
}


def render_placeholder(name: str, data: CertificateData) -> str:
    # Drawn with drawString (no markup); control, bidi and zero-width characters are dropped.
    return clean_text(PLACEHOLDERS[name].render(data))


def placeholder_choices() -> list[tuple[str, str]]:
    return [(key, p.label) for key, p in PLACEHOLDERS.items()]


SAMPLE_ISSUERS = {
    "bang_khen": ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "BẰNG KHEN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                  "Nguyễn Văn Thắng", "UBND-TINH"),
    "giay_khen": ("GIÁM ĐỐC SỞ NỘI VỤ TỈNH KHÁNH HÒA", "GIẤY KHEN", "GIÁM ĐỐC", "Trần Thị Mỹ Hạnh", "SNV"),
}


def sample_data(award=None, *, kind: str = "bang_khen", verify_url: str = "") -> CertificateData:
    """Sample data for previews and `render_certificate --sample`: a long Vietnamese name to exercise
    auto-shrink, every diacritic class, and a real-looking decision."""
    if award is not None and award.certificate_kind in SAMPLE_ISSUERS:
        kind = award.certificate_kind
    issuer, heading, signer_title, signer_name, _code = SAMPLE_ISSUERS.get(kind, SAMPLE_ISSUERS["bang_khen"])
    heading = getattr(award, "certificate_heading", "") or heading
    award_name = award.name_vi if award is not None else "Bằng khen"
    return CertificateData(
        salutation="Bà",
        recipient_name="Nguyễn Thị Ngọc Huyền Trưng Diệp",
        position_line="Phó Trưởng phòng Tổ chức cán bộ, Sở Nội vụ tỉnh Khánh Hòa",
        heading=heading,
        award_name=award_name,
        issuer_line=issuer,
        achievement=(
            "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024, góp phần vào sự nghiệp xây dựng "
            "và phát triển tỉnh Khánh Hòa"
        ),
        decision_number="1234/QĐ-UBND",
        decided_on=datetime.date(2025, 1, 15),
        registry_number=42,
        year=2025,
        place="Khánh Hòa",
        signed_on=datetime.date(2025, 1, 15),
        signer_title=signer_title,
        signer_name=signer_name,
        short_code="K7QM-2XPD",
        verify_url=verify_url or "https://laurel.example/certificates/verify/sample/",
    )
