"""The whole route of a nomination, for an individual and a collective, through the services and pages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import BallotChoice, DossierState, NomineeState
from nominations.models import Decision, Notification, Transition
from units.enums import RatingLevel
from units.models import Honour

from .factories import PersonFactory, PersonRatingFactory, UnitFactory, UnitRatingFactory
from .factories_nominations import CampaignFactory, complete_dossier


@pytest.fixture
def world(province, make_user):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    office = UnitFactory(parent=dept, name="Văn phòng Sở", kind="other")
    good = PersonFactory(unit=office, full_name="Trần Thị Tốt")
    PersonRatingFactory(person=good, year=2025, rating=RatingLevel.GOOD)
    weak = PersonFactory(unit=dept, full_name="Lê Văn Vừa")
    PersonRatingFactory(person=weak, year=2025, rating=RatingLevel.COMPLETED)
    UnitRatingFactory(unit=office, year=2025, rating=RatingLevel.GOOD)
    campaign = CampaignFactory()
    officer = make_user(Role.UNIT_OFFICER, unit=dept, email="officer@example.vn")
    reviewer = make_user(Role.REVIEWER, email="reviewer@example.vn")
    members = [make_user(Role.COUNCIL_MEMBER, email=f"m{i}@example.vn") for i in range(3)]
    chair = make_user(Role.CHAIR)
    return type("World", (), dict(dept=dept, office=office, good=good, weak=weak, campaign=campaign,
                                  officer=officer, reviewer=reviewer, members=members, chair=chair))


def test_whole_route_individual_and_collective(world, client, django_capture_on_commit_callbacks):
    w = world
    client.force_login(w.officer)
    response = client.post(reverse("nominations:dossier_create"), {
        "campaign": w.campaign.pk, "unit": w.dept.pk, "title": "Tờ trình 12/TTr", "letter_number": "12/TTr",
        "council_members": 7, "council_votes_for": 7, "council_votes_against": 0,
    })
    dossier = w.dept.dossiers.get()
    assert response.status_code == 302 and dossier.state == DossierState.DRAFT
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]), {
        "person": w.good.pk, "award": "LDTT", "achievement": "Hoàn thành tốt nhiệm vụ", "action": "add"})
    assert response.status_code == 302
    person_nominee = dossier.nominees.get(person=w.good)
    assert person_nominee.verdict == "eligible" and not person_nominee.flagged and person_nominee.criteria
    collective = services.add_nominee(dossier, w.officer, award=w.campaign.award_types.get(pk="TTLDTT"),
                                      unit=w.office, achievement="Tập thể đoàn kết", justification="Đề nghị xem xét")

    with django_capture_on_commit_callbacks(execute=True):
        complete_dossier(dossier)
        services.submit(dossier, w.officer)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED and dossier.due_on > timezone.localdate()
    assert Notification.objects.filter(recipient=w.reviewer, message_type="dossier_submitted").exists()
    assert [m.to for m in mail.outbox] == [["reviewer@example.vn"]]

    services.start_review(dossier, w.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_revision(dossier, w.reviewer, "Bổ sung biên bản",
                                     {person_nominee.pk: "Thiếu báo cáo thành tích"})
    dossier.refresh_from_db()
    person_nominee.refresh_from_db()
    assert dossier.state == DossierState.RETURNED
    assert person_nominee.return_comment == "Thiếu báo cáo thành tích"
    assert mail.outbox[-1].to == ["officer@example.vn"]
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk]))
    assert "Thiếu báo cáo thành tích" in page.content.decode()

    client.post(reverse("nominations:nominee_edit", args=[person_nominee.pk]),
                {"achievement": "Báo cáo đầy đủ", "justification": ""})
    response = client.post(reverse("nominations:dossier_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert Transition.objects.filter(dossier=dossier, move="resubmit", actor=w.officer).exists()

    services.accept_nominee(person_nominee, w.reviewer)
    services.accept_nominee(collective, w.reviewer)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.IN_COUNCIL

    session = services.open_vote(w.campaign, w.reviewer, "Phiên họp Hội đồng 1")
    assert session.nominees.count() == 2 and session.members_total == 3
    for member in w.members:
        services.cast_vote(session, person_nominee, member, BallotChoice.FOR)
    services.cast_vote(session, collective, w.members[0], BallotChoice.FOR)
    services.cast_vote(session, collective, w.members[1], BallotChoice.AGAINST)
    services.close_vote(session, w.reviewer)
    person_nominee.refresh_from_db()
    collective.refresh_from_db()
    assert person_nominee.vote_passed is True and person_nominee.votes_for == 3
    assert collective.vote_passed is False  # 1 of 3 is below the majority

    with pytest.raises(services.MoveRefused):
        services.approve_nominee(collective, w.chair)
    services.reject_nominee(collective, w.chair, "Không đạt tỷ lệ biểu quyết")
    services.approve_nominee(person_nominee, w.chair)
    decision = services.decide(w.campaign, w.chair, [person_nominee], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn A", signer_title="Chủ tịch", base_salary=2_340_000)
    assert decision.number == "1/QĐ-UBND"
    assert decision.total_amount == round(float(decision.lines.get().multiple) * 2_340_000)
    honour = Honour.objects.get(person=w.good, award_id="LDTT", year=2025)
    assert honour.source == "decision" and honour.decision_number == "1/QĐ-UBND"
    dossier.refresh_from_db()
    collective.refresh_from_db()
    assert dossier.state == DossierState.DECIDED
    assert collective.state == NomineeState.REJECTED and collective.refusal_reason
    assert Notification.objects.filter(recipient=w.officer, message_type="nominee_refused").exists()

    client.force_login(w.chair)
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(reverse("nominations:decision_download", args=[decision.pk, fmt]))
        assert response.status_code == 200 and response.content.startswith(magic)
    assert client.get(reverse("nominations:decision_detail", args=[decision.pk])).status_code == 200
    timeline = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Phiên họp Hội đồng 1" in timeline


def test_decision_numbers_run_per_issuer_and_year(world):
    from nominations.services.decisions import take_number

    assert [take_number("UBND", 2025), take_number("UBND", 2025), take_number("UBND", 2026)] == [1, 2, 1]
    assert take_number("SNV", 2025) == 1
    assert Decision.objects.count() == 0


def test_ineligible_nominee_needs_justification_and_is_flagged(world):
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    ldtt = world.campaign.award_types.get(pk="LDTT")
    with pytest.raises(services.MoveRefused, match="lý do"):
        services.add_nominee(dossier, world.officer, award=ldtt, person=world.weak)
    nominee = services.add_nominee(dossier, world.officer, award=ldtt, person=world.weak,
                                   justification="Có thành tích đột xuất")
    assert nominee.verdict == "ineligible" and nominee.flagged
    assert any(c["status"] == "failed" for c in nominee.criteria)


def test_duplicate_refused_with_link_to_the_other(world, client, make_user):
    other_dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="Khác")
    ldtt = world.campaign.award_types.get(pk="LDTT")
    services.add_nominee(other_dossier, world.officer, award=ldtt, person=world.good)
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    with pytest.raises(services.DuplicateNominee) as info:
        services.add_nominee(dossier, world.officer, award=ldtt, person=world.good)
    assert info.value.other.dossier == other_dossier
    client.force_login(world.officer)
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]), {
        "person": world.good.pk, "award": "LDTT", "achievement": "Đã gõ nội dung", "action": "add"})
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("nominations:dossier_detail", args=[other_dossier.pk]) in body
    assert "Đã gõ nội dung" in body  # what was typed is kept


def test_window_closed_refuses_submission_with_the_date(world, client):
    world.campaign.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    world.campaign.save()
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"), person=world.good)
    client.force_login(world.officer)
    response = client.post(reverse("nominations:dossier_submit", args=[dossier.pk]), follow=True)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    assert world.campaign.closes_on.strftime("%d/%m/%Y") in response.content.decode()


def test_stale_move_names_who_was_first(world):
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"), person=world.good)
    complete_dossier(dossier)
    services.submit(dossier, world.officer)
    services.start_review(dossier, world.reviewer)
    with pytest.raises(services.MoveRefused) as info:
        services.start_review(dossier, world.reviewer)
    assert str(world.reviewer) in str(info.value)


def test_officer_cannot_move_or_reviewer_edit(world, make_user):
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    with pytest.raises(services.NotAllowed):
        services.start_review(dossier, world.officer)
    with pytest.raises(services.NotAllowed):
        services.add_nominee(dossier, world.reviewer, award=world.campaign.award_types.get(pk="LDTT"),
                             person=world.good)


def test_nominee_must_belong_to_the_unit_subtree(world, province):
    stranger = PersonFactory(unit=UnitFactory(parent=province))
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    with pytest.raises(services.MoveRefused, match="đơn vị trực thuộc"):
        services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"),
                             person=stranger)


def test_form_errors_keep_everything_typed(world, client):
    client.force_login(world.officer)
    response = client.post(reverse("nominations:dossier_create"), {
        "campaign": world.campaign.pk, "unit": world.dept.pk, "title": "Giữ nguyên", "council_members": 2,
        "council_votes_for": 3})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Giữ nguyên" in body and 'value="3"' in body


def test_vote_is_secret_until_closed(world, client):
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    nominee = services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"),
                                   person=world.good)
    complete_dossier(dossier)
    services.submit(dossier, world.officer)
    services.forward_to_council(dossier, world.reviewer)
    session = services.open_vote(world.campaign, world.reviewer, "Phiên 2")
    services.cast_vote(session, nominee, world.members[0], BallotChoice.AGAINST)
    client.force_login(world.members[1])
    body = client.get(reverse("nominations:vote_detail", args=[session.pk])).content.decode()
    assert "checked" not in body
    client.force_login(world.members[0])
    body = client.get(reverse("nominations:vote_detail", args=[session.pk])).content.decode()
    assert 'value="against" checked' in body
    services.close_vote(session, world.reviewer)
    with pytest.raises(services.MoveRefused):
        services.cast_vote(session, nominee, world.members[1], BallotChoice.FOR)
    client.force_login(world.reviewer)
    response = client.get(reverse("nominations:vote_minutes", args=[session.pk]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_public_posting_delays_the_vote(world):
    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"), person=world.good)
    complete_dossier(dossier)
    services.submit(dossier, world.officer)
    today = timezone.localdate()
    services.forward_to_council(dossier, world.reviewer, posting_from=today,
                                posting_until=today + datetime.timedelta(days=14))
    with pytest.raises(services.MoveRefused):
        services.open_vote(world.campaign, world.reviewer, "Quá sớm")


def test_reimport_reevaluates_open_nominees(world):
    from nominations.tasks import reevaluate_after_import

    dossier = services.create_dossier(world.campaign, world.dept, world.officer, title="T")
    nominee = services.add_nominee(dossier, world.officer, award=world.campaign.award_types.get(pk="LDTT"),
                                   person=world.weak, justification="Đột xuất")
    assert nominee.verdict == "ineligible"
    world.weak.ratings.filter(year=2025).update(rating=RatingLevel.GOOD)
    assert reevaluate_after_import("ratings", [2025], [world.dept.pk]) == 1
    nominee.refresh_from_db()
    assert nominee.verdict == "eligible" and not nominee.flagged
