"""The main story of Laurel in a real browser, in the language and on the screen of the test's `look`
(tests/browser/fixtures.py), one screenshot per step and an accessibility check (tests/browser/a11y.py) on
each main page of the three flows.

A unit officer files a dossier with an eligible and an ineligible nominee and sees the reasons; tries to
submit and is shown what the Board still needs, uploads those documents and submits on the confirmation page;
a reviewer finds it through the queue's filters and returns the ineligible nominee with a comment; the officer
revises (removes that nominee, after a confirmation) and resubmits; the reviewer forwards; the chair opens a
vote, the council members vote, the chair closes it (after a confirmation page) and approves what passed on
the page that follows, finds the campaign among those ready for a decision, reviews the decision with the
number it will get and issues it; the clerk runs a batch print, watches the progress bar finish and downloads
the PDF; the public verification page behind the certificate's QR code shows valid, and after the chair
revokes the certificate, revoked.

Only the registry data, the campaign and the users are built with factories; every step of the story is
done by clicking and typing in the pages. Run by tests/browser/test_story.py (SQLite, eager Celery, in both
languages on a laptop and a phone) and by tests/service/test_make_serve_story.py (`make serve`: gunicorn,
PostgreSQL, Redis and a real Celery worker)."""

import io
import re
from types import SimpleNamespace

import pypdfium2
import zxingcpp
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.roles import Role
from awards.campaign_rules import CampaignRules
from awards.models import AwardType
from certificates.enums import CertificateState
from certificates.models import Certificate
from config.search import fold
from nominations.enums import DossierState, NomineeState
from nominations.models import Dossier
from tests.browser.a11y import check_a11y
from tests.browser.fixtures import open_menu
from tests.factories import PersonFactory, PersonRatingFactory, UnitFactory, UserFactory
from tests.factories_nominations import CampaignFactory, NomineeFactory
from units.enums import Gender, RatingLevel
from units.models import Honour

AWARD = "GK"  # Giấy khen: rated excellent in the year, not LDTT already (default rule set); it has a certificate
YEAR = 2025
EXACT = {"exact": True}
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def T(msgid: str, context: str = "") -> str:  # noqa: N802 - reads like the templates' {% translate %}
    """A label or message as the UI shows it in the story's language (run_story activates it)."""
    return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def build_world() -> SimpleNamespace:
    """The registry, an open campaign and one user per role. Trần Thị Tốt is rated excellent in 2025 (eligible
    for a Giấy khen); Lê Văn Vừa only "completed" and already given LDTT for 2025 (ineligible: one achievement
    earns one form). Another unit's submitted dossier sits in the
    queue so that the reviewer's filters have something to leave out."""
    province = UnitFactory(code="KH", name="Tỉnh Khánh Hòa", kind="province")
    dept = UnitFactory(parent=province, code="SNV", name="Sở Nội vụ")
    other = UnitFactory(parent=province, code="STC", name="Sở Tài chính")
    good = PersonFactory(unit=dept, full_name="Trần Thị Tốt", gender=Gender.FEMALE, position="Chuyên viên chính")
    weak = PersonFactory(unit=dept, full_name="Lê Văn Vừa", position="Chuyên viên")
    PersonRatingFactory(person=good, year=YEAR, rating=RatingLevel.EXCELLENT)
    PersonRatingFactory(person=weak, year=YEAR, rating=RatingLevel.COMPLETED)
    Honour.objects.create(person=weak, award_id="LDTT", year=YEAR)
    campaign = CampaignFactory(title="Thi đua thường xuyên năm 2025", year=YEAR, awards=[AWARD, "LDTT"])
    noise = NomineeFactory(dossier__campaign=campaign, dossier__unit=other, dossier__state=DossierState.SUBMITTED,
                           award_id=AWARD, verdict="ineligible", flagged=True)

    def user(username, role, **kwargs):
        return UserFactory(username=username, roles=[role], full_name=username.replace("_", " ").title(), **kwargs)

    return SimpleNamespace(
        province=province, dept=dept, other=other, good=good, weak=weak, campaign=campaign, noise=noise,
        officer=user("can_bo_snv", Role.UNIT_OFFICER, unit=dept),
        reviewer=user("tham_dinh", Role.REVIEWER),
        members=[user(f"uy_vien_{i}", Role.COUNCIL_MEMBER) for i in (1, 2, 3)],
        chair=user("chu_tich", Role.CHAIR),
        clerk=user("van_thu", Role.CLERK),
    )


