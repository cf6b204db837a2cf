"""The dated import kinds under hostile input: each problem a clear row error and nothing written; and a
property test of the overlap rule (issue 12)."""

import datetime
import io

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from units.importing import run_import
from units.models import Assignment, Headship, Person, Reorganisation, Unit

from .factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(kind, *rows):
    return run_import(kind, io.BytesIO(("\n".join(rows) + "\n").encode()), filename="f.csv")


def counts():
    return (Assignment.objects.count(), Headship.objects.count(), Reorganisation.objects.count(),
            list(Unit.objects.exclude(dissolved_on=None).values_list("code", flat=True)))


@pytest.fixture
def world(db):
    a = UnitFactory(code="A", kind="commune")
    b = UnitFactory(code="B", kind="commune")
    c = UnitFactory(code="C", kind="commune")
    PersonFactory(code="P1", unit=a)
    PersonFactory(code="P2", unit=b)
    return a, b, c


def only_errors(report):
    assert not report.ok and report.created == report.updated == 0
    return [(e.line, e.column) for e in report.errors]


def test_overlapping_assignments_in_the_file(world):
    before = counts()
    report = run("assignments", "person_code,unit_code,from,until",
                 "P1,A,2020-01-01,2025-06-30", "P1,B,2025-06-01,")
    assert only_errors(report) == [(3, "from")]
    assert "Overlaps another assignment" in report.errors[0].message
    assert counts() == before


def test_an_assignment_overlapping_one_in_the_database(world):
    assert run("assignments", "person_code,unit_code,from,until", "P1,A,2020-01-01,").ok
    report = run("assignments", "person_code,unit_code,from,until", "P1,B,2025-07-01,")
    assert only_errors(report) == [(2, "from")]
    # closing the first one in the same file makes room
    report = run("assignments", "person_code,unit_code,from,until", "P1,A,2020-01-01,2025-06-30",
                 "P1,B,2025-07-01,")
    assert report.ok and report.created == 1 and report.updated == 1
    assert Person.objects.get(code="P1").unit.code == "B"


def test_until_before_from(world):
    before = counts()
    for kind, header, row in (("assignments", "person_code,unit_code,from,until", "P1,A,2025-07-01,2025-06-30"),
                              ("heads", "unit_code,person_code,from,until", "A,P1,2025-07-01,2025-06-30")):
        report = run(kind, header, row)
        assert only_errors(report) == [(2, "until")]
        assert "before" in report.errors[0].message
    assert counts() == before


def test_overlapping_heads_of_one_unit(world):
    report = run("heads", "unit_code,person_code,from,until", "A,P1,2020-01-01,", "A,P2,2024-01-01,")
    assert only_errors(report) == [(3, "from")]
    assert counts()[1] == 0


def test_a_merge_into_a_unit_that_does_not_exist(world):
    before = counts()
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,A,NOPE",
                 "2025-07-01,merge,B,C")
    assert only_errors(report) == [(2, "new_code")]
    assert "Unknown unit code" in report.errors[0].message
    assert counts() == before


def test_a_cycle_of_reorganisations(world):
    before = counts()
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,A,B",
                 "2025-07-01,rename,B,C", "2025-08-01,merge,C,A")
    assert set(only_errors(report)) <= {(2, "new_code"), (3, "new_code"), (4, "new_code")}
    assert any("cycle" in e.message for e in report.errors)
    assert counts() == before
    # a cycle closed against the database is refused too
    assert run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,A,B").ok
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-08-01,merge,B,A")
    assert any("cycle" in e.message for e in report.errors)


def test_reorganisation_rows_that_make_no_sense(world):
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,A,",
                 "2025-07-01,abolish,B,C", "2025-07-01,rename,C,C", "2025-07-01,dissolve,A,B")
    assert only_errors(report) == [(2, "new_code"), (3, "new_code"), (4, "new_code"), (5, "kind")]
    assert counts()[2] == 0


def test_a_unit_cannot_be_closed_twice(world):
    assert run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,A,B").ok
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-09-01,abolish,A,")
    assert only_errors(report) == [(2, "old_code")]


def test_a_split_has_several_receiving_units(world):
    report = run("reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,split,A,B",
                 "2025-07-01,split,A,C")
    assert report.ok and report.created == 2
    assert Unit.objects.get(code="A").dissolved_on == datetime.date(2025, 7, 1)


def test_used_for_must_name_an_award_and_a_year(world):
    report = run("initiatives", "person_code,title,scope,recognised_on,recognised_by,kind,used_for",
                 "P1,T1,grassroots,2025-01-01,,initiative,NOPE:2024", "P1,T2,grassroots,2025-01-01,,research,BK_TINH",
                 "P1,T3,grassroots,2025-01-01,,idea,")
    assert only_errors(report) == [(2, "used_for"), (3, "used_for"), (4, "kind")]


def test_a_discipline_term_cannot_end_before_the_decision(world):
    report = run("discipline", "person_code,level,decided_on,note,term_until", "P1,warning,2025-03-01,,2025-01-01")
    assert only_errors(report) == [(2, "term_until")]


