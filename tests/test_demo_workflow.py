"""The demo's workflow (nominations.demo) built by `manage.py seed_demo` at a small size: campaigns at
every stage, made through the real services, idempotent and removable with --reset."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards.campaign_rules import CampaignRules
from certificates.enums import CertificateState
from certificates.models import Certificate, RegistryCounter
from nominations.demo import workflow_exists
from nominations.enums import CommentState, DossierState, Move, NomineeState, Verdict, VoteSessionState
from nominations.models import (
    Ballot,
    Campaign,
    Decision,
    DecisionRegister,
    Dossier,
    Nominee,
    Notification,
    PublicComment,
    Transition,
    VoteSession,
)
from nominations.services.posting import posted_nominees
from units import models as m
from units.demo import ROOT_CODE, reset_demo
from units.demo.rounds import open_round_year

PEOPLE = 400
PASSWORD = "demo-pass-for-tests"
OPEN_YEAR = open_round_year(timezone.localdate())  # the year whose annual round is open today


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", people=PEOPLE, password=PASSWORD, stdout=out, **options)
    return out.getvalue()


def workflow_counts() -> dict[str, int]:
    models = [Campaign, Dossier, Nominee, Transition, Ballot, Decision, Certificate, Notification, m.Honour,
              PublicComment, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def demo(db):
    return seed()


def test_the_three_campaigns_exist_with_their_windows(demo):
    today = timezone.localdate()
    past = Campaign.objects.get(year=OPEN_YEAR - 1, kind="annual")
    annual = Campaign.objects.get(year=OPEN_YEAR, kind="annual")
    thematic = Campaign.objects.get(kind="thematic")
    assert past.closes_on < today - timezone.timedelta(days=60) and not past.is_open()
    assert annual.is_open() and annual.processing_days == 20
    assert annual.opens_on == today - timezone.timedelta(days=21) and annual.closes_on == today + timezone.timedelta(
        days=35)
    assert set(annual.award_types.values_list("code", flat=True)) == {
        "LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "GK", "TTLDTT", "TTLDXS", "CO_TINH"}
    assert thematic.is_open() and set(thematic.award_types.values_list("code", flat=True)) == {"BK_TINH", "GK"}
    assert "chuyển đổi số" in thematic.title
    assert "“Bình xét thi đua, khen thưởng năm" in demo and "certificates issued" in demo


def test_one_dossier_in_council_is_posted_today_with_public_comments_one_answered(demo, client):
    """The public posting page is not empty on the seeding day: the posted dossier's nominees are listed, with
    comments from the public (the reviewer answered one), and they are not in the open vote yet."""
    today = timezone.localdate()
    posted = list(posted_nominees())
    assert len(posted) >= 2 and {n.dossier_id for n in posted} == {posted[0].dossier_id}
    dossier = posted[0].dossier
    assert (dossier.posting_from, dossier.posting_until) == (today - timezone.timedelta(days=3),
                                                             today + timezone.timedelta(days=7))
    assert all(n.vote_session_id is None for n in posted)
    page = client.get(reverse("public:posting"))
    html = page.content.decode()
    assert page.status_code == 200 and all(n.subject_name in html for n in posted)
    comments = PublicComment.objects.filter(nominee__in=posted)
    assert 3 <= comments.count() <= 5 and all(c.created_at.date() < today for c in comments)
    answered = comments.get(state=CommentState.ANSWERED)
    assert answered.answered_by.username == "reviewer" and answered.answer
    assert answered.created_at < answered.answered_at < timezone.now()
    assert dossier.transitions.filter(move=Move.COMMENT_ANSWERED).exists()
    assert Notification.objects.filter(recipient__username="reviewer", message_type="public_comments").exists()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    assert answered.answer in client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()


def test_the_officers_draft_explains_an_eligible_and_an_ineligible_nominee(demo, client):
    officer = get_user_model().objects.get(username="officer")
    draft = Dossier.objects.get(unit=officer.unit, campaign__year=OPEN_YEAR, campaign__kind="annual")
    assert draft.state == DossierState.DRAFT
    nominees = list(draft.nominees.all())
    eligible = [n for n in nominees if n.verdict == Verdict.ELIGIBLE]
    ineligible = [n for n in nominees if n.verdict == Verdict.INELIGIBLE]
    assert eligible and ineligible
    for nominee in ineligible:  # one picked as ineligible, and the registry-over-time cases (units.demo.dated)
        assert nominee.flagged and nominee.justification.strip()
        assert any(c["status"] == "failed" for c in nominee.criteria)
    # The stored verdicts are the engine's own, judged again now, under the 2025-07-01 rule set (Decree
    # 152/2025), each criterion with its legal basis.
    rules = CampaignRules.for_campaign(draft.campaign)
    assert "152/2025" in rules.rule_set.name  # the rule set in force for any year from 2025
    for nominee in nominees:
        assert rules.evaluate(nominee.subject, nominee.award).verdict == nominee.verdict
        assert all(c["basis"]["document"] for c in nominee.criteria), nominee.criteria
    client.force_login(officer)
    page = client.get(reverse("nominations:dossier_detail", args=[draft.pk]))
    assert page.status_code == 200
    assert ineligible[0].subject_name in page.content.decode()


def test_the_queue_has_dossiers_at_every_stage(demo, client):
    annual = Campaign.objects.get(year=OPEN_YEAR, kind="annual")
    states = set(annual.dossiers.values_list("state", flat=True))
    assert {DossierState.SUBMITTED, DossierState.UNDER_REVIEW, DossierState.RETURNED, DossierState.IN_COUNCIL,
            DossierState.DRAFT} <= states
    returned = annual.dossiers.get(state=DossierState.RETURNED)
    assert returned.unit.code == f"{ROOT_CODE}-PNT"
    assert returned.transitions.filter(move=Move.RETURN).exclude(comment="").exists()
    assert returned.nominees.exclude(return_comment="").count() >= 2
    assert Notification.objects.filter(recipient__username="officer2", message_type="dossier_returned").exists()
    # Every eligible nominee filed in the open annual campaign is eligible for the engine now.
    filed = Nominee.objects.filter(campaign=annual, verdict=Verdict.ELIGIBLE).select_related("award", "person", "unit")
    assert filed.count() >= 8
    verdicts = CampaignRules.for_campaign(annual).evaluate_many([(n.subject, n.award) for n in filed])
    assert {v.verdict for v in verdicts} == {"eligible"}
    # The council vote is open with ballots of council1..council3 only.
    session = annual.vote_sessions.get()
    assert session.state == VoteSessionState.OPEN and session.closes_at > timezone.now()
    assert set(session.ballots.values_list("member__username", flat=True)) == {"council1", "council2", "council3"}
    assert set(session.nominees.values_list("dossier__state", flat=True)) == {DossierState.IN_COUNCIL}
    # One dossier of the thematic movement is overdue, and only it.
    overdue = [d for d in Dossier.objects.all() if d.is_overdue]
    assert len(overdue) == 1 and overdue[0].campaign.kind == "thematic"
    assert overdue[0].transitions.filter(move=Move.SUBMIT).get().at.date() == timezone.localtime(
        overdue[0].submitted_at).date()
    client.force_login(get_user_model().objects.get(username="reviewer"))
    url = reverse("nominations:queue")
    for state in ("submitted", "under_review", "returned", "in_council"):
        codes = set(Nominee.objects.filter(dossier__state=state).values_list("subject_code", flat=True))
        others = set(Nominee.objects.exclude(dossier__state=state).values_list("subject_code", flat=True)) - codes
        page = client.get(url, {"dossier_state": state})
        html = page.content.decode()
        assert page.status_code == 200 and codes and all(f">{code}<" in html for code in codes), state
        assert not any(f">{code}<" in html for code in others), state
    late = client.get(url, {"overdue": "1"}).content.decode()
    assert all(f">{n.subject_code}<" in late for n in overdue[0].nominees.all())


def test_the_finished_campaign_is_decided_published_and_its_certificates_verify(demo, client):
    past = Campaign.objects.get(year=OPEN_YEAR - 1, kind="annual")
    assert set(past.dossiers.values_list("state", flat=True)) == {DossierState.DECIDED}
    decisions = list(Decision.objects.filter(campaign=past))
    assert decisions and all(d.published_at for d in decisions)
    chair_decision = next(d for d in decisions if d.issuer == "UBND")
    assert chair_decision.number.endswith("/QĐ-UBND") and chair_decision.signer_name == "Lê Hoàng Long"
    assert chair_decision.decided_on.year == OPEN_YEAR and chair_decision.decided_on < timezone.localdate()
    # Council votes by all five members, secret ballots counted.
    assert set(Ballot.objects.filter(session__campaign=past).values_list("member__username", flat=True)) == {
        f"council{i}" for i in range(1, 6)}
    refused = Nominee.objects.filter(campaign=past, state=NomineeState.REJECTED)
    assert refused.exists() and all(n.refusal_reason.strip() for n in refused)
    awarded = Nominee.objects.filter(campaign=past, state=NomineeState.AWARDED)
    assert awarded.count() == sum(d.lines.count() for d in decisions)
    certificates = list(Certificate.objects.filter(decision_number__in=[d.number for d in decisions]))
    # Each certificate prints its award's own heading (Bằng khen, Giấy khen, Bằng/Giấy chứng nhận …).
    assert {c.heading for c in certificates} == {n.award.certificate_heading for n in awarded
                                                 if n.award.certificate_kind != "none"}
    assert "BẰNG KHEN" in {c.heading for c in certificates}
    assert all(c.registry_number and c.state == CertificateState.ISSUED for c in certificates)
    assert m.Honour.objects.filter(source=m.Honour.Source.DECISION, year=OPEN_YEAR - 1).count() == awarded.count()
    # The history is dated in the campaign's own time, in order.
    moves = list(Transition.objects.filter(dossier__campaign=past).order_by("at", "pk").values_list("move", flat=True))
    assert moves.index(Move.CREATE) < moves.index(Move.SUBMIT) < moves.index(Move.FORWARD) < moves.index(Move.DECIDE)
    assert all(t.year == OPEN_YEAR for t in Transition.objects.filter(dossier__campaign=past)
               .values_list("at", flat=True))
    for certificate in certificates:
        page = client.get(reverse("certificates:verify", args=[certificate.token]))
        assert page.status_code == 200
        assert "alert-success" in page.content.decode() and certificate.recipient_name in page.content.decode()


def test_on_a_fresh_demo_the_chair_issues_a_decision_dated_today(demo, client):
    """The finished round's decisions hold 1/QĐ-UBND of the open round's year (decided in its first quarter);
    today's decision takes the next number of this year's register (1/QĐ-UBND again from January on)."""
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="c")}
    session = VoteSession.objects.get(state=VoteSessionState.OPEN)
    nominees = list(session.nominees.order_by("pk"))
    for member in ("council4", "council5"):  # the two members who had not voted yet
        client.force_login(users[member])
        client.post(reverse("nominations:vote_cast", args=[session.pk]), {f"n_{n.pk}": "for" for n in nominees})
    client.force_login(users["chair"])
    assert client.post(reverse("nominations:vote_close", args=[session.pk])).status_code == 302
    passed = [n for n in nominees if Nominee.objects.get(pk=n.pk).vote_passed]
    assert passed
    for nominee in passed:
        client.post(reverse("nominations:nominee_approve", args=[nominee.pk]))
    today = timezone.localdate()
    earlier = Decision.objects.filter(issuer="UBND", year=today.year).count()
    response = client.post(reverse("nominations:decision_create", args=[session.campaign_id]), {"confirm": "1",
        "nominee": [n.pk for n in passed], "decided_on": today.isoformat(), "signer_name": "Nguyễn Văn Thắng",
        "signer_title": "CHỦ TỊCH", "base_salary": 2_340_000, "issuer": "UBND"})
    assert response.status_code == 302
    decision = Decision.objects.get(decided_on=today)
    assert decision.number == f"{earlier + 1}/QĐ-UBND" and decision.year == today.year
    assert Decision.objects.filter(number="1/QĐ-UBND", year=OPEN_YEAR).exists()
    assert client.get(reverse("nominations:decision_detail", args=[decision.pk])).status_code == 200


def test_a_second_run_adds_no_workflow(demo):
    before = workflow_counts()
    out = seed()
    assert "already exist" in out
    assert workflow_counts() == before


def test_reset_removes_the_workflow_and_rebuilds_it_with_the_same_numbers(demo):
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    registry = sorted(Certificate.objects.values_list("issuer_code", "year", "registry_number"))
    out = seed(reset=True)
    assert "Deleted" in out and workflow_exists()
    assert sorted(Decision.objects.values_list("number", flat=True)) == numbers
    assert sorted(Certificate.objects.values_list("issuer_code", "year", "registry_number")) == registry
    reset_demo()
    assert not workflow_exists() and not Dossier.objects.exists() and not Certificate.objects.exists()
    assert not Notification.objects.exists() and not get_user_model().objects.filter(
        username__startswith="officer").exists()
    assert not m.Unit.objects.filter(code__startswith=ROOT_CODE).exists()
    assert set(DecisionRegister.objects.values_list("last_number", flat=True)) <= {0}
    assert set(RegistryCounter.objects.values_list("last_number", flat=True)) <= {0}


def test_units_only_and_no_workflow_build_no_campaigns(db):
    call_command("seed_demo", units_only=True, password=PASSWORD, stdout=StringIO())
    assert not Campaign.objects.exists()
    reset_demo()
    call_command("seed_demo", people=PEOPLE, password=PASSWORD, no_workflow=True, stdout=StringIO())
    assert m.Person.objects.exists() and not Campaign.objects.exists()


def test_the_annual_campaign_shows_the_registry_over_time(demo):
    """The demo lives through 1 July: its draft holds the dated cases, each with the explanation of its case."""
    from units.demo import dated
    from units.models import Reorganisation, Unit

    officer = get_user_model().objects.get(username="officer")
    draft = Dossier.objects.get(unit=officer.unit, campaign__year=OPEN_YEAR, campaign__kind="annual")
    by_code = {(n.subject.code, n.award_id): n for n in draft.nominees.all()}
    cases = dated.cases()
    assert len(cases) == 6
    criteria = {case: {c["code"]: c for c in by_code[(case.code, case.award)].criteria} for case in cases}
    head, term, review, used, chain, snv = cases
    assert criteria[head]["head_par"]["status"] == "failed"
    assert criteria[term]["discipline_term"]["status"] == "failed"
    assert by_code[(review.code, "LDTT")].verdict == Verdict.NEEDS_REVIEW
    assert criteria[used]["initiatives"]["evidence"]["skipped_used"]
    assert criteria[chain]["cstdcs"]["evidence"]["not_annual"] == [OPEN_YEAR - 1]
    assert criteria[snv]["members_completed"]["evidence"]["members"] > 20  # offices and Ninh Thuận's staff
    assert Reorganisation.objects.filter(kind="merge", new_unit__code="KHH-SNV").exists()
    assert not Unit.objects.filter(kind="district", reorganised__isnull=True).exists()
