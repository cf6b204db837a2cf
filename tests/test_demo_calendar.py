"""The demo follows the calendar (issue 13 item 11): `seed_demo --today` builds the demo as a provincial Board
would see it that day — the open annual round (this year's from November, else last year's), the round before
it finished and published, and records up to the open round's year."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.campaign_rules import CampaignRules
from certificates.models import Certificate
from nominations.enums import DossierState, Verdict
from nominations.models import Campaign, Decision, Dossier, PublicComment
from nominations.services.posting import posted_nominees
from units import models as m
from units.demo import ROOT_CODE
from units.demo.rounds import not_after, open_round_year
from units.enums import UnitKind
from units.timeline import open_units_q

PEOPLE = 400
PASSWORD = "demo-pass-for-tests"


def seed(today: str, **options) -> str:
    out = StringIO()
    call_command("seed_demo", people=PEOPLE, password=PASSWORD, today=datetime.date.fromisoformat(today),
                 stdout=out, **options)
    return out.getvalue()


@pytest.mark.parametrize(("today", "year"), [
    ("2026-12-02", 2026),  # December: this year's year-end round
    ("2026-11-01", 2026),
    ("2026-10-31", 2025),  # before November the round still being worked on is last year's
    ("2027-01-10", 2026),  # the round crosses the year: January still works on last year's
    ("2026-06-15", 2025),
    ("2025-07-02", 2024),
])
def test_the_open_round_follows_the_date(today, year):
    assert settings.LAUREL_ROUND_OPENS_MONTH == 11
    assert open_round_year(datetime.date.fromisoformat(today)) == year


def test_records_of_the_open_year_are_never_dated_after_today():
    today = datetime.date(2026, 12, 2)
    assert not_after(datetime.date(2026, 11, 30), today) == datetime.date(2026, 11, 30)
    moved = [not_after(datetime.date(2026, 12, day), today) for day in range(2, 32)]
    assert all(today - datetime.timedelta(days=28) <= day < today for day in moved) and len(set(moved)) > 20


def annual(year: int) -> Campaign:
    return Campaign.objects.get(kind="annual", year=year)


def assert_finished_and_published(campaign: Campaign) -> None:
    assert set(campaign.dossiers.values_list("state", flat=True)) == {DossierState.DECIDED}
    decisions = list(Decision.objects.filter(campaign=campaign))
    assert decisions and all(d.published_at for d in decisions)
    assert Certificate.objects.filter(decision_number__in=[d.number for d in decisions]).exists()


def assert_open_with_every_stage(campaign: Campaign, today: datetime.date) -> None:
    assert campaign.title == f"Bình xét thi đua, khen thưởng năm {campaign.year}"
    assert campaign.is_open(today)
    assert {DossierState.DRAFT, DossierState.SUBMITTED, DossierState.UNDER_REVIEW, DossierState.RETURNED,
            DossierState.IN_COUNCIL} <= set(campaign.dossiers.values_list("state", flat=True))
    # Every step of its story lies before the day the demo was seeded as of.
    for dossier in campaign.dossiers.all():
        assert dossier.created_at.date() <= today
        assert dossier.submitted_at is None or dossier.submitted_at.date() <= today


@pytest.mark.django_db
def test_in_december_this_years_round_is_open_and_last_years_is_published():
    today = datetime.date(2026, 12, 2)
    out = seed("2026-12-02")
    assert "Built the demo province for 2024–2026" in out
    assert ("As of 02/12/2026 the open annual round is 2026's: “Bình xét thi đua, khen thưởng năm 2026” (year 2026, "
            "open 11/11/2026–06/01/2027); “Bình xét thi đua, khen thưởng năm 2025” (year 2025) is decided and "
            "published.") in out
    assert sorted(Campaign.objects.filter(kind="annual").values_list("year", flat=True)) == [2025, 2026]
    assert_open_with_every_stage(annual(2026), today)
    assert_finished_and_published(annual(2025))
    assert Campaign.objects.get(kind="thematic").year == 2026
    # The 2026 ratings are being finalised: every current person has one, so eligibility can be judged.
    current = m.Person.objects.filter(unit__dissolved_on__isnull=True, unit__code__startswith=ROOT_CODE)
    assert current.exclude(ratings__year=2026).count() == 0
    # 2026's PAR Index is published only in February 2027: the demo has 2025's, not yet 2026's.
    assert m.ParResult.objects.filter(year=2025).exists() and not m.ParResult.objects.filter(year=2026).exists()
    assert not m.ParResult.objects.filter(published_on__gt=today).exists()
    # Nothing is dated after today: the open year's initiatives, discipline and grassroots titles included.
    assert not m.Initiative.objects.filter(recognised_on__gt=today).exists()
    assert not m.DisciplineRecord.objects.filter(decided_on__gt=today).exists()
    assert not m.Honour.objects.filter(decided_on__gt=today).exists()
    assert m.Honour.objects.filter(year=2026, award_id="LDTT").exists()
    # The officer's draft is judged under the rules in force in 2026 (Decree 152/2025) and has eligible nominees.
    draft = Dossier.objects.get(unit__code=f"{ROOT_CODE}-SNV", campaign=annual(2026))
    rules = CampaignRules.for_campaign(draft.campaign)
    assert "152/2025" in rules.rule_set.name
    eligible = [n for n in draft.nominees.all() if n.verdict == Verdict.ELIGIBLE]
    assert eligible and all(rules.evaluate(n.subject, n.award).verdict == Verdict.ELIGIBLE for n in eligible)


@pytest.mark.django_db
def test_in_january_the_round_crosses_the_year():
    out = seed("2027-01-10")
    assert "the open annual round is 2026's" in out
    assert_open_with_every_stage(annual(2026), datetime.date(2027, 1, 10))
    assert_finished_and_published(annual(2025))
    assert annual(2026).opens_on == datetime.date(2026, 12, 20)
    # The public posting is around the day seen on, not the real today: posted then, with its comments.
    seen = datetime.date(2027, 1, 10)
    posted = list(posted_nominees(seen))
    assert posted and (posted[0].dossier.posting_from, posted[0].dossier.posting_until) == (
        datetime.date(2027, 1, 7), datetime.date(2027, 1, 17))
    assert PublicComment.objects.filter(nominee__in=posted, created_at__date__lt=seen).count() >= 3


@pytest.mark.django_db
def test_in_june_last_years_round_is_still_open():
    """Decided: before November the open round is last year's (its dossiers run into the next year), and the
    round before it is finished and published."""
    out = seed("2026-06-15")
    assert "Built the demo province for 2023–2025" in out and "the open annual round is 2025's" in out
    assert_open_with_every_stage(annual(2025), datetime.date(2026, 6, 15))
    assert_finished_and_published(annual(2024))
    assert not Campaign.objects.filter(year=2026, kind="annual").exists()


@pytest.mark.django_db
def test_right_after_the_reorganisation_the_registry_has_its_dated_units():
    """On 2 July 2025 the open round is 2024's; the districts and the merged units closed the day before. No
    rules are recorded for 2023 (the 2022 Law applies from 2024), so the campaigns are refused, before anything
    is built; the registry alone is seeded."""
    with pytest.raises(CommandError, match="rules in force in 2023"):
        seed("2025-07-02")
    assert not m.Unit.objects.exists()
    with pytest.raises(CommandError, match="02/07/2025 or later"):
        seed("2025-06-30", no_workflow=True)

    out = seed("2025-07-02", no_workflow=True)
    assert "Built the demo province for 2022–2024" in out and "the open annual round is 2024's" in out
    reform = datetime.date(2025, 7, 1)
    districts = m.Unit.objects.filter(kind=UnitKind.DISTRICT)
    assert districts.exists() and set(districts.values_list("dissolved_on", flat=True)) == {reform}
    assert set(m.Reorganisation.objects.values_list("effective_on", flat=True)) == {reform}
    merged = m.Reorganisation.objects.filter(kind="merge").values_list("old_unit__code", "new_unit__code")
    assert (f"{ROOT_CODE}-NT-SNV", f"{ROOT_CODE}-SNV") in set(merged)
    open_on = set(m.Unit.objects.filter(open_units_q(on=datetime.date(2025, 7, 2))).values_list("code", flat=True))
    open_before = set(m.Unit.objects.filter(open_units_q(on=datetime.date(2025, 6, 30))).values_list("code", flat=True))
    assert not open_on & set(districts.values_list("code", flat=True)) and f"{ROOT_CODE}-NT-SNV" not in open_on
    assert open_before >= set(districts.values_list("code", flat=True)) | {f"{ROOT_CODE}-NT-SNV"}
    # The former units keep their records for the years they existed; the move of a commune chair lies in
    # the open round's year.
    assert set(m.PersonRating.objects.values_list("year", flat=True)) == {2022, 2023, 2024}
    moved = m.Headship.objects.filter(unit__kind=UnitKind.COMMUNE, until__isnull=False).get()
    assert moved.until == datetime.date(2024, 6, 30)
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_a_story_step_must_lie_before_the_day_the_demo_is_seen_on():
    from nominations.demo.clock import at, backdated, story_day

    day = datetime.date(2027, 1, 10)
    with story_day(day):
        with pytest.raises(ValueError, match="must lie in the past"), backdated(at(day + datetime.timedelta(days=1))):
            pass
        with backdated(at(day - datetime.timedelta(days=1))):  # ahead of the real clock today: moved forwards
            pass