def nav(page, label):
    """A menu item: a link of the top bar, or one inside a dropdown menu (opened first, as people do; on a
    phone the top bar is folded behind its menu button, which is opened before)."""
    open_menu(page)
    link = page.locator("nav.navbar").get_by_role("link", name=label, **EXACT)
    if not link.is_visible():
        item = page.get_by_role("link", name=label, include_hidden=True, **EXACT)  # a closed menu hides it
        page.locator("nav.navbar li.dropdown").filter(has=item).locator(".dropdown-toggle").click()
    link.click()


def button(page, label, scope=None):
    (scope or page).get_by_role("button", name=label, **EXACT).click()


def expect_message(page, text):
    expect(page.locator("main .alert").filter(has_text=text).first).to_be_visible()


def failed_reasons(person, campaign) -> list[str]:
    """The criterion messages the engine gives for a failed criterion (what the officer must be shown)."""
    verdict = CampaignRules.for_campaign(campaign).evaluate(person, AwardType.objects.get(pk=AWARD))
    return [c.message for c in verdict.criteria if c.status == "failed"]


def pick(page, selector, typed, code):
    """A picker (static/laurel/picker.js): type without diacritics, choose the entry showing the code."""
    page.locator(selector).press_sequentially(typed, delay=20)
    option = page.locator(f"{selector}-listbox [role=option]").filter(has_text=code)
    expect(option).to_have_count(1)
    option.click()
    expect(page.locator(selector)).to_have_value(code)


def add_nominee(page, person, achievement, justification=""):
    page.get_by_role("link", name=T("Add nominee"), **EXACT).click()
    pick(page, "#id_person", fold(person.full_name), person.code)
    page.select_option("#id_award", AWARD)
    page.fill("#id_achievement", achievement)
    button(page, T("Check eligibility"))
    verdict = page.locator("section.verdict")
    expect(verdict).to_be_visible()
    if justification:
        page.fill("#id_justification", justification)
    return verdict


def upload(page, kind, name, nominee_pk=None):
    page.select_option("#id_kind", kind)
    page.select_option("#id_nominee", str(nominee_pk) if nominee_pk else "")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "application/pdf", "buffer": TINY_PDF}])
    button(page, T("Upload"))
    expect_message(page, T("File uploaded."))


def officer_files_dossier(w, page, shots):
    nav(page, T("Dossiers"))
    page.get_by_role("link", name=T("New dossier"), **EXACT).click()
    page.select_option("#id_campaign", label=str(w.campaign))
    pick(page, "#id_unit", fold(w.dept.name), w.dept.code)
    page.fill("#id_title", "Tờ trình đề nghị tặng Giấy khen năm 2025")
    page.fill("#id_letter_number", "45/TTr-SNV")
    page.fill("#id_council_met_on", f"{YEAR}-12-05")
    page.fill("#id_council_members", "7")
    page.fill("#id_council_votes_for", "7")
    page.fill("#id_council_votes_against", "0")
    shots(page, "officer-new-dossier")
    button(page, T("Save draft"))
    expect_message(page, T("Draft saved."))
    dossier = Dossier.objects.get(unit=w.dept)

    verdict = add_nominee(page, w.good, "Hoàn thành tốt nhiệm vụ được giao, chủ trì số hóa hồ sơ một cửa.")
    expect(verdict.locator("h3")).to_have_text(T("Eligible"))
    shots(page, "officer-eligible-nominee-checked")
    button(page, T("Add to dossier"))
    expect_message(page, T("Nominee added."))

    verdict = add_nominee(page, w.weak, "Tham gia tổ công tác cải cách hành chính.")
    expect(verdict.locator("h3")).to_have_text(T("Not eligible"))
    reasons = failed_reasons(w.weak, w.campaign)
    assert reasons, "the registry data must make Lê Văn Vừa ineligible"
    for reason in reasons:
        expect(verdict.locator("td.criterion-failed + td", has_text=reason)).to_be_visible()
    shots(page, "officer-ineligible-nominee-reasons")
    button(page, T("Add to dossier"))  # refused without a justification: the form says so and keeps the input
    expect(page.locator("main .alert-danger, main .errorlist").first).to_contain_text(w.weak.full_name)
    page.fill("#id_justification", "Có đóng góp nổi bật trong đợt cao điểm chuyển đổi số của Sở.")
    button(page, T("Add to dossier"))
    expect_message(page, T("Nominee added."))

    weak_card = page.locator(".card", has_text=w.weak.full_name)
    expect(weak_card.locator(".badge", has_text=T("filed although ineligible"))).to_be_visible()
    for reason in reasons:
        expect(weak_card.locator("li.verdict-failed", has_text=reason)).to_be_visible()
    shots(page, "officer-dossier-with-reasons")
    # Submitting asks first, and lists what the Board still needs: the documents are uploaded, then it goes.
    page.get_by_role("link", name=T("Submit"), **EXACT).click()
    expect(page.locator(".confirm-blockers li")).to_have_count(4)  # letter, minutes, two achievement reports
    shots(page, "officer-submit-lists-what-is-missing")
    page.get_by_role("link", name=T("Cancel"), **EXACT).click()
    upload(page, "proposal_letter", "to-trinh-45.pdf")
    upload(page, "council_minutes", "bien-ban-hop.pdf")
    for person in (w.good, w.weak):
        upload(page, "achievement_report", f"bao-cao-{person.code}.pdf", dossier.nominees.get(person=person).pk)
    expect(page.locator(".dossier-missing")).to_have_count(0)
    page.get_by_role("link", name=T("Submit"), **EXACT).click()
    expect(page.locator(".confirm-items li")).to_have_count(2)
    shots(page, "officer-submit-confirmation")
    button(page, T("Submit"))
    expect_message(page, T("Dossier submitted."))
    shots(page, "officer-submitted")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    return dossier


