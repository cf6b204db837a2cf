"""Issue 13 (items 1, 2, 3, 7): nothing irreversible by accident, what submit checks, recall and draft
deletion, the approval after the vote, the bulk preview. Through the HTTP test client."""

import datetime

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import DossierState, Move, NomineeState, VoteSessionState
from nominations.models import Attachment, Decision, Dossier, Nominee, RequiredDocument, Transition, VoteSession

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, NomineeFactory, complete_dossier

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def unit_world(province, make_user):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    reviewer = make_user(Role.REVIEWER)
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, dept, officer, title="Tờ trình 1")
    nominee = NomineeFactory(dossier=dossier, person=PersonFactory(unit=dept, full_name="Trần Thị Tốt"))
    return type("W", (), dict(dept=dept, officer=officer, reviewer=reviewer, campaign=campaign, dossier=dossier,
                              nominee=nominee))


def upload(name="a.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# Item 3: submitting checks what a Board needs.

def test_every_campaign_kind_lists_its_required_documents_as_data(db):
    kinds = {(r.campaign_kind, r.kind, r.per_nominee, r.summary_suffices) for r in RequiredDocument.objects.all()}
    assert ("annual", "proposal_letter", False, False) in kinds
    assert ("annual", "council_minutes", False, False) in kinds
    assert ("annual", "achievement_report", True, False) in kinds
    assert ("adhoc", "achievement_report", True, True) in kinds


def test_submit_refuses_with_the_list_of_what_is_missing(unit_world, client):
    w = unit_world
    client.force_login(w.officer)
    response = client.get(reverse("nominations:dossier_submit", args=[w.dossier.pk]))
    blockers = response.context["blockers"]
    assert len(blockers) == 5, blockers  # council date, council vote, letter, minutes, Trần Thị Tốt's report
    assert any("Trần Thị Tốt" in b for b in blockers)
    assert "type=\"submit\"" not in response.content.decode().split("confirm-blockers")[1]  # no confirm button
    response = client.post(reverse("nominations:dossier_submit", args=[w.dossier.pk]), follow=True)
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.DRAFT
    message = str(list(response.context["messages"])[0])
    assert "Trần Thị Tốt" in message
    # The dossier page says so too, before the officer tries.
    detail = client.get(reverse("nominations:dossier_detail", args=[w.dossier.pk]))
    assert len(detail.context["missing"]) == 5


def test_council_votes_above_its_members_are_missing_data(unit_world):
    w = unit_world
    complete_dossier(w.dossier)
    Dossier.objects.filter(pk=w.dossier.pk).update(council_members=5, council_votes_for=5, council_votes_against=1)
    w.dossier.refresh_from_db()
    with pytest.raises(services.IncompleteDossier) as refused:
        services.submit(w.dossier, w.officer)
    assert len(refused.value.missing) == 1


def test_submit_with_every_document_asks_first_then_submits(unit_world, client):
    w = unit_world
    Dossier.objects.filter(pk=w.dossier.pk).update(council_met_on=datetime.date(2025, 12, 1), council_members=7,
                                                   council_votes_for=6, council_votes_against=1)
    services.add_attachment(w.dossier, w.officer, upload("to-trinh.pdf"), "proposal_letter")
    services.add_attachment(w.dossier, w.officer, upload("bien-ban.pdf"), "council_minutes")
    services.add_attachment(w.dossier, w.officer, upload("bao-cao.pdf"), "achievement_report", nominee=w.nominee)
    client.force_login(w.officer)
    response = client.get(reverse("nominations:dossier_submit", args=[w.dossier.pk]))
    assert response.status_code == 200 and response.context["blockers"] == []
    assert response.context["items"] == [f"Trần Thị Tốt ({w.nominee.subject_code}) – {w.nominee.award.name}"]
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.DRAFT  # the page moved nothing
    response = client.post(reverse("nominations:dossier_submit", args=[w.dossier.pk]), {"confirm": "1"})
    w.dossier.refresh_from_db()
    assert response.status_code == 302 and w.dossier.state == DossierState.SUBMITTED


def test_for_ad_hoc_a_short_summary_stands_for_the_achievement_report(province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    dossier = services.create_dossier(CampaignFactory(kind="adhoc"), dept, officer, title="Đột xuất")
    nominee = NomineeFactory(dossier=dossier, person=PersonFactory(unit=dept), achievement="")
    complete_dossier(dossier, nominees=[])
    with pytest.raises(services.IncompleteDossier):
        services.submit(dossier, officer)
    Nominee.objects.filter(pk=nominee.pk).update(achievement="Cứu người trong lũ ngày 20/11.")
    services.submit(dossier, officer)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


# Item 2: recall and draft deletion.

def test_the_unit_recalls_its_dossier_until_the_board_receives_it(unit_world, client):
    w = unit_world
    complete_dossier(w.dossier)
    services.submit(w.dossier, w.officer)
    client.force_login(w.officer)
    url = reverse("nominations:dossier_recall", args=[w.dossier.pk])
    assert client.get(url).status_code == 200
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.SUBMITTED
    response = client.post(url, {"comment": "Bổ sung báo cáo"})
    w.dossier.refresh_from_db()
    assert response.status_code == 302 and w.dossier.state == DossierState.DRAFT
    assert w.dossier.due_on is None and w.dossier.submitted_at is None
    row = Transition.objects.filter(dossier=w.dossier).latest("pk")
    assert (row.move, row.from_state, row.to_state, row.actor, row.comment) == (
        Move.RECALL, DossierState.SUBMITTED, DossierState.DRAFT, w.officer, "Bổ sung báo cáo")
    # Once the Board has received it, it stays with the Board.
    services.submit(w.dossier, w.officer)
    services.start_review(w.dossier, w.reviewer)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    with pytest.raises(services.MoveRefused):
        services.recall(w.dossier, w.officer)
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.UNDER_REVIEW


def test_a_recalled_resubmission_goes_back_to_returned(unit_world):
    w = unit_world
    complete_dossier(w.dossier)
    services.submit(w.dossier, w.officer)
    services.return_for_revision(w.dossier, w.reviewer, "Bổ sung")
    services.resubmit(w.dossier, w.officer)
    w.dossier.refresh_from_db()
    services.recall(w.dossier, w.officer)
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.RETURNED


def test_another_unit_or_the_board_cannot_recall(unit_world, client, make_user, province):
    w = unit_world
    complete_dossier(w.dossier)
    services.submit(w.dossier, w.officer)
    url = reverse("nominations:dossier_recall", args=[w.dossier.pk])
    client.force_login(make_user(Role.UNIT_OFFICER, unit=UnitFactory(parent=province)))
    assert client.post(url).status_code == 404
    client.force_login(w.reviewer)
    assert client.post(url).status_code == 403
    w.dossier.refresh_from_db()
    assert w.dossier.state == DossierState.SUBMITTED


def test_the_unit_deletes_its_draft_with_its_files_and_the_deletion_is_logged(
        unit_world, client, django_capture_on_commit_callbacks):
    w = unit_world
    attachment = services.add_attachment(w.dossier, w.officer, upload(), "proposal_letter")
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    client.force_login(w.officer)
    url = reverse("nominations:dossier_delete", args=[w.dossier.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.context["items"] == [
        f"Trần Thị Tốt ({w.nominee.subject_code})"]
    assert Dossier.objects.filter(pk=w.dossier.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("nominations:dossier_list")
    assert not Dossier.objects.filter(pk=w.dossier.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists() and not storage.exists(name)
    entry = LogEntry.objects.get(action_flag=DELETION, object_id=str(w.dossier.pk))
    assert entry.user == w.officer and w.dossier.code in entry.change_message
    assert "Trần Thị Tốt" in entry.change_message


def test_a_submitted_dossier_is_not_deleted(unit_world, client):
    w = unit_world
    complete_dossier(w.dossier)
    services.submit(w.dossier, w.officer)
    client.force_login(w.officer)
    assert client.post(reverse("nominations:dossier_delete", args=[w.dossier.pk])).status_code == 403
    with pytest.raises(services.MoveRefused):
        services.delete_draft(w.dossier, w.officer)
    assert Dossier.objects.filter(pk=w.dossier.pk).exists()


# Item 2: the confirmation pages move nothing.

def test_removing_a_nominee_or_a_file_asks_first(unit_world, client):
    w = unit_world
    attachment = services.add_attachment(w.dossier, w.officer, upload("bien-ban.pdf"), "council_minutes")
    client.force_login(w.officer)
    response = client.get(reverse("nominations:nominee_delete", args=[w.nominee.pk]))
    assert response.status_code == 200 and "Trần Thị Tốt" in response.context["title"]
    response = client.get(reverse("nominations:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 200 and "bien-ban.pdf" in response.context["title"]
    assert Nominee.objects.filter(pk=w.nominee.pk).exists() and Attachment.objects.filter(pk=attachment.pk).exists()
    body = client.get(reverse("nominations:dossier_detail", args=[w.dossier.pk])).content.decode()
    assert f'action="{reverse("nominations:nominee_delete", args=[w.nominee.pk])}"' not in body  # a link, no form
    client.post(reverse("nominations:attachment_delete", args=[attachment.pk]))
    client.post(reverse("nominations:nominee_delete", args=[w.nominee.pk]))
    assert not Nominee.objects.filter(pk=w.nominee.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.fixture
def council(province, make_user):
    """A closed round: two nominees passed and wait for approval, one did not pass."""
    dept = UnitFactory(parent=province)
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, dept, make_user(Role.UNIT_OFFICER, unit=dept), title="T")
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.IN_COUNCIL)
    session = VoteSession.objects.create(campaign=campaign, title="Phiên 1", state=VoteSessionState.CLOSED,
                                         members_total=3, closed_at=timezone.now())
    passed = [NomineeFactory(dossier=dossier, person=PersonFactory(unit=dept, full_name=name), award_id="BK_TINH",
                             state=NomineeState.ACCEPTED, vote_session=session, vote_passed=True, votes_for=3,
                             votes_against=0, votes_abstain=0) for name in ("An", "Bình")]
    failed = NomineeFactory(dossier=dossier, person=PersonFactory(unit=dept, full_name="Cường"), award_id="BK_TINH",
                            state=NomineeState.ACCEPTED, vote_session=session, vote_passed=False, votes_for=1,
                            votes_against=2, votes_abstain=0)
    return session, passed, failed, make_user(Role.CHAIR)


def test_the_approval_after_the_vote_reports_each_refusal(council, client):
    session, (an, binh), failed, chair = council
    client.force_login(chair)
    url = reverse("nominations:vote_approve", args=[session.pk])
    response = client.get(url)
    assert response.context["passed"] == [an, binh] and response.context["not_passed"] == [failed]
    services.reject_nominee(binh, chair, "Có đơn thư phản ánh")  # meanwhile
    response = client.post(url, {"nominee": [an.pk, binh.pk, failed.pk]}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 3, messages  # An approved; Bình refused (already rejected); Cường did not pass
    assert any(m.startswith("Bình:") for m in messages) and any(m.startswith("Cường:") for m in messages)
    assert [n.state for n in Nominee.objects.filter(pk__in=[an.pk, binh.pk, failed.pk]).order_by("subject_name")] == [
        NomineeState.APPROVED, NomineeState.REJECTED, NomineeState.ACCEPTED]


def test_publishing_asks_first(council, client):
    session, (an, _binh), _failed, chair = council
    services.approve_nominee(an, chair)
    decision = services.decide(session.campaign, chair, [an], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn A", signer_title="Chủ tịch")
    client.force_login(chair)
    url = reverse("nominations:decision_publish", args=[decision.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.context["items"][0].startswith("An – ")
    assert Decision.objects.get().published_at is None
    client.post(url)
    assert Decision.objects.get().published_at is not None


# Item 7: the bulk preview and the posting window of the automatic forward.

@pytest.fixture
def queue_world(province, make_user):
    dept = UnitFactory(parent=province)
    campaign = CampaignFactory()
    in_review = NomineeFactory(dossier__campaign=campaign, dossier__unit=dept, dossier__state=DossierState.UNDER_REVIEW,
                               person=PersonFactory(unit=dept, full_name="An"))
    draft = NomineeFactory(dossier__campaign=campaign, dossier__unit=dept, person=PersonFactory(unit=dept,
                                                                                                full_name="Bình"))
    return in_review, draft, make_user(Role.REVIEWER)


def test_the_bulk_preview_says_which_rows_will_be_refused_and_why(queue_world, client):
    in_review, draft, reviewer = queue_world
    client.force_login(reviewer)
    before = list(Nominee.objects.values_list("pk", "state"))
    response = client.post(reverse("nominations:queue_bulk"), {"action": "accept", "pk": [in_review.pk, draft.pk]})
    rows = {r["nominee"].pk: (r["ok"], r["message"]) for r in response.context["rows"]}
    assert rows[in_review.pk][0] is True and in_review.dossier.code in rows[in_review.pk][1]  # then forwarded
    assert rows[draft.pk][0] is False and rows[draft.pk][1]  # the draft is not before the Board
    assert response.context["applicable"] == 1
    assert "bulk-will-refuse" in response.content.decode()
    assert list(Nominee.objects.values_list("pk", "state")) == before  # nothing written


def test_the_automatic_forward_after_bulk_acceptance_takes_the_posting_window(queue_world, client):
    in_review, _draft, reviewer = queue_world
    client.force_login(reviewer)
    start = timezone.localdate()
    response = client.post(reverse("nominations:queue_bulk"), {
        "action": "accept", "pk": [in_review.pk], "confirm": "1", "posting_from": start.isoformat(),
        "posting_until": (start + datetime.timedelta(days=14)).isoformat()})
    assert response.status_code == 200
    dossier = Dossier.objects.get(pk=in_review.dossier_id)
    assert dossier.state == DossierState.IN_COUNCIL
    assert (dossier.posting_from, dossier.posting_until) == (start, start + datetime.timedelta(days=14))


def test_a_half_posting_window_is_shown_again_not_applied(queue_world, client):
    in_review, _draft, reviewer = queue_world
    client.force_login(reviewer)
    response = client.post(reverse("nominations:queue_bulk"), {
        "action": "accept", "pk": [in_review.pk], "confirm": "1", "posting_from": "not a date"})
    assert response.status_code == 200 and response.context["posting_form"].errors
    assert Nominee.objects.get(pk=in_review.pk).state == NomineeState.PROPOSED
