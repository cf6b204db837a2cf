"""Issue 10, item 4: names reach reportlab markup escaped. Hostile names (tags, ampersands, <img src=…>,
<a href=…>, control characters, bidi marks) go through the decision PDF, the statistics report PDF and the
certificate PDF, downloaded as people do; each renders, its text holds the name literally (after the one
cleaning of config.text: NFC, no control, bidi or zero-width characters) and no page has a link. The DOCX
decision and council minutes are downloaded with the same names."""

import io
import string

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from accounts.roles import Role
from certificates.models import Certificate
from config.text import clean_name
from nominations import services
from nominations.models import Campaign, DecisionLine, Nominee, VoteSession
from units.models import Honour, Unit

from ..test_decision_certificates import approved  # noqa: F401  (fixture)
from .test_hostile import EXAMPLES

HOSTILE = ["<img src=/etc/passwd>", '<a href="http://evil.example/">bấm vào</a>', "A & B <b>C</b>", "x < y",
           "Nguyễn\u202eVăn A", "Lê\u200bThị\u2066B\u2069", "Trần\x01\x07\x1bC", "Phạm\r\nBcc: x@y", "<font size=0>ẩn",
           "&amp;lt;", "<para>", "<br/>", "]]>", "<![CDATA[x]]>", "<!-- x -->", "<unichar code=0/>"]
# Control characters but no NUL: PostgreSQL cannot store one, and no form or import lets one through.
ALPHABET = (string.ascii_letters + string.digits + " <>&;/=\"'#![]-_." + "ĐđăâêôơưÁàảãạếềểễệọốồổỗộớờởỡợ"
            + "\x01\x07\x0b\x0c\r\n\t\x1b\x7f\u202a\u202e\u2066\u2069\u200e\u200f\u061c\u200b\u200d\ufeff\u2060")
NAMES = st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=ALPHABET, min_size=1, max_size=30)).filter(
    lambda name: clean_name(name).strip(" .'\"-_") != "")


def _squash(text: str) -> str:
    return "".join(text.split())


def _check_pdf(response, name: str):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert _squash(clean_name(name)) in _squash(text)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/Link"


@pytest.fixture
def decided(approved, make_user):  # noqa: F811
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    return decision, chair, make_user(Role.ADMINISTRATOR)


@settings(max_examples=max(10, EXAMPLES // 4))
@given(name=NAMES)
@example(name="<img src=/etc/passwd>")
@example(name='<a href="http://evil.example/">bấm vào</a>')
def test_hostile_names_in_the_decision_pdf(decided, client, name):
    decision, chair, _admin = decided
    DecisionLine.objects.filter(decision=decision).update(subject_name=name, unit_name=name)
    Campaign.objects.filter(pk=decision.campaign_id).update(title=name)
    type(decision).objects.filter(pk=decision.pk).update(signer_name=name, signer_title=name,
                                                         number=f"{name[:40]}/QĐ")
    client.force_login(chair)
    response = client.get(reverse("nominations:decision_download", args=[decision.pk, "pdf"]))
    _check_pdf(response, name)
    docx = client.get(reverse("nominations:decision_download", args=[decision.pk, "docx"]))
    assert docx.status_code == 200
    # The council minutes (DOCX): python-docx refuses control characters, so they are dropped too.
    Nominee.objects.filter(decision_line__decision=decision).update(subject_name=name)
    session = VoteSession.objects.get()
    VoteSession.objects.filter(pk=session.pk).update(title=name)
    minutes = client.get(reverse("nominations:vote_minutes", args=[session.pk]))
    assert minutes.status_code == 200
    text = "".join(p.text for p in Document(io.BytesIO(minutes.content)).paragraphs)
    assert _squash(clean_name(name)) in _squash(text)


@settings(max_examples=max(10, EXAMPLES // 4))
@given(name=NAMES)
@example(name="<img src=/etc/passwd>")
@example(name='<a href="http://evil.example/">bấm vào</a>')
def test_hostile_names_in_the_certificate_pdf(decided, client, name):
    _decision, chair, _admin = decided
    certificate = Certificate.objects.get()
    Certificate.objects.filter(pk=certificate.pk).update(recipient_name=name, signer_name=name)
    client.force_login(chair)
    _check_pdf(client.get(reverse("certificates:pdf", args=[certificate.pk])), name)


@settings(max_examples=max(10, EXAMPLES // 4))
@given(name=NAMES)
@example(name="<img src=/etc/passwd>")
@example(name='<a href="http://evil.example/">bấm vào</a>')
def test_hostile_names_in_the_report_pdf(decided, client, name):
    _decision, _chair, administrator = decided
    unit_ids = Honour.objects.values_list("person__unit_id", flat=True)
    Unit.objects.filter(pk__in=unit_ids).update(name=name)
    client.force_login(administrator)
    _check_pdf(client.get(reverse("reports:report_pdf")), name)