def reviewer_returns_one_nominee(w, page, shots, dossier):
    nav(page, T("Review queue"))
    queue_rows = page.locator("table tbody tr")
    expect(queue_rows.filter(has_text=w.noise.subject_name)).to_have_count(1)  # the whole queue first
    page.select_option("#id_campaign", label=str(w.campaign))
    page.select_option("#id_unit", label=str(w.dept))
    page.select_option("#id_verdict", label=T("Ineligible"))
    button(page, T("Filter", "action"))
    expect(queue_rows).to_have_count(1)
    expect(queue_rows.first).to_contain_text(w.weak.full_name)
    shots(page, "reviewer-queue-filtered")
    queue_rows.first.get_by_role("link", name=w.weak.full_name).click()
    expect(page.locator("h1")).to_contain_text(dossier.code)
    button(page, T("Receive for review"))
    expect_message(page, T("Dossier received for review."))
    page.get_by_role("link", name=T("Return for revision"), **EXACT).click()
    weak_nominee = dossier.nominees.get(person=w.weak)
    page.fill(f"#id_note_{weak_nominee.pk}", "Năm 2025 chỉ xếp loại Hoàn thành nhiệm vụ, chưa đủ điều kiện "
                                             "tặng Giấy khen. Đề nghị rút khỏi hồ sơ.")
    shots(page, "reviewer-return-with-comment")
    button(page, T("Return to the unit"))
    expect_message(page, T("Dossier returned to the unit."))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RETURNED


def officer_revises_and_resubmits(w, page, shots, dossier):
    nav(page, T("Dossiers"))
    page.get_by_role("link", name=dossier.code, **EXACT).click()
    weak_card = page.locator(".card", has_text=w.weak.full_name)
    expect(weak_card.locator(".alert-warning")).to_contain_text("Đề nghị rút khỏi hồ sơ")
    shots(page, "officer-sees-board-comment")
    weak_card.locator("a[href*='/nominees/']", has_text=T("Remove")).click()  # asks first
    expect(page.locator("h1")).to_contain_text(w.weak.full_name)
    button(page, T("Remove"))
    expect_message(page, T("Nominee removed."))
    expect(page.locator(".card", has_text=w.weak.full_name)).to_have_count(0)
    page.get_by_role("link", name=T("Resubmit"), **EXACT).click()
    button(page, T("Resubmit"))
    expect_message(page, T("Dossier resubmitted."))
    shots(page, "officer-resubmitted")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED and dossier.nominees.count() == 1


