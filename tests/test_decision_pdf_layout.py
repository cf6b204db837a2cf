"""The decision PDF follows the official layout (issue 13 item 9): header, QUYẾT ĐỊNH, legal basis by date,
Xét đề nghị, Điều 1–3, Nơi nhận, signature block, and the annex as a table of names, units, awards and
amounts; award names, never their codes (item 4); amounts grouped with dots (item 8)."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from nominations import services
from nominations.services.decision_pdf import legal_basis

from .test_decision_certificates import approved  # noqa: F401  (fixture)


@pytest.fixture
def decided(approved):  # noqa: F811
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    return decision, chair


def pdf_text(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_decision_pdf_follows_the_official_layout(decided, client):
    decision, chair = decided
    client.force_login(chair)
    pages = pdf_text(client.get(reverse("nominations:decision_download", args=[decision.pk, "pdf"])))
    text = re.sub(r"\s+", " ", " ".join(pages))
    day = decision.decided_on
    in_order = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                f"Số: {decision.number}", f"ngày {day:%d} tháng {day:%m} năm {day:%Y}", "QUYẾT ĐỊNH",
                "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15", "Nghị định số 152/2025/NĐ-CP",
                "Xét đề nghị của", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.", "Điều 3.", "Nơi nhận", "PHÓ CHỦ TỊCH",
                "Nguyễn Văn Thắng", "DANH SÁCH", "Cá nhân, tập thể", "Đơn vị", "Hình thức khen thưởng",
                "Số tiền (đồng)", "Tổng cộng"]
    positions = [text.find(part) for part in in_order]
    assert -1 not in positions, [part for part, at in zip(in_order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    assert "98/2023" not in text  # replaced by Decree 152/2025 from 1 July 2025
    lines = list(decision.lines.select_related("award"))
    for line in lines:
        assert line.award.name_vi in pages[-1] or line.award.name_vi in re.sub(r"\s+", " ", pages[-1])
        assert not re.search(rf"\b{line.award_id}\b", text)  # a name, not the code
    assert f"{decision.total_amount:,}".replace(",", ".") in text
    assert len(pages) >= 2  # the annex starts on a page of its own


def test_legal_basis_cites_the_decree_in_force_on_the_decision_date():
    before = " ".join(legal_basis(datetime.date(2025, 3, 1)))
    after = " ".join(legal_basis(datetime.date(2025, 7, 1)))
    assert "98/2023/NĐ-CP" in before and "152/2025/NĐ-CP" not in before
    assert "152/2025/NĐ-CP" in after and "98/2023/NĐ-CP" not in after
    assert "06/2022/QH15" in before and "06/2022/QH15" in after
