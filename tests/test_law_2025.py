"""The law as it stands (issue 11): each case a provincial Board reproduced in its 2025 year-end round, judged
through the command or the views, with the corrected verdict; the 2025 rule set, the legal basis of every
rule, awards as data, cluster scores, the dated base salary and one set of rules per campaign."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from awards.campaign_rules import CampaignRules
from awards.models import AwardRule, AwardType, Criterion, RuleSet
from awards.rulesets import clone_rule_set
from nominations import services
from nominations.models import Decision
from units.importing.service import run_import
from units.models import ClusterScore
from units.signals import records_imported

from .factories import UserFactory
from .factories_awards import (
    DisciplineFactory,
    EmulationClusterFactory,
    PersonFactory,
    UnitFactory,
    cluster_score,
    honour,
    initiative,
    par,
    rate,
)
from .factories_nominations import CampaignFactory, complete_dossier

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def judge(*args) -> dict:
    out = StringIO()
    call_command("eligibility", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def statuses(data) -> dict:
    return {c["code"]: c["status"] for c in data["criteria"]}


# -- the reproduced cases -----------------------------------------------------------------------------


@pytest.fixture
def office():
    """An office rated excellent whose member was warned in January 2025 for a 2024 act, rated completed."""
    unit = UnitFactory(code="VP", kind="agency")
    par(unit, YEAR, "85")
    rate(unit, YEAR, "excellent")
    people = [PersonFactory(unit=unit) for _ in range(4)]
    for person in people[:3]:
        rate(person, YEAR, "good")
    honour(people[0], "CSTDCS", YEAR)
    warned = people[3]
    rate(warned, YEAR, "completed")
    DisciplineFactory(person=warned, level="warning", decided_on=datetime.date(2025, 1, 14))
    return unit


def test_ttldxs_has_no_member_discipline_clause(office):
    data = judge("--award", "TTLDXS", "--unit", "VP", "--year", str(YEAR))
    assert data["verdict"] == "eligible", statuses(data)
    assert "members_discipline" not in statuses(data)
    assert data["rule_set"]["effective_from"] == "2025-07-01"
    members = next(c for c in data["criteria"] if c["code"] == "members_ldtt")
    assert members["basis"] == {"document": "Luật 06/2022/QH15", "article": "27", "clause": "1", "source": "law"}


def test_ttldtt_keeps_its_member_discipline_clause_and_it_is_editable(office):
    data = judge("--award", "TTLDTT", "--unit", "VP", "--year", str(YEAR))
    assert data["verdict"] == "ineligible" and statuses(data)["members_discipline"] == "failed"
    Criterion.objects.filter(rule__rule_set__effective_from=datetime.date(2025, 7, 1), rule__award_id="TTLDTT",
                             code="members_discipline").update(enabled=False)
    assert judge("--award", "TTLDTT", "--unit", "VP", "--year", str(YEAR))["verdict"] == "eligible"


def test_flag_goes_to_the_cluster_leader_by_the_clusters_own_scores_not_par():
    cluster = EmulationClusterFactory(name="Cụm các sở")
    snv = UnitFactory(code="SNV", name="Sở Nội vụ", kind="agency", cluster=cluster)
    rival = UnitFactory(code="STC", kind="agency", cluster=cluster)
    par(snv, YEAR, "84")  # below the cluster's best PAR score
    par(rival, YEAR, "95")
    cluster_score(snv, YEAR, "98.5")
    cluster_score(rival, YEAR, "93")
    honour(snv, "TTLDXS", YEAR)
    data = judge("--award", "CO_TINH", "--unit", "SNV", "--year", str(YEAR))
    assert data["verdict"] == "eligible", statuses(data)
    leader = next(c for c in data["criteria"] if c["code"] == "cluster_leader")
    assert leader["evidence"]["rank"] == 1 and leader["evidence"]["cluster"] == "Cụm các sở"
    honour(rival, "TTLDXS", YEAR)
    assert statuses(judge("--award", "CO_TINH", "--unit", "STC", "--year", str(YEAR)))["cluster_leader"] == "failed"


def test_flag_without_a_cluster_score_needs_review_and_its_thematic_path_is_the_reviewers():
    unit = UnitFactory(code="SYT", kind="agency", cluster=EmulationClusterFactory())
    par(unit, YEAR, "90")
    honour(unit, "TTLDXS", YEAR)
    data = judge("--award", "CO_TINH", "--unit", "SYT", "--year", str(YEAR))
    assert data["verdict"] == "needs_review" and statuses(data)["cluster_leader"] == "unknown"
    thematic = judge("--award", "CO_TINH", "--unit", "SYT", "--year", str(YEAR), "--campaign-kind", "thematic")
    assert thematic["verdict"] == "needs_review" and list(statuses(thematic)) == ["movement_leader"]


def test_a_person_rated_good_is_suggested_ldtt_not_gk(client, province):
    person = PersonFactory(code="GOOD1", unit=UnitFactory(parent=province))
    rate(person, YEAR, "good")
    client.force_login(_reviewer())
    response = client.get("/awards/check/", {"subject_kind": "person", "code": "GOOD1", "award": "GK",
                                             "year": YEAR, "campaign_kind": "annual"})
    assert response.context["verdict"].verdict == "needs_review"  # GK: excellent, or a notable achievement
    assert response.context["suggestion"].award_code == "LDTT"
    honour(person, "LDTT", YEAR)
    person.ratings.filter(year=YEAR).update(rating="excellent")
    data = judge("--award", "GK", "--person", "GOOD1", "--year", str(YEAR))
    assert data["verdict"] == "ineligible" and statuses(data)["not_ldtt"] == "failed"  # one achievement, one form


def _reviewer():
    return UserFactory(roles=[Role.REVIEWER])


def test_bk_tinh_without_two_excellent_years_needs_review_not_ineligible():
    person = PersonFactory(code="BK1", unit=UnitFactory(kind="agency"))
    rate(person, YEAR - 1, "good")
    rate(person, YEAR, "excellent")
    data = judge("--award", "BK_TINH", "--person", "BK1", "--year", str(YEAR))
    assert data["verdict"] == "needs_review"
    assert statuses(data)["rating"] == "unknown"
    rating = next(c for c in data["criteria"] if c["code"] == "rating")
    assert "Other paths remain for the reviewers" in rating["message"]
    DisciplineFactory(person=person, level="reprimand", decided_on=datetime.date(YEAR, 3, 1))
    person.unit.head = person
    person.unit.save()
    par(person.unit, YEAR, "40")  # a computable gate still refuses
    assert judge("--award", "BK_TINH", "--person", "BK1", "--year", str(YEAR))["verdict"] == "ineligible"


def test_cstdcs_has_no_quota_by_default_and_a_council_vote(client, province):
    unit = UnitFactory(parent=province, kind="agency")
    people = [PersonFactory(unit=unit) for _ in range(6)]
    for person in people:
        rate(person, YEAR, "good")
        honour(person, "LDTT", YEAR)
    initiative(people[0], YEAR)
    client.force_login(_reviewer())
    response = client.get("/awards/check/", {"subject_kind": "person", "code": people[0].code, "award": "CSTDCS",
                                             "year": YEAR, "campaign_kind": "annual"})
    verdict = response.context["verdict"]
    assert verdict.verdict == "eligible"
    assert [a.code for a in verdict.advisory] == ["council_vote"]  # no 15 % quota rounded down to zero
    assert verdict.advisory[0].evidence["threshold"] == "4/5"
    html = response.content.decode()
    assert "Căn cứ" in html and "khoản 3, Điều 23, Luật 06/2022/QH15" in html  # the basis column (Vietnamese first)


def test_explanation_shows_the_basis_of_every_criterion_in_vietnamese(client, province):
    person = PersonFactory(code="VI1", unit=UnitFactory(parent=province))
    rate(person, YEAR, "good")
    client.force_login(_reviewer())
    with translation.override("vi"):
        client.cookies["django_language"] = "vi"
        html = client.get("/awards/check/", {"subject_kind": "person", "code": "VI1", "award": "LDTT",
                                             "year": YEAR, "campaign_kind": "annual"}).content.decode()
    assert "Căn cứ" in html and "Điều 24" in html


# -- awards as data ---------------------------------------------------------------------------------


def test_awards_carry_heading_form_rank_and_dated_issuing_powers():
    awards = {a.code: a for a in AwardType.objects.prefetch_related("issuing_powers")}
    assert awards["CSTDCS"].certificate_heading == "GIẤY CHỨNG NHẬN" and awards["CSTDCS"].form == "emulation_title"
    assert awards["CSTD_TINH"].certificate_heading == "BẰNG CHỨNG NHẬN"
    assert awards["BK_TINH"].certificate_heading == "BẰNG KHEN" and awards["GK"].certificate_heading == "GIẤY KHEN"
    order = sorted(awards, key=lambda code: awards[code].rank)
    assert order == ["LDTT", "GK", "CSTDCS", "TTLDTT", "BK_TINH", "TTLDXS", "CSTD_TINH", "CO_TINH"]
    assert "commune_chair" not in awards["CSTDCS"].issuers_on(datetime.date(2025, 6, 30))
    assert "commune_chair" in awards["CSTDCS"].issuers_on(datetime.date(2025, 7, 1))
    assert "commune_chair" in awards["GK"].issuers_on(datetime.date(2024, 3, 1))


@pytest.mark.parametrize("code, heading", [("CSTDCS", "GIẤY CHỨNG NHẬN"), ("CSTD_TINH", "BẰNG CHỨNG NHẬN"),
                                           ("BK_TINH", "BẰNG KHEN"), ("GK", "GIẤY KHEN")])
def test_certificate_heading_comes_from_the_award(code, heading):
    from certificates.services import issue_certificates

    held = honour(PersonFactory(), code, YEAR)
    held.decision_number, held.decided_on = "1/QĐ-UBND", datetime.date(2025, 12, 20)
    held.save()
    certificate = issue_certificates([held], issuer_code="UBND", issuer_title="CHỦ TỊCH", signer_title="CHỦ TỊCH",
                                     signer_name="A", place="Khánh Hòa")[0]
    assert certificate.heading == heading
    AwardType.objects.filter(code=code).update(certificate_heading="TIÊU ĐỀ KHÁC")  # data, not code
    other = honour(PersonFactory(), code, YEAR)
    other.decision_number, other.decided_on = "2/QĐ-UBND", datetime.date(2025, 12, 21)
    other.save()
    assert issue_certificates([other], issuer_code="UBND", issuer_title="CHỦ TỊCH", signer_title="CHỦ TỊCH",
                              signer_name="A", place="Khánh Hòa")[0].heading == "TIÊU ĐỀ KHÁC"


# -- the rule sets ----------------------------------------------------------------------------------


def test_both_rule_sets_give_a_basis_for_every_criterion_vote_rule_and_cash_multiple():
    for rule_set in RuleSet.objects.all():
        for rule in rule_set.rules.prefetch_related("criteria"):
            assert rule.vote_basis and rule.cash_basis, rule
            for criterion in rule.criteria.all():
                assert criterion.basis.document and criterion.source in ("law", "province"), criterion
                criterion.full_clean()
    new = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    assert "152/2025" in new.name and "Decree 152/2025" in new.notes
    old = RuleSet.objects.get(effective_from=datetime.date(2024, 1, 1))
    assert "98/2023" in old.notes
    quota = Criterion.objects.get(rule__rule_set=old, rule__award_id="CSTDCS", code="quota")
    assert not quota.enabled and quota.source == "province" and "not carried into the 2022 Law" in quota.note


def test_rule_set_page_lists_the_basis(client):
    client.force_login(_reviewer())
    rule_set = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    assert client.get(reverse("awards:rule_sets")).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).content.decode()
    assert "Nghị định 152/2025/NĐ-CP" in html and "khoản 1, Điều 27" in html and "Tỉnh quy định" in html
    assert len(queries) < 20


# -- one set of rules per campaign ------------------------------------------------------------------


def own_rule_set(**ldtt):
    """A campaign-specific rule set (effective far in the future, so never the one in force)."""
    rule_set = clone_rule_set(RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1)),
                              datetime.date(2090, 1, 1), "Riêng của đợt")
    AwardRule.objects.filter(rule_set=rule_set, award_id="LDTT").update(**ldtt)
    return rule_set


@pytest.fixture
def council(province, make_user):
    """build(n, campaign, members): n LDTT nominees in council, a vote open before `members` members."""
    def build(n, campaign=None, members=3):
        council_members = [make_user(Role.COUNCIL_MEMBER) for _ in range(members)]
        unit = UnitFactory(parent=province)
        officer = make_user(Role.UNIT_OFFICER, unit=unit)
        reviewer = make_user(Role.REVIEWER)
        campaign = campaign or CampaignFactory()
        dossier = services.create_dossier(campaign, unit, officer, title="Hồ sơ")
        ldtt = campaign.award_types.get(pk="LDTT")
        nominees = []
        for _ in range(n):
            person = PersonFactory(unit=unit)
            rate(person, campaign.year, "good")
            nominees.append(services.add_nominee(dossier, officer, award=ldtt, person=person))
        complete_dossier(dossier)
        services.submit(dossier, officer)
        services.forward_to_council(dossier, reviewer)
        session = services.open_vote(campaign, reviewer, "Phiên họp")
        everyone = list(council_members_of_province())  # members made for earlier builds vote too
        assert set(council_members) <= set(everyone)
        return campaign, session, nominees, reviewer, everyone
    return build


def test_the_council_vote_follows_the_campaigns_own_rule_set(council, make_user):
    campaign = CampaignFactory(rule_set=own_rule_set(vote_threshold="1/1"))
    campaign, session, nominees, reviewer, members = council(1, campaign, members=3)
    assert session.members_total == len(members) == 3
    for member, choice in zip(members, ["for", "for", "against"], strict=True):
        services.cast_vote(session, nominees[0], member, choice)
    services.close_vote(session, reviewer)
    nominees[0].refresh_from_db()
    assert not nominees[0].vote_passed  # the year's rule set asks no vote (simple majority would pass)
    assert CampaignRules.for_year(YEAR).vote_rule("LDTT")[0] < 1


def test_reevaluation_after_an_import_uses_the_campaigns_own_rule_set(province, make_user):
    rule_set = own_rule_set()
    Criterion.objects.filter(rule__rule_set=rule_set, rule__award_id="LDTT", code="rating").update(
        params={"level": "excellent", "years": 1})
    campaign = CampaignFactory(rule_set=rule_set)
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    person = PersonFactory(unit=unit)
    rate(person, YEAR, "completed")
    dossier = services.create_dossier(campaign, unit, officer, title="Hồ sơ")
    nominee = services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="LDTT"), person=person,
                                   justification="Đột xuất")
    person.ratings.filter(year=YEAR).update(rating="good")  # eligible for the year's rules, not the campaign's
    records_imported.send(sender=None, kind="ratings", years={YEAR}, unit_ids={unit.pk})
    nominee.refresh_from_db()
    assert nominee.verdict == "ineligible" and nominee.criteria[0]["evidence"]["required"] == "excellent"
    person.ratings.filter(year=YEAR).update(rating="excellent")
    records_imported.send(sender=None, kind="ratings", years={YEAR}, unit_ids={unit.pk})
    nominee.refresh_from_db()
    assert nominee.verdict == "eligible"


def council_members_of_province():
    from nominations.notifications import council_members

    return council_members()


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def backdate_vote(session, day: datetime.date):
    """The vote closed on `day` (a decision may not predate the vote it rests on)."""
    closed = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    type(session).objects.filter(pk=session.pk).update(closed_at=closed)


def decided(build, size, make_user):
    campaign, session, nominees, reviewer, members = build(size, members=2)
    for member in members:
        for nominee in nominees:
            services.cast_vote(session, nominee, member, "for")
    services.close_vote(session, reviewer)
    for nominee in nominees:
        services.approve_nominee(nominee, reviewer)
    chair = make_user(Role.CHAIR)
    decision = services.decide(campaign, chair, nominees[: size - 1], decided_on=timezone.localdate(),
                               signer_name="A", signer_title="Chủ tịch")
    return campaign, session, decision, chair


def test_council_vote_and_decision_pages_query_counts_do_not_grow_with_nominees(client, council, make_user):
    counts = []
    for size in (2, 7):
        campaign, session, decision, chair = decided(council, size, make_user)
        client.force_login(chair)
        counts.append((
            page_queries(client, reverse("nominations:vote_detail", args=[session.pk])),
            page_queries(client, reverse("nominations:vote_minutes", args=[session.pk])),
            page_queries(client, reverse("nominations:decision_create", args=[campaign.pk])),
            page_queries(client, reverse("nominations:decision_detail", args=[decision.pk])),
        ))
    assert counts[0] == counts[1], counts


def test_cash_uses_the_base_salary_in_force_on_the_decision_date(council, make_user):
    for decided_on, base in ((datetime.date(2024, 6, 28), 1_800_000), (datetime.date(2024, 7, 1), 2_340_000)):
        campaign, session, nominees, reviewer, members = council(1, CampaignFactory(year=2024), members=1)
        for member in members:
            services.cast_vote(session, nominees[0], member, "for")
        services.close_vote(session, reviewer)
        backdate_vote(session, datetime.date(2024, 6, 20))
        services.approve_nominee(nominees[0], reviewer)
        decision = services.decide(campaign, make_user(Role.CHAIR), nominees, decided_on=decided_on,
                                   signer_name="A", signer_title="B")
        assert decision.base_salary == base
        assert decision.lines.get().amount == int(base * 0.3)  # LDTT 0.3 × the base salary of that day
    assert Decision.objects.count() == 2


# -- the command ------------------------------------------------------------------------------------


def test_command_judges_with_a_campaigns_rule_set_and_an_evaluation_date():
    person = PersonFactory(code="C1")
    rate(person, YEAR, "good")
    rule_set = own_rule_set()
    Criterion.objects.filter(rule__rule_set=rule_set, rule__award_id="LDTT", code="rating").update(
        params={"level": "excellent", "years": 1})
    campaign = CampaignFactory(rule_set=rule_set)
    by_year = judge("--award", "LDTT", "--person", "C1", "--year", str(YEAR), "--on", "2025-12-15")
    by_campaign = judge("--award", "LDTT", "--person", "C1", "--campaign", str(campaign.pk), "--on", "2025-12-15")
    assert by_year["verdict"] == "eligible" and by_year["rule_set"]["effective_from"] == "2025-07-01"
    assert by_campaign["verdict"] == "ineligible"
    assert by_campaign["rule_set"] == {"name": "Riêng của đợt", "effective_from": "2090-01-01"}
    with pytest.raises(Exception, match="No campaign"):
        judge("--award", "LDTT", "--person", "C1", "--campaign", "999999")
    assert CampaignRules.for_campaign(campaign, on=datetime.date(2024, 1, 2)).base_salary() == 1_800_000


# -- cluster scores import --------------------------------------------------------------------------


def test_cluster_scores_import_derives_the_rank_when_blank(tmp_path):
    cluster = EmulationClusterFactory(name="Cụm 1")
    u1 = UnitFactory(code="U1", kind="agency", cluster=cluster)
    u2 = UnitFactory(code="U2", kind="agency", cluster=cluster)
    path = tmp_path / "scores.csv"
    path.write_text("year,cluster,unit_code,score,rank\n2025,Cụm 1,U1,91.5,\n2025,Cụm 1,U2,97,\n", encoding="utf-8")
    report = run_import("cluster_scores", path)
    assert report.ok and ClusterScore.objects.count() == 2
    assert {(s.unit.code, s.rank) for s in ClusterScore.objects.select_related("unit")} == {("U1", None), ("U2", None)}
    first, second = CampaignRules.for_year(YEAR).evaluate_many([(u2, "CO_TINH"), (u1, "CO_TINH")])
    assert {c.code: c.evidence.get("rank") for c in first.criteria}["cluster_leader"] == 1  # derived from score
    assert {c.code: c.status for c in second.criteria}["cluster_leader"] == "failed"
    bad = tmp_path / "bad.csv"
    bad.write_text("year,cluster,unit_code,score,rank\n2025,Cụm X,U1,91,\n", encoding="utf-8")
    report = run_import("cluster_scores", bad)
    assert not report.ok and "Cụm X" in report.errors[0].message
    assert run_import("cluster_scores", path).ok  # re-importing changes nothing


def test_decision_page_defaults_to_the_base_salary_of_the_decision_date(council, make_user, client):
    campaign, session, nominees, reviewer, members = council(1, CampaignFactory(year=2024), members=1)
    for member in members:
        services.cast_vote(session, nominees[0], member, "for")
    services.close_vote(session, reviewer)
    backdate_vote(session, datetime.date(2024, 6, 20))
    services.approve_nominee(nominees[0], reviewer)
    client.force_login(make_user(Role.CHAIR))
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {
        "nominee": [nominees[0].pk], "decided_on": "2024-06-28", "signer_name": "A", "signer_title": "B",
        "base_salary": "", "issuer": "UBND", "confirm": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.base_salary == 1_800_000 and decision.lines.get().amount == 540_000
