"""Rendering: extractable Vietnamese text, QR codes that decode to the verification URL, overlay and full
designs placing fields at the same coordinates, layout validation, the sample command."""

import io
import json
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from certificates.models import CertificateTemplate, PrinterProfile
from certificates.placeholders import sample_data, vn_long_date
from certificates.rendering import calibration_pdf, pdf_to_png, render_pdf
from certificates.rendering.fonts import register_fonts
from certificates.rendering.page import PageSpec, TextBox, fit_text
from certificates.templates_lookup import template_for
from tests.factories import PersonFactory

from .factories_certificates import DecidedHonourFactory, issue, issue_one

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def text_of(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def positions(pdf: bytes) -> dict[str, tuple[float, float]]:
    """Each text run drawn directly on the page, with its position in points."""
    found = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            found.setdefault(text.strip(), (round(tm[4] * cm[0] + cm[4], 2), round(tm[5] * cm[3] + cm[5], 2)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.fixture
def person_certificate(db):
    person = PersonFactory(full_name="Nguyễn Thị Ngọc Huyền", gender="female", position="Chuyên viên chính",
                           unit__name="Sở Nội vụ")
    return issue_one(person=person)


def test_extracted_text_has_the_name_decision_and_registry_lines(person_certificate):
    pdf = render_pdf(template_for(person_certificate), person_certificate.data())
    text = text_of(pdf)
    assert "Bà Nguyễn Thị Ngọc Huyền" in text
    assert "Quyết định số 1234/QĐ-UBND ngày 15/01/2025" in text
    assert f"Số sổ vàng: {person_certificate.registry_number}/2025" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA" in text
    assert "BẰNG KHEN" in text
    assert "Khánh Hòa, ngày 15 tháng 01 năm 2025" in text
    assert "Chuyên viên chính, Sở Nội vụ" in text
    assert person_certificate.short_code in text


def test_decomposed_input_is_printed_and_extracted_as_nfc(db):
    decomposed = unicodedata.normalize("NFD", "Trần Thị Mỹ Hạnh")
    assert decomposed != "Trần Thị Mỹ Hạnh"
    certificate = issue_one(person=PersonFactory(full_name=decomposed, gender="female"))
    assert certificate.recipient_name == "Trần Thị Mỹ Hạnh"
    assert "Bà Trần Thị Mỹ Hạnh" in text_of(render_pdf(template_for(certificate), certificate.data()))


def _decode_qr(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=2.5).to_pil()
    document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("award", ["BK_TINH", "GK"])
def test_qr_code_decodes_to_the_verification_url(db, award, settings):
    settings.LAUREL_PUBLIC_BASE_URL = "https://thiduakhenthuong.khanhhoa.gov.vn"
    certificate = issue_one(award_id=award)
    decoded = _decode_qr(render_pdf(template_for(certificate), certificate.data()))
    assert decoded == [
        f"https://thiduakhenthuong.khanhhoa.gov.vn/certificates/verify/{certificate.token}/"
    ]


def test_overlay_prints_only_variable_text_at_the_same_coordinates(person_certificate):
    template = template_for(person_certificate)
    full = positions(render_pdf(template, person_certificate.data()))
    overlay = positions(render_pdf(template, person_certificate.data(), overlay=True))
    overlay_text = " ".join(overlay)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in overlay_text  # on the pre-printed blank
    assert "TẶNG" not in overlay
    for field in ("Bà Nguyễn Thị Ngọc Huyền", "Quyết định số 1234/QĐ-UBND ngày 15/01/2025",
                  f"Số sổ vàng: {person_certificate.registry_number}/2025", "Nguyễn Văn Thắng"):
        assert field in overlay and field in full
        assert overlay[field] == full[field]


def test_printer_offset_moves_the_overlay(person_certificate):
    printer = PrinterProfile.objects.create(name="Canon tầng 2", offset_x_mm=2, offset_y_mm=3)
    template = template_for(person_certificate)
    plain = positions(render_pdf(template, person_certificate.data(), overlay=True))
    moved = positions(render_pdf(template, person_certificate.data(), overlay=True,
                                 offset_mm=(printer.offset_x_mm, printer.offset_y_mm)))
    name = "Bà Nguyễn Thị Ngọc Huyền"
    assert moved[name][0] - plain[name][0] == pytest.approx(2 * 72 / 25.4, abs=0.05)
    assert moved[name][1] - plain[name][1] == pytest.approx(-3 * 72 / 25.4, abs=0.05)


def test_long_names_shrink_to_fit_their_box():
    fonts = register_fonts()
    box = TextBox(placeholder=None, text=None, x=0, top=100, width=400, height=None, font=fonts["bold"], size=30,
                  min_size=10, colour=(0, 0, 0), align="center", max_lines=1, leading=1.2, letter_spacing=0)
    from certificates.rendering.page import stringWidth  # reportlab stays inside certificates.rendering

    name = "Bà Tôn Nữ Thị Hoàng Phương Quỳnh Như Nguyệt Ánh"
    size, lines, scale = fit_text(box, name)
    assert size < 30 and scale == 100
    assert stringWidth(lines[0], fonts["bold"], size) <= 400.01
    short_size, _, _ = fit_text(box, "Bà An")
    assert short_size == 30
    # Below the minimum size the line is squeezed horizontally instead of overflowing.
    tiny, _, squeeze = fit_text(box, name * 3)
    assert tiny == 10 and squeeze < 100


def test_achievement_wraps_onto_several_lines():
    fonts = register_fonts()
    box = TextBox(placeholder=None, text=None, x=0, top=100, width=300, height=60, font=fonts["regular"], size=16,
                  min_size=10, colour=(0, 0, 0), align="center", max_lines=3, leading=1.3, letter_spacing=0)
    size, lines, _ = fit_text(box, "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024 " * 3)
    assert 1 < len(lines) <= 3


def test_layout_is_validated_on_save(db):
    template = CertificateTemplate(name="Hỏng", page_width_mm=297, page_height_mm=210, layout={
        "boxes": [
            {"kind": "text", "placeholder": "no_such_thing", "x": 10, "y": 10, "width": 50, "size": 12},
            {"kind": "text", "text": "TẶNG", "x": 280, "y": 10, "width": 50, "size": 12, "color": "red"},
            {"kind": "qr", "x": 290, "y": 10, "size": 20},
        ]
    })
    with pytest.raises(ValidationError) as caught:
        template.save()
    messages = " ".join(caught.value.message_dict["layout"])
    assert "no_such_thing" in messages
    assert "ô 2: ô vượt quá mép phải của trang" in messages  # Vietnamese is the default language
    assert "#9c1c1c" in messages  # the colour hint
    assert "ô 3: mã QR vượt ra ngoài trang" in messages


def test_seeded_templates_are_valid_and_cover_the_awards(db):
    bang_khen = CertificateTemplate.objects.for_award("BK_TINH")
    giay_khen = CertificateTemplate.objects.for_award("GK")
    assert (bang_khen.page_width_mm, bang_khen.page_height_mm) == (420, 297)
    assert (giay_khen.page_width_mm, giay_khen.page_height_mm) == (297, 210)
    for code in ("CSTD_TINH", "TTLDXS"):
        assert CertificateTemplate.objects.for_award(code) == bang_khen
    for code in ("CSTDCS", "TTLDTT"):
        assert CertificateTemplate.objects.for_award(code) == giay_khen
    for template in (bang_khen, giay_khen):
        template.full_clean()


def test_a_template_for_the_issuer_wins(db):
    general = CertificateTemplate.objects.for_award("GK")
    special = CertificateTemplate.objects.create(name="Sở Y tế", issuer_code="SYT", layout=general.layout,
                                                 page_width_mm=297, page_height_mm=210)
    special.awards.add("GK")
    assert CertificateTemplate.objects.for_award("GK", "SYT") == special
    assert CertificateTemplate.objects.for_award("GK", "SNV") == general


def test_render_certificate_command_sample_on_a_fresh_database(db, tmp_path):
    out = tmp_path / "sample.pdf"
    call_command("render_certificate", "--sample", "BK_TINH", "--out", str(out))
    text = text_of(out.read_bytes())
    assert "BẰNG KHEN" in text and "Nguyễn Thị Ngọc Huyền Trưng Diệp" in text


def test_render_certificate_command_by_registry_number(person_certificate, tmp_path):
    out = tmp_path / "one.pdf"
    call_command("render_certificate", "--registry-number", str(person_certificate.registry_number),
                 "--issuer", "UBND-TINH", "--out", str(out), "--overlay")
    text = text_of(out.read_bytes())
    assert "Bà Nguyễn Thị Ngọc Huyền" in text and "CỘNG HÒA" not in text


def test_calibration_page_has_rulers_and_marks():
    pdf = calibration_pdf(420, 297, offset_mm=(1.5, -2), label="Máy in phòng Văn thư")
    text = text_of(pdf)
    assert "Máy in phòng Văn thư" in text and "(30, 30) mm" in text and "x = 1.5 mm" in text


def test_vietnamese_dates_keep_the_leading_zeros_of_official_documents():
    import datetime

    assert vn_long_date("Khánh Hòa", datetime.date(2025, 2, 5)) == "Khánh Hòa, ngày 05 tháng 02 năm 2025"
    assert vn_long_date("Khánh Hòa", datetime.date(2025, 11, 20)) == "Khánh Hòa, ngày 20 tháng 11 năm 2025"


def test_render_sample_pages_to_png_artifacts(db):
    """Writes the sample pages to artifacts/ (gitignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    collective = issue(DecidedHonourFactory(person=None, unit=PersonFactory().unit, award_id="TTLDXS"))[0]
    for name, award in (("bang-khen", "BK_TINH"), ("giay-khen", "GK")):
        template = CertificateTemplate.objects.for_award(award)
        data = sample_data(template.awards.get(code=award))
        (ARTIFACTS / f"certificate-{name}.png").write_bytes(pdf_to_png(render_pdf(template, data)))
        (ARTIFACTS / f"certificate-{name}-overlay.png").write_bytes(
            pdf_to_png(render_pdf(template, data, overlay=True), width_px=900)
        )
    (ARTIFACTS / "certificate-collective.png").write_bytes(
        pdf_to_png(render_pdf(template_for(collective), collective.data()))
    )
    assert (ARTIFACTS / "certificate-bang-khen.png").stat().st_size > 50_000


def test_page_spec_from_plain_data_renders_without_a_database():
    layout = {"border": {"style": "double"}, "boxes": [
        {"kind": "text", "placeholder": "recipient", "x": 10, "y": 20, "width": 180, "size": 20},
    ]}

    class Plain:
        pk, page_width_mm, page_height_mm, background = None, 210, 148, None

    Plain.layout = layout
    assert "Bà Nguyễn Thị Ngọc Huyền Trưng Diệp" in text_of(render_pdf(Plain, sample_data()))
    assert PageSpec(210, 148, layout).width_mm == 210


def test_admin_change_form_shows_a_live_preview(client, administrator):
    template = CertificateTemplate.objects.for_award("BK_TINH")
    client.force_login(administrator)
    page = client.get(reverse("admin:certificates_certificatetemplate_change", args=[template.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("certificates:template_preview", args=[template.pk, "png"]) in body
    assert "template_preview.js" in body
    png = client.get(reverse("certificates:template_preview", args=[template.pk, "png"]))
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    live = client.post(reverse("certificates:template_preview_live", args=[template.pk]),
                       {"layout": json.dumps(template.layout), "page_width_mm": "420", "page_height_mm": "297"})
    assert live.status_code == 200 and live.json()["png"].startswith("data:image/png;base64,")
    broken = client.post(reverse("certificates:template_preview_live", args=[template.pk]),
                         {"layout": json.dumps({"boxes": [{"kind": "star"}]})})
    assert broken.status_code == 400 and broken.json()["errors"]


def test_preview_is_for_staff_only(client, make_user):
    template = CertificateTemplate.objects.for_award("GK")
    client.force_login(make_user(Role.CLERK))
    response = client.get(reverse("certificates:template_preview", args=[template.pk, "pdf"]))
    assert response.status_code == 302


def test_printer_calibration_page_for_printers(client, make_user):
    printer = PrinterProfile.objects.create(name="Epson", offset_x_mm=0.5, offset_y_mm=-1)
    template = CertificateTemplate.objects.for_award("GK")
    client.force_login(make_user(Role.CLERK))
    response = client.get(reverse("certificates:printer_calibration", args=[printer.pk]), {"template": template.pk})
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 297
    client.force_login(make_user(Role.UNIT_OFFICER))
    assert client.get(reverse("certificates:printer_calibration", args=[printer.pk])).status_code == 403


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_uploaded_background_is_drawn_under_the_full_design_only(db, settings, tmp_path, kind):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    source = CertificateTemplate.objects.for_award("GK")
    template = CertificateTemplate.objects.create(name="Phôi có nền", page_width_mm=297, page_height_mm=210,
                                                  layout=source.layout)
    background = calibration_pdf(297, 210, label="Nền phôi Sở Nội vụ")
    if kind == "png":
        background = pdf_to_png(background, width_px=600)
    template.background.save(f"nen.{kind}", ContentFile(background))
    data = sample_data(kind="giay_khen")
    full = PdfReader(io.BytesIO(render_pdf(template, data))).pages[0]
    overlay = PdfReader(io.BytesIO(render_pdf(template, data, overlay=True))).pages[0]
    if kind == "pdf":
        assert "Nền phôi Sở Nội vụ" in full.extract_text()
    else:
        assert any(obj.get_object().get("/Subtype") == "/Image"
                   for form in full["/Resources"]["/XObject"].values()
                   for obj in form.get_object().get("/Resources", {}).get("/XObject", {}).values())
    assert "Nền phôi Sở Nội vụ" not in overlay.extract_text()
    assert "GIẤY KHEN" in full.extract_text()
