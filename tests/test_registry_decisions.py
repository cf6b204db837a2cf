"""A decision records the initiatives an award was given on as used, and gives its honours the campaign's
kind; a closed unit takes no new dossier (issue 12)."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from awards.eligibility import evaluate
from nominations import services
from nominations.services.errors import MoveRefused
from units.models import Honour, Initiative

from .factories import PersonFactory, UnitFactory
from .factories_awards import initiative, rate
from .factories_nominations import CampaignFactory, complete_dossier

pytestmark = pytest.mark.django_db


def approve(campaign, unit, officer, make_user, nominations):
    reviewer, chair = make_user(Role.REVIEWER), make_user(Role.CHAIR)
    members = [make_user(Role.COUNCIL_MEMBER) for _ in range(3)]
    dossier = services.create_dossier(campaign, unit, officer, title="Hồ sơ")
    nominees = [services.add_nominee(dossier, officer, award=campaign.award_types.get(pk=award), person=person,
                                     achievement="Thành tích", justification="Lý do")
                for person, award in nominations]
    complete_dossier(dossier)
    services.submit(dossier, officer)
    services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, "Phiên họp")
    for member in members:
        for nominee in nominees:
            services.cast_vote(session, nominee, member, "for")
    services.close_vote(session, reviewer)
    for nominee in nominees:
        nominee.refresh_from_db()
        if nominee.state != "approved":
            services.approve_nominee(nominee, chair)
    return chair, nominees


def test_a_decision_marks_the_initiatives_it_counted_as_used(province, make_user):
    unit = UnitFactory(parent=province, code="SKHCN")
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    person = PersonFactory(unit=unit, code="INNOV")
    rate(person, 2025, "excellent")
    first = initiative(person, 2025)
    campaign = CampaignFactory()
    chair, nominees = approve(campaign, unit, officer, make_user, [(person, "CSTDCS")])
    services.decide(campaign, chair, nominees, decided_on=timezone.localdate(),
                    signer_name="Nguyễn Văn A", signer_title="GIÁM ĐỐC")
    first.refresh_from_db()
    assert (first.used_for_award_id, first.used_for_year) == ("CSTDCS", 2025)
    assert Honour.objects.get(person=person, award="CSTDCS").kind == "annual"
    # the award it served still counts it; another award does not
    assert evaluate(person, "CSTDCS", 2025).verdict == "eligible"
    gk_rule_free = evaluate(person, "BK_TINH", 2025)
    result = next(c for c in gk_rule_free.criteria if c.code == "initiatives")
    assert result.evidence["skipped_used"] == [{"title": first.title, "used_for": "CSTDCS:2025"}]
    assert Initiative.objects.filter(used_for_award__isnull=True).count() == 0


def test_a_thematic_decision_gives_a_thematic_honour(province, make_user):
    unit = UnitFactory(parent=province, code="STT")
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    person = PersonFactory(unit=unit)
    campaign = CampaignFactory(kind="thematic", awards=["GK"])
    chair, nominees = approve(campaign, unit, officer, make_user, [(person, "GK")])
    services.decide(campaign, chair, nominees, decided_on=timezone.localdate(),
                    signer_name="Nguyễn Văn A", signer_title="GIÁM ĐỐC")
    assert Honour.objects.get(person=person).kind == "thematic"


def test_a_closed_unit_takes_no_new_dossier(province, make_user):
    old = UnitFactory(parent=province, code="OLDX", kind="commune", dissolved_on=datetime.date(2025, 7, 1))
    officer = make_user(Role.UNIT_OFFICER, unit=old)
    with pytest.raises(MoveRefused):
        services.create_dossier(CampaignFactory(), old, officer, title="Hồ sơ")


def test_registry_defaults_are_idempotent_and_reach_a_later_rule_set(db):
    from django.apps import apps

    from awards.models import Criterion, RuleSet
    from awards.registry_defaults import apply_registry_defaults
    from awards.rulesets import clone_rule_set

    base = RuleSet.objects.get(effective_from=datetime.date(2024, 1, 1))
    later = clone_rule_set(base, datetime.date(2027, 1, 1), "2027")
    Criterion.objects.filter(rule__rule_set=later, kind="discipline_term").delete()
    before = Criterion.objects.filter(rule__rule_set=base).count()
    apply_registry_defaults(apps, effective_from=later.effective_from)
    apply_registry_defaults(apps, effective_from=later.effective_from)
    assert Criterion.objects.filter(rule__rule_set=base).count() == before
    terms = Criterion.objects.filter(rule__rule_set=later, kind="discipline_term")
    assert {(c.rule.award_id, c.params["years"]) for c in terms} >= {("CSTD_TINH", 3), ("BK_TINH", 2), ("LDTT", 1)}
    assert later.par_basis == "same_year" and later.head_gate_campaign_kinds == ["annual"]
