"""Search ignores diacritics and case everywhere (issue 13 item 5): "nguyen hoai an" finds "Nguyễn Hoài An",
"2/QD-UBND" finds "2/QĐ-UBND". Runs on SQLite and, with DATABASE_URL, on PostgreSQL (unaccent + trigram)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from config.search import fold
from nominations.enums import DossierState
from units.models import Person

from .factories import PersonFactory, UnitFactory
from .factories_certificates import DecidedHonourFactory, issue
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory
from .factories_reports import build_registry


def test_fold_strips_diacritics_case_and_the_stroke_of_d():
    assert fold("  Nguyễn Hoài An ") == "nguyen hoai an"
    assert fold("2/QĐ-UBND") == "2/qd-ubnd"
    assert fold("ĐẶNG THỊ ƠN") == "dang thi on"
    # Decomposed input (NFD) folds the same as precomposed.
    assert fold("Nguye\u0302\u0303n") == "nguyen"


def test_database_fold_is_python_fold(db, province):
    names = ["Nguyễn Hoài An", "ĐẶNG Thị Ơn", "Trương Ưng Ỷ", "Phạm Quỳnh Đức"]
    for name in names:
        PersonFactory(unit=province, full_name=name)
    for name in names:
        assert list(Person.objects.filter(full_name__fold=fold(name)).values_list("full_name", flat=True)) == [name]


@pytest.fixture
def people(province):
    dept = UnitFactory(parent=province, code="SNV", name="Sở Nội vụ")
    return {
        "an": PersonFactory(unit=dept, full_name="Nguyễn Hoài An", code="NV01"),
        "dang": PersonFactory(unit=dept, full_name="Đặng Văn Đức", code="NV02"),
        "other": PersonFactory(unit=dept, full_name="Trần Thị Bích", code="NV03"),
    }


def names_in(response, *candidates):
    html = response.content.decode()
    return {name for name in candidates if name in html}


ALL = ("Nguyễn Hoài An", "Đặng Văn Đức", "Trần Thị Bích")


@pytest.mark.parametrize("query, expected", [
    ("nguyen hoai an", {"Nguyễn Hoài An"}),
    ("NGUYỄN HOÀI", {"Nguyễn Hoài An"}),
    ("dang van duc", {"Đặng Văn Đức"}),
    ("đức", {"Đặng Văn Đức"}),
    ("nv03", {"Trần Thị Bích"}),
])
def test_registry_person_search(client, people, reviewer, query, expected):
    client.force_login(reviewer)
    assert names_in(client.get(reverse("units:person_list"), {"q": query}), *ALL) == expected


def test_registry_unit_search(client, people, province, reviewer):
    UnitFactory(parent=province, code="SYT", name="Sở Y tế")
    client.force_login(reviewer)
    html = client.get(reverse("units:unit_list"), {"q": "so noi vu"}).content.decode()
    assert "Sở Nội vụ" in html and "Sở Y tế" not in html


def test_queue_search_without_diacritics(client, people, reviewer):
    campaign = CampaignFactory()
    dossier = DossierFactory(campaign=campaign, unit=people["an"].unit, state=DossierState.SUBMITTED)
    NomineeFactory(dossier=dossier, person=people["an"])
    NomineeFactory(dossier=dossier, person=people["dang"])
    client.force_login(reviewer)
    response = client.get(reverse("nominations:queue"), {"q": "nguyen hoai an"})
    assert [r.record.subject_name for r in response.context["table"].page.object_list] == ["Nguyễn Hoài An"]


@pytest.mark.parametrize("params, expected", [
    ({"name": "le thi hong"}, ["Lê Thị Hồng"]),
    ({"name": "VO THI LAN"}, ["Võ Thị Lan"]),
    ({"unit": "y te"}, ["Võ Thị Lan"]),
])
def test_public_registry_search_without_diacritics(client, province, params, expected):
    build_registry(province)
    html = client.get("/public/awardees/", params).content.decode()
    for name in ("Lê Thị Hồng", "Võ Thị Lan"):
        assert (name in html) == (name in expected), (params, name)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_decision_number_typed_without_diacritics(client, db, make_user, media):
    wanted = issue(DecidedHonourFactory(decision_number="2/QĐ-UBND", person__full_name="Người Được Tìm"))[0]
    issue(DecidedHonourFactory(decision_number="3/QĐ-UBND", person__full_name="Người Khác"))
    client.force_login(make_user(Role.CLERK))
    html = client.get(reverse("certificates:list"), {"decision": "2/qd-ubnd"}).content.decode()
    assert wanted.recipient_name in html and "Người Khác" not in html
    # The batch form finds the decision's certificates the same way (it refuses a choice matching none).
    response = client.post(reverse("certificates:batch_list"), {"decision_number": "2/QD-UBND", "mode": "full"})
    assert response.status_code == 302


def test_postgresql_serves_folded_search_from_trigram_indexes(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%fold_trgm"])
        assert {row[0] for row in cursor.fetchall()} == {
            "units_person_name_fold_trgm", "units_unit_name_fold_trgm", "nominee_name_fold_trgm",
            "decisionline_name_fold_trgm", "decisionline_unit_fold_trgm"}
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM units_person WHERE laurel_fold(full_name) LIKE '%nguyen hoai%'")
        assert "units_person_name_fold_trgm" in "\n".join(row[0] for row in cursor.fetchall())
