"""The flows with the keyboard alone: Tab, Shift+Tab, Enter, Space, the arrow keys and typed text, never a
click. A unit officer adds a nominee with the person picker, attaches the achievement report and submits the
dossier; a council member casts a ballot. Every control reached shows where the focus is."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from config.search import fold
from nominations.enums import DossierState, NomineeState
from nominations.models import Ballot
from nominations.services.council import open_vote
from tests.factories_nominations import DossierFactory, NomineeFactory, complete_dossier

from .a11y import check_a11y
from .story import AWARD, TINY_PDF, T, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FOCUS_SHOWN = """el => {
  const style = getComputedStyle(el);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""


def tab_to(page, target, limit=80):
    """Press Tab until `target` has the focus (as a keyboard user moves through the page), then check that
    the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            assert target.evaluate(FOCUS_SHOWN), f"the focus on {target} is not visible"
            return
    raise AssertionError(f"{target} was not reached with Tab in {limit} presses")


def choose_with_arrows(page, select, value, limit=30):
    """A focused <select>: the arrow keys move through its options (the list need not open)."""
    for _ in range(limit):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value!r} not reached with ArrowDown")


def test_officer_adds_a_nominee_and_submits_with_the_keyboard(browse, shots):
    with translation.override("vi"):
        w = build_world()
        dossier = DossierFactory(campaign=w.campaign, unit=w.dept, state=DossierState.DRAFT)
        complete_dossier(dossier)  # the council's vote, the letter and the minutes: what the nominee needs is left
        page = browse(w.officer)
        page.goto(f"/nominations/dossiers/{dossier.pk}/")

        tab_to(page, page.get_by_role("link", name=T("Add nominee"), exact=True))
        page.keyboard.press("Enter")
        person = page.locator("#id_person")
        tab_to(page, person)
        page.keyboard.type(fold(w.good.full_name)[:12], delay=20)
        expect(page.locator("#id_person-listbox [role=option]").first).to_be_visible()
        page.keyboard.press("ArrowDown")
        expect(person).to_have_attribute("aria-activedescendant", re.compile("listbox-0$"))
        shots(page, "picker-option-highlighted")
        check_a11y(page, "the person picker, open")
        page.keyboard.press("Enter")
        expect(person).to_have_value(w.good.code)
        award = page.locator("#id_award")
        tab_to(page, award)
        choose_with_arrows(page, award, AWARD)
        tab_to(page, page.locator("#id_achievement"))
        page.keyboard.type("Hoàn thành xuất sắc nhiệm vụ.")
        tab_to(page, page.get_by_role("button", name=T("Add to dossier"), exact=True))
        shots(page, "add-to-dossier-focused")
        page.keyboard.press("Enter")
        expect(page.locator("main .alert").filter(has_text=T("Nominee added.")).first).to_be_visible()
        nominee = dossier.nominees.get()

        # The achievement report for the nominee, chosen in the file dialog opened with Space.
        kind = page.locator("#id_kind")
        tab_to(page, kind)
        choose_with_arrows(page, kind, "achievement_report")
        tab_to(page, page.locator("#id_nominee"))
        choose_with_arrows(page, page.locator("#id_nominee"), str(nominee.pk))
        page.keyboard.press("Tab")
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(files=[{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}])
        tab_to(page, page.get_by_role("button", name=T("Upload"), exact=True))
        page.keyboard.press("Enter")
        expect(page.locator("main .alert").filter(has_text=T("File uploaded.")).first).to_be_visible()

        tab_to(page, page.get_by_role("link", name=T("Submit"), exact=True))
        page.keyboard.press("Enter")
        tab_to(page, page.get_by_role("button", name=T("Submit"), exact=True))
        shots(page, "submit-confirmation-focused")
        page.keyboard.press("Enter")
        expect(page.locator("main .alert").filter(has_text=T("Dossier submitted.")).first).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED and dossier.nominees.count() == 1


def test_council_member_casts_a_ballot_with_the_keyboard(browse, shots):
    with translation.override("vi"):
        w = build_world()
        nominee = NomineeFactory(dossier__campaign=w.campaign, dossier__unit=w.dept,
                                 dossier__state=DossierState.IN_COUNCIL, person=w.good, award_id=AWARD,
                                 state=NomineeState.ACCEPTED)
        session = open_vote(w.campaign, by=w.chair, title="Phiên họp tháng 12")
        member = w.members[0]
        page = browse(member)
        page.goto("/")
        # The to-do home's "open votes awaiting your ballot", then the vote in the list: followed with Enter.
        tab_to(page, page.get_by_role("link", name=T("Open votes awaiting your ballot"), exact=True))
        page.keyboard.press("Enter")
        tab_to(page, page.get_by_role("link", name="Phiên họp tháng 12", exact=True))
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Phiên họp tháng 12")
        tab_to(page, page.get_by_role("radio", name=T("For"), exact=True))  # the group's first choice
        page.keyboard.press("ArrowRight")  # the arrow keys move the choice within the group
        expect(page.get_by_role("radio", name=T("Against"), exact=True)).to_be_checked()
        shots(page, "ballot-against-chosen")
        tab_to(page, page.get_by_role("button", name=T("Record my votes"), exact=True))
        page.keyboard.press("Enter")
        expect(page.locator("main .alert").first).to_contain_text(T("%(count)s votes recorded.") % {"count": 1})
    ballot = Ballot.objects.get(session=session, nominee=nominee, member=member)
    assert ballot.choice == "against"
