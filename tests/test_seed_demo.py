"""The demo province: `manage.py seed_demo` at a small size."""

import unicodedata
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from awards.par import Ladders
from units import models as m
from units.demo import ROOT_CODE, reset_demo
from units.demo.dated import FORMER_STAFF_COUNT
from units.demo.par import classify
from units.demo.rounds import open_round_year
from units.demo.tree import DEMO_LOGINS
from units.enums import ParClass, RatingLevel, UnitKind

PEOPLE = 500
PASSWORD = "demo-pass-for-tests"
OPEN_YEAR = open_round_year(timezone.localdate())  # the year whose annual round is open today
YEARS = [OPEN_YEAR - 2, OPEN_YEAR - 1, OPEN_YEAR]
PAR_YEARS = YEARS[:-1]  # the open year's PAR Index is published only in the next February


def seed(**options) -> str:
    """The registry part only; tests/test_demo_workflow.py covers the workflow part."""
    options.setdefault("no_workflow", True)
    out = StringIO()
    call_command("seed_demo", people=PEOPLE, password=PASSWORD, stdout=out, **options)
    return out.getvalue()


def record_counts() -> dict[str, int]:
    models = [m.Unit, m.Person, m.PersonRating, m.UnitRating, m.ParResult, m.Initiative, m.DisciplineRecord,
              m.Honour, m.EmulationCluster, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def demo(db):
    return seed()


def test_tree_has_the_expected_shape_and_correct_paths(demo):
    units = list(m.Unit.objects.select_related("parent", "head"))
    assert len(units) >= 40
    by_kind = {kind: [u for u in units if u.kind == kind] for kind in UnitKind.values}
    assert [u.code for u in by_kind[UnitKind.PROVINCE] if u.dissolved_on is None] == [ROOT_CODE]
    assert len(by_kind[UnitKind.AGENCY]) >= 14 and len(by_kind[UnitKind.COMMUNE]) >= 18
    assert by_kind[UnitKind.DISTRICT] and all(u.dissolved_on.isoformat() == "2025-07-01"
                                              for u in by_kind[UnitKind.DISTRICT])
    assert by_kind[UnitKind.PUBLIC_SERVICE] and by_kind[UnitKind.ENTERPRISE]
    for unit in units:
        if unit.parent is None:
            assert unit.path == f"/{unit.pk}/" and unit.depth == 0
        else:
            assert unit.path == f"{unit.parent.path}{unit.pk}/" and unit.path.startswith(unit.parent.path)
            assert unit.depth == unit.parent.depth + 1
        if unit.dissolved_on is None or unit.kind == UnitKind.DISTRICT:  # former units merged on 1 July
            assert unit.head is not None and unit.head.unit_id == unit.pk, unit
    root = m.Unit.objects.get(code=ROOT_CODE)
    assert root.subtree().count() == len(units)
    assert all(u.cluster_id for u in by_kind[UnitKind.AGENCY] + by_kind[UnitKind.COMMUNE])
    assert m.Unit.objects.get(code=f"{ROOT_CODE}-SNV").head.position == "Giám đốc"
    assert m.Unit.objects.get(code=f"{ROOT_CODE}-PNT").head.position == "Chủ tịch UBND"


def test_people_have_vietnamese_names(demo):
    people = list(m.Person.objects.all())
    assert PEOPLE - 5 <= len(people) - FORMER_STAFF_COUNT <= PEOPLE + 5
    assert all(unicodedata.is_normalized("NFC", p.full_name) and len(p.full_name.split()) >= 3 for p in people)
    with_diacritics = [p for p in people if not p.full_name.isascii()]
    assert len(with_diacritics) > 0.8 * len(people)
    assert {p.gender for p in people} == {"male", "female"}
    assert all(p.code.startswith("P") and len(p.code) == 6 and p.birth_date and p.position for p in people)
    women = [p.full_name for p in people if p.gender == "female"]
    assert any(" Thị " in name for name in women) and not any(" Văn " in name for name in women)


def test_three_years_of_ratings_with_a_believable_spread(demo):
    assert set(m.PersonRating.objects.values_list("year", flat=True)) == set(YEARS)
    current = m.Person.objects.filter(unit__dissolved_on__isnull=True)
    per_person = current.annotate(n=Count("ratings")).values_list("n", flat=True)
    assert set(per_person) == {3}
    ratings = list(m.PersonRating.objects.values_list("rating", flat=True))
    share = {level: ratings.count(level) / len(ratings) for level in RatingLevel.values}
    assert share[RatingLevel.GOOD] > 0.5
    assert 0.08 < share[RatingLevel.EXCELLENT] < 0.3
    assert 0 < share[RatingLevel.NOT_COMPLETED] < 0.06
    bands = {RatingLevel.EXCELLENT: (90, 100), RatingLevel.GOOD: (70, 90), RatingLevel.COMPLETED: (50, 70),
             RatingLevel.NOT_COMPLETED: (0, 50)}
    for rating in m.PersonRating.objects.filter(year__gte=2025):
        low, high = bands[rating.rating]
        assert rating.score is not None and low <= rating.score < high or rating.score == 100
    assert not m.PersonRating.objects.filter(year__lt=2025, score__isnull=False).exists()
    for record in m.DisciplineRecord.objects.exclude(level="under_review"):  # an inspection is no discipline
        year_rating = m.PersonRating.objects.get(person=record.person, year=record.decided_on.year)
        assert year_rating.rating == RatingLevel.NOT_COMPLETED
    assert m.DisciplineRecord.objects.exists()
    districts = m.UnitRating.objects.filter(unit__kind=UnitKind.DISTRICT)
    assert districts.exists() and max(districts.values_list("year", flat=True)) < 2025


def test_par_results_spread_and_rank_within_group(demo):
    scored = [u for u in m.Unit.objects.filter(reorganised__isnull=True)
              if u.kind in (UnitKind.AGENCY, UnitKind.COMMUNE)]
    ladders = Ladders.load()
    assert not m.ParResult.objects.filter(year=OPEN_YEAR).exists()
    for year in PAR_YEARS:
        results = list(m.ParResult.objects.filter(year=year).select_related("unit"))
        assert {r.unit_id for r in results} >= {u.pk for u in scored}
        classes = {classify(float(r.score)) for r in results}
        assert {ParClass.EXCELLENT, ParClass.GOOD, ParClass.FAIR, ParClass.AVERAGE} <= classes
        for group in ("agencies", "communes", "districts"):
            members = sorted((r for r in results if ladders.group_of(r.unit.kind, year) == group),
                             key=lambda r: r.rank)
            assert [r.rank for r in members] == list(range(1, len(members) + 1))
            assert [r.score for r in members] == sorted((r.score for r in members), reverse=True)
    assert m.ParResult.objects.filter(classification=ParClass.WEAK).exists() or any(
        classify(float(s)) == ParClass.WEAK for s in m.ParResult.objects.values_list("score", flat=True))
    published = {year: set(m.ParResult.objects.filter(year=year).values_list("classification", flat=True))
                 for year in PAR_YEARS}
    assert published[PAR_YEARS[0]] == {""} and "" not in published[PAR_YEARS[-1]]


def test_honours_agree_with_the_records_and_candidates_exist(demo):
    good = {(r.person_id, r.year) for r in m.PersonRating.objects.filter(rating__in=["good", "excellent"])}
    disciplined = {(d.person_id, d.decided_on.year) for d in m.DisciplineRecord.objects.all()}
    ldtt = {(h.person_id, h.year) for h in m.Honour.objects.filter(award_id="LDTT")}
    assert ldtt and ldtt <= good - disciplined
    with_initiative = {(i.person_id, i.recognised_on.year) for i in m.Initiative.objects.all()}
    cstdcs = {(h.person_id, h.year) for h in m.Honour.objects.filter(award_id="CSTDCS")}
    assert cstdcs and cstdcs <= ldtt & with_initiative
    # Dated early the next year, the open round's grassroots titles just before today (never in the future).
    today = timezone.localdate()
    assert all(h.decision_number.split("/")[1].startswith("QĐ-") and h.decided_on < today
               and (h.decided_on.year == h.year + 1 or h.year == OPEN_YEAR) for h in m.Honour.objects.all())
    assert m.Honour.objects.filter(unit__isnull=False, award_id__in=["TTLDTT", "TTLDXS"]).exists()

    provincial = set(m.Initiative.objects.filter(scope__in=["provincial", "national"])
                     .values_list("person_id", flat=True))
    cstd_tinh = [pk for pk in provincial if all((pk, y) in cstdcs for y in YEARS)]
    assert cstd_tinh
    excellent = {(r.person_id, r.year) for r in m.PersonRating.objects.filter(rating="excellent")}
    bk_tinh = [p for p in m.Person.objects.all()
               if all((p.pk, y) in excellent for y in YEARS[-2:])
               and p.initiatives.filter(recognised_on__year__in=YEARS[-2:]).count() >= 2]
    assert bk_tinh
    weak_heads = m.Unit.objects.filter(par_results__year=OPEN_YEAR - 1,
                                       par_results__classification__in=["average", "weak"], head__isnull=False)
    assert weak_heads.exists()


def test_a_second_run_adds_nothing_and_still_prints_the_logins(demo):
    before = record_counts()
    output = seed()
    assert "already exists" in output
    assert record_counts() == before
    for login in DEMO_LOGINS:
        assert login.username in output
    assert PASSWORD in output


def test_every_demo_login_signs_in_and_reaches_home(demo, client):
    User = get_user_model()
    roles = set()
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.has_role(login.role) and user.full_name == login.full_name
        roles.add(login.role)
        response = client.post(reverse("login"), {"username": login.username, "password": PASSWORD})
        assert response.status_code == 302, login.username
        assert client.get("/").status_code == 200
        client.logout()
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert User.objects.get(username="officer").unit.code == f"{ROOT_CODE}-SNV"
    assert User.objects.get(username="officer2").unit.kind == UnitKind.COMMUNE
    wrong = client.post(reverse("login"), {"username": "reviewer", "password": "wrong-password"})
    assert wrong.status_code == 200 and client.get("/").status_code == 302


def test_rerun_with_a_new_password_updates_the_logins(demo, client):
    seed_output = StringIO()
    call_command("seed_demo", people=PEOPLE, password="another-pass-2026", stdout=seed_output)
    response = client.post(reverse("login"), {"username": "clerk", "password": "another-pass-2026"})
    assert response.status_code == 302


def test_reset_rebuilds_the_same_province_from_the_same_seed(demo):
    names = list(m.Person.objects.order_by("code").values_list("code", "full_name", "unit__code"))
    scores = list(m.ParResult.objects.order_by("unit__code", "year").values_list("unit__code", "year", "score"))
    out = seed(reset=True)
    assert "Deleted" in out
    assert list(m.Person.objects.order_by("code").values_list("code", "full_name", "unit__code")) == names
    assert list(m.ParResult.objects.order_by("unit__code", "year")
                .values_list("unit__code", "year", "score")) == scores
    reset_demo()
    assert not m.Unit.objects.filter(code__startswith=ROOT_CODE).exists()
    assert not m.Person.objects.exists() and not get_user_model().objects.filter(username="admin").exists()


def test_units_only_builds_the_tree_without_people(db):
    out = StringIO()
    call_command("seed_demo", units_only=True, password=PASSWORD, stdout=out)
    assert m.Unit.objects.count() >= 40
    assert not m.Person.objects.exists()
    assert m.ParResult.objects.exists() and m.UnitRating.objects.exists()
    assert "officer2" in out.getvalue()