def reviewer_forwards(w, page, shots, dossier):
    nav(page, T("Review queue"))
    page.fill("#id_q", w.good.full_name)
    button(page, T("Filter", "action"))
    page.locator("table tbody tr").first.get_by_role("link", name=w.good.full_name).click()
    page.get_by_role("link", name=T("Forward to council"), **EXACT).click()
    page.fill("#id_comment", "Hồ sơ đầy đủ, đủ điều kiện.")
    button(page, T("Forward"))
    expect_message(page, T("Dossier forwarded to the council."))
    shots(page, "reviewer-forwarded")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.IN_COUNCIL


def council_votes(w, chair_page, member_pages, shots):
    nav(chair_page, T("Council votes"))
    chair_page.get_by_role("link", name=T("Open a vote"), **EXACT).click()
    chair_page.select_option("#id_campaign", label=str(w.campaign))
    chair_page.fill("#id_title", "Phiên họp Hội đồng Thi đua – Khen thưởng tháng 12")
    button(chair_page, T("Open voting"))
    expect(chair_page.locator("h1")).to_have_text("Phiên họp Hội đồng Thi đua – Khen thưởng tháng 12")
    shots(chair_page, "chair-opened-vote")
    for number, page in enumerate(member_pages, start=1):
        nav(page, T("Council votes"))
        page.get_by_role("link", name="Phiên họp Hội đồng Thi đua – Khen thưởng tháng 12").click()
        page.get_by_role("row", name=re.compile(w.good.full_name)).get_by_role("radio", name=T("For"), **EXACT).check()
        if number == 1:
            shots(page, "member-ballot")
        button(page, T("Record my votes"))
        expect_message(page, T("%(count)s votes recorded.") % {"count": 1})
    chair_page.reload()
    chair_page.get_by_role("link", name=T("Close voting and count"), **EXACT).click()  # asks first
    shots(chair_page, "chair-close-confirmation")
    button(chair_page, T("Close voting and count"))
    # Closing leads straight to the approval of what passed, with the results.
    expect_message(chair_page, T("Voting closed; results counted."))
    row = chair_page.get_by_role("row", name=re.compile(w.good.full_name))
    expect(row.locator(".text-success")).to_have_text(T("passed"))
    shots(chair_page, "chair-vote-counted-approve-what-passed")


def chair_decides(w, page, shots):
    page.locator("main form button.btn-success").click()  # approve every nominee that passed, at once
    expect(page.locator("main .alert").first).to_be_visible()
    nav(page, T("Decisions"))
    ready = page.locator(".ready-for-decision", has_text=w.campaign.title)
    expect(ready).to_be_visible()
    shots(page, "chair-ready-for-decision")
    ready.get_by_role("link", name=T("Draft the decision"), **EXACT).click()
    expect(page.get_by_role("row", name=re.compile(w.good.full_name)).get_by_role("checkbox")).to_be_checked()
    page.fill("#id_signer_name", "Nguyễn Văn Thắng")
    shots(page, "chair-decision-form")
    button(page, T("Review the decision"))
    expect(page.locator("h1")).to_contain_text("1/QĐ-UBND")  # the number the register will give
    expect(page.locator("table")).to_contain_text(w.good.full_name)
    shots(page, "chair-decision-confirmation")
    button(page, T("Issue the decision"))
    expect_message(page, T("Decision issued."))
    number = page.locator("h1").inner_text().split()[-1]
    assert number.endswith("/QĐ-UBND"), number
    expect(page.locator("table")).to_contain_text(w.good.full_name)
    shots(page, "chair-decision-issued")
    return number