DAY0 = datetime.date(2020, 1, 1)
PERIOD = st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30)))


def overlapping(periods):
    spans = [(DAY0 + datetime.timedelta(days=s), None if n is None else DAY0 + datetime.timedelta(days=s + n))
             for s, n in periods]
    for i, (s1, u1) in enumerate(spans):
        for s2, u2 in spans[i + 1:]:
            if (u1 is None or s2 <= u1) and (u2 is None or s1 <= u2):
                return True
    return False


@settings(max_examples=40, deadline=None, derandomize=True)
@given(periods=st.lists(PERIOD, min_size=1, max_size=5, unique_by=lambda p: p[0]))
def test_property_assignments_are_accepted_exactly_when_none_overlap(periods):
    Assignment.objects.all().delete()
    unit = Unit.objects.get_or_create(code="PROP", defaults={"name": "Prop", "kind": "commune"})[0]
    Person.objects.get_or_create(code="PP", defaults={"full_name": "P", "gender": "male", "unit": unit})
    rows = [f"PP,PROP,{DAY0 + datetime.timedelta(days=s)},"
            f"{'' if n is None else DAY0 + datetime.timedelta(days=s + n)}" for s, n in periods]
    report = run("assignments", "person_code,unit_code,from,until", *rows)
    assert report.ok == (not overlapping(periods))
    assert Assignment.objects.count() == (len(periods) if report.ok else 0)
    if report.ok:  # re-importing changes nothing
        again = run("assignments", "person_code,unit_code,from,until", *rows)
        assert again.ok and again.unchanged == len(periods) and again.created == again.updated == 0


# -- the same imports through the upload page and the API ----------------------------------------------------


def test_reorganisations_through_the_upload_page(world, client, administrator):
    from django.urls import reverse

    client.force_login(administrator)
    template = client.get(reverse("units:import"), {"template": "reorganisations"})
    assert template.content.decode("utf-8-sig").strip() == "effective_on,kind,old_code,new_code"
    data = {"kind": "reorganisations", "file": io.BytesIO(b"effective_on,kind,old_code,new_code\n"
                                                          b"2025-07-01,merge,A,B\n")}
    data["file"].name = "reorg.csv"
    response = client.post(reverse("units:import"), data)
    assert response.status_code == 200 and response.context["report"].created == 1
    assert Person.objects.get(code="P1").unit.code == "B"


def test_assignments_and_heads_through_the_api(world, client, administrator):
    import json

    from api.models import ApiToken

    _token, key = ApiToken.issue(administrator)
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}

    def post(url, rows):
        return client.post(url, json.dumps(rows), content_type="application/json", **headers)

    bad = post("/api/imports/assignments/", [{"person_code": "P1", "unit_code": "A", "from": "2025-01-01",
                                              "until": "2024-01-01"}])
    assert bad.status_code == 400 and bad.json()["errors"][0]["column"] == "until"
    ok = post("/api/imports/assignments/", [{"person_code": "P1", "unit_code": "C", "from": "2025-01-01",
                                             "position": "Chuyên viên"}])
    assert ok.status_code == 200 and ok.json()["created"] == 1
    heads = post("/api/imports/heads/", [{"unit_code": "C", "person_code": "P1", "from": "2025-01-01"}])
    assert heads.status_code == 200 and Unit.objects.get(code="C").head.code == "P1"
    reorg = post("/api/imports/reorganisations/", [{"effective_on": "2025-07-01", "kind": "abolish",
                                                    "old_code": "A"}])
    assert reorg.status_code == 200 and Unit.objects.get(code="A").dissolved_on == datetime.date(2025, 7, 1)


def test_the_as_of_queries(world):
    from units import timeline

    a, b, c = world
    p1 = Person.objects.get(code="P1")
    assert run("assignments", "person_code,unit_code,from,until", "P1,A,2020-01-01,2025-06-30",
               "P1,B,2025-07-01,").ok
    assert run("heads", "unit_code,person_code,from,until", "C,P1,2021-01-01,2025-03-31",
               "C,P2,2025-04-01,").ok
    assert timeline.unit_of(p1, 2024) == a and timeline.unit_of(p1, 2025) == b
    assert {p.code for p in timeline.heads_during(c, 2025)} == {"P1", "P2"}
    assert [p.code for p in timeline.heads_during(c, 2026)] == ["P2"]
    assert timeline.term_end(datetime.date(2023, 12, 15), "reprimand", None, {"reprimand": 6}) == datetime.date(
        2024, 6, 15)
    assert timeline.term_end(datetime.date(2024, 8, 31), "warning", None, {}) == datetime.date(2025, 8, 31)
    assert timeline.term_end(datetime.date(2024, 1, 31), "reprimand", None, {"reprimand": 1}) == datetime.date(
        2024, 2, 29)
    assert timeline.term_end(datetime.date(2025, 10, 1), "under_review", None, {}) is None