def clerk_prints(w, page, shots, number, artifacts) -> bytes:
    nav(page, T("Print batches"))
    page.fill("#id_decision_number", number)
    button(page, T("Start printing"))
    expect_message(page, T("The batch is queued."))
    bar = page.locator("#batch-bar")
    expect(bar).to_be_visible()
    polled = page.locator("#batch-progress").get_attribute("data-state") in ("queued", "running")
    shots(page, "clerk-batch-started")
    download_link = page.get_by_role("link", name=T("Download combined PDF"), **EXACT)
    expect(download_link).to_be_visible(timeout=90_000)  # the page polls the status until the batch is done
    expect(page.locator("#batch-state")).to_have_text(T("Done"))
    assert bar.evaluate("b => [b.value, b.max]") == [1, 1]
    if polled:  # the page was served while the batch was still open: its script followed it to the end
        expect(page.locator("#batch-cancel")).to_be_hidden()
    shots(page, "clerk-batch-done")
    with page.expect_download() as info:
        download_link.click()
    path = artifacts / "batch.pdf"
    info.value.save_as(path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert w.good.full_name in text and number in text, text
    return pdf


def qr_links(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2.5).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def verification_path(w, page, shots, pdf) -> str:
    """The verification link read from the certificate's QR code, checked against the certificate page."""
    links = [link for link in qr_links(pdf) if "/certificates/verify/" in link]
    assert len(links) == 1, links
    path = "/certificates/verify/" + links[0].split("/certificates/verify/", 1)[1]
    nav(page, T("Certificates"))
    page.get_by_role("row", name=re.compile(w.good.full_name)).get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text(w.good.full_name)
    code_link = page.locator("dd a[href*='/certificates/verify/']")
    assert code_link.get_attribute("href") == path
    shots(page, "clerk-certificate-page")
    return path


def public_verifies_then_chair_revokes(w, public, chair, shots, path):
    public.goto(path)
    expect(public.locator(".alert-success")).to_contain_text(T("Valid"))
    expect(public.locator("dl")).to_contain_text(w.good.full_name)
    shots(public, "public-verify-valid")

    nav(chair, T("Certificates"))
    chair.get_by_role("row", name=re.compile(w.good.full_name)).get_by_role("link").first.click()
    revoke = chair.locator("form", has=chair.get_by_role("button", name=T("Revoke certificate"), **EXACT))
    revoke.locator("select[name=public_reason]").select_option("false_declaration")
    revoke.get_by_label(T("Internal note (not published)")).fill("Kết luận thanh tra số 12/KL-TTr.")
    shots(chair, "chair-revoking")
    button(chair, T("Revoke certificate"))
    expect(chair.locator("dl")).to_contain_text(T("False declaration of achievements"))  # what the public reads
    shots(chair, "chair-revoke-confirmation")
    button(chair, T("Revoke certificate"))
    expect_message(chair, T("The certificate has been revoked."))
    certificate = Certificate.objects.get(honour__person=w.good)
    assert certificate.state == CertificateState.REVOKED

    public.reload()
    expect(public.locator(".alert-danger")).to_contain_text(T("Revoked"))
    expect(public.locator(".alert-danger")).to_contain_text(T("False declaration of achievements"))
    expect(public.locator("body")).not_to_contain_text("12/KL-TTr")  # the internal note stays inside
    shots(public, "public-verify-revoked")


def run_story(browse, shots, language="vi"):
    with translation.override(language):
        return _story(browse, shots)


class Steps:
    """The story's steps: a screenshot of the page as it is, then its accessibility check."""

    def __init__(self, shots):
        self.shots = shots
        self.folder = shots.folder

    def __call__(self, page, name):
        self.shots(page, name)
        check_a11y(page, name)


def _story(browse, shots):
    w = build_world()
    shots = Steps(shots)
    officer = browse(w.officer)
    # The page is in the story's language: the greeting and the to-do list's heading say so.
    expect(officer.locator("html")).to_have_attribute("lang", translation.get_language())
    expect(officer.locator("h1")).to_have_text(T("Welcome, %(name)s") % {"name": w.officer})
    expect(officer.locator("#todo-heading")).to_have_text(T("To do"))
    shots(officer, "officer-home")
    dossier = officer_files_dossier(w, officer, shots)

    reviewer = browse(w.reviewer)
    reviewer_returns_one_nominee(w, reviewer, shots, dossier)
    officer_revises_and_resubmits(w, officer, shots, dossier)
    reviewer_forwards(w, reviewer, shots, dossier)

    chair = browse(w.chair)
    council_votes(w, chair, [browse(member) for member in w.members], shots)
    number = chair_decides(w, chair, shots)
    nominee = dossier.nominees.get()
    assert nominee.state == NomineeState.AWARDED

    clerk = browse(w.clerk)
    pdf = clerk_prints(w, clerk, shots, number, shots.folder)
    path = verification_path(w, clerk, shots, pdf)
    public_verifies_then_chair_revokes(w, browse(), chair, shots, path)
    return w
