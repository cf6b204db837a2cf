"""Roles decide what a person may do, superuser or not; decided records are immutable for everyone;
ballots are never deleted; every change to a workflow record leaves an audit row; permissions live in one
place (predicates) that the views, the templates and the navigation all ask."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.navigation import NAV_ITEMS, menu_for
from accounts.roles import Role
from accounts.rules import registered_permissions
from nominations import services
from nominations.enums import DossierState, Move, NomineeState, VoteSessionState
from nominations.models import Attachment, Ballot, Dossier, Nominee, Transition, VoteSession
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.factories_nominations import CampaignFactory, DossierFactory, NomineeFactory
from units.models import Honour

from .helpers_world import ROLES, TINY_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    """A superuser who also holds the administrator role and staff access, as the seeded `admin` was."""
    return UserFactory(username="root", roles=(Role.ADMINISTRATOR,), is_superuser=True, is_staff=True)


@pytest.fixture
def unit():
    return UnitFactory(code="UA", name="Sở A", parent=UnitFactory(code="TINH", kind="province"))


@pytest.fixture
def officer(unit):
    return UserFactory(username="officer", roles=(Role.UNIT_OFFICER,), unit=unit)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def council_round(unit):
    """A dossier in council with a nominee in an open round holding one member's ballot."""
    campaign = CampaignFactory()
    dossier = DossierFactory(campaign=campaign, unit=unit, state=DossierState.IN_COUNCIL)
    session = VoteSession.objects.create(campaign=campaign, title="Phiên 1", state=VoteSessionState.OPEN,
                                         opens_at=timezone.now(), members_total=3)
    nominee = NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit), award_id="BK_TINH",
                             state=NomineeState.ACCEPTED, vote_session=session)
    member = UserFactory(roles=(Role.COUNCIL_MEMBER,))
    services.cast_vote(session, nominee, member, "for")
    return session, nominee


@pytest.fixture
def decided(unit):
    """A decided dossier with an awarded nominee."""
    dossier = DossierFactory(unit=unit, state=DossierState.DECIDED, title="Tờ trình đã quyết định")
    nominee = NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit), state=NomineeState.AWARDED,
                             achievement="Thành tích gốc")
    return dossier, nominee


def test_a_superuser_gets_no_role_and_no_workflow_permission(root):
    bare = UserFactory(is_superuser=True, is_staff=True)
    assert bare.roles == frozenset() and not bare.is_province_wide
    for perm in registered_permissions():
        assert not bare.has_perm(perm), perm
    assert not root.has_perm("nominations.cast_vote")
    assert bare.has_perm("units.change_person")  # the Django admin's model permissions stay Django's


def test_superuser_cannot_cast_a_ballot(root, council_round):
    session, nominee = council_round
    response = signed_in(root).post(reverse("nominations:vote_cast", args=[session.pk]), {f"n_{nominee.pk}": "for"})
    assert response.status_code == 302
    assert list(Ballot.objects.filter(session=session).values_list("member__username", flat=True)) != ["root"]
    assert not Ballot.objects.filter(member=root).exists()
    with pytest.raises(services.NotAllowed):
        services.cast_vote(session, nominee, root, "for")


def test_superuser_cannot_edit_a_decided_dossier_or_an_awarded_nominee(root, decided):
    dossier, nominee = decided
    client = signed_in(root)
    assert client.get(reverse("nominations:dossier_edit", args=[dossier.pk])).status_code == 403
    assert client.post(reverse("nominations:dossier_edit", args=[dossier.pk]), {"title": "Sửa"}).status_code == 403
    response = client.post(reverse("nominations:nominee_edit", args=[nominee.pk]),
                           {"achievement": "Sửa", "justification": ""})
    assert response.status_code == 403
    dossier.refresh_from_db()
    nominee.refresh_from_db()
    assert dossier.title == "Tờ trình đã quyết định" and nominee.achievement == "Thành tích gốc"
    with pytest.raises(services.NotAllowed):
        services.update_dossier(dossier, root, title="Sửa")


def test_superuser_cannot_upload_into_a_decided_dossier(root, decided):
    dossier, _nominee = decided
    upload = SimpleUploadedFile("them.pdf", TINY_PDF, content_type="application/pdf")
    response = signed_in(root).post(reverse("nominations:attachment_upload", args=[dossier.pk]),
                                    {"kind": "other", "file": upload})
    assert response.status_code == 403
    assert not Attachment.objects.filter(dossier=dossier).exists()


def test_superuser_cannot_delete_an_in_council_nominee_and_its_ballots(root, council_round):
    session, nominee = council_round
    signed_in(root).post(reverse("nominations:nominee_delete", args=[nominee.pk]))
    assert Nominee.objects.filter(pk=nominee.pk).exists()
    assert Ballot.objects.filter(nominee=nominee).count() == 1


def test_nobody_deletes_a_nominee_with_ballots(officer, council_round):
    session, nominee = council_round
    Dossier.objects.filter(pk=nominee.dossier_id).update(state=DossierState.RETURNED)  # even if it were editable
    Nominee.objects.filter(pk=nominee.pk).update(state=NomineeState.PROPOSED)
    nominee.refresh_from_db()
    with pytest.raises(services.MoveRefused):
        services.remove_nominee(nominee, officer)
    signed_in(officer).post(reverse("nominations:nominee_delete", args=[nominee.pk]))
    assert Ballot.objects.filter(nominee=nominee).count() == 1
    with pytest.raises(ProtectedError):  # and not by code either: the database protects the ballots
        Nominee.objects.filter(pk=nominee.pk).delete()
    with pytest.raises(ProtectedError):
        VoteSession.objects.filter(pk=session.pk).delete()


def test_removing_a_nominee_writes_an_audit_row_with_the_name(officer, unit):
    dossier = services.create_dossier(CampaignFactory(), unit, officer, title="Nháp")
    nominee = NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit, full_name="Trần Thị Hoa"))
    response = signed_in(officer).post(reverse("nominations:nominee_delete", args=[nominee.pk]))
    assert response.status_code == 302 and not Nominee.objects.filter(pk=nominee.pk).exists()
    row = Transition.objects.get(dossier=dossier, move=Move.REMOVE_NOMINEE)
    assert "Trần Thị Hoa" in row.comment and row.actor == officer


def test_every_change_of_a_draft_writes_an_audit_row(officer, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(officer)
    dossier = services.create_dossier(CampaignFactory(), unit, officer, title="Nháp")
    person = PersonFactory(unit=unit)
    client.post(reverse("nominations:dossier_edit", args=[dossier.pk]), {"title": "Nháp đã sửa"})
    client.post(reverse("nominations:nominee_add", args=[dossier.pk]),
                {"person": person.pk, "award": "LDTT", "achievement": "A", "justification": "Lý do"})
    nominee = Nominee.objects.get(dossier=dossier)
    client.post(reverse("nominations:nominee_edit", args=[nominee.pk]), {"achievement": "B", "justification": "Lý do"})
    client.post(reverse("nominations:attachment_upload", args=[dossier.pk]),
                {"kind": "other", "file": SimpleUploadedFile("a.pdf", TINY_PDF, content_type="application/pdf")})
    attachment = Attachment.objects.get(dossier=dossier)
    client.post(reverse("nominations:attachment_delete", args=[attachment.pk]))
    moves = list(Transition.objects.filter(dossier=dossier).order_by("pk").values_list("move", flat=True))
    assert moves == [Move.CREATE, Move.EDIT, Move.ADD_NOMINEE, Move.EDIT_NOMINEE, Move.ATTACH, Move.DETACH]
    assert all(Transition.objects.filter(dossier=dossier).values_list("actor", flat=True))


def test_the_admin_keeps_decided_honours_read_only_even_for_a_superuser(root, unit):
    person = PersonFactory(unit=unit)
    decided = Honour.objects.create(year=2025, person=person, award_id="BK_TINH", decision_number="1/QĐ-UBND",
                                    source=Honour.Source.DECISION)
    imported = Honour.objects.create(year=2020, person=person, award_id="LDTT", source=Honour.Source.IMPORTED)
    client = signed_in(root)
    change = reverse("admin:units_honour_change", args=[decided.pk])
    assert client.post(change, {"year": 2024, "person": person.pk, "award": "BK_TINH",
                                "source": "decision"}).status_code == 403
    assert client.post(reverse("admin:units_honour_delete", args=[decided.pk]), {"post": "yes"}).status_code == 403
    decided.refresh_from_db()
    assert decided.year == 2025
    # Imported history stays correctable, and the admin's history records who changed what.
    response = client.post(reverse("admin:units_honour_change", args=[imported.pk]),
                           {"year": 2021, "person": person.pk, "award": "LDTT", "source": "imported", "kind": "annual",
                            "decision_number": "", "decided_on": ""})
    assert response.status_code == 302, response.content[:2000]
    assert LogEntry.objects.filter(object_id=str(imported.pk), user=root).exists()


def test_the_admin_shows_decided_workflow_records_read_only(root, decided):
    dossier, nominee = decided
    client = signed_in(root)
    for url in (reverse("admin:nominations_dossier_change", args=[dossier.pk]),
                reverse("admin:nominations_nominee_change", args=[nominee.pk])):
        assert client.post(url, {"title": "Sửa", "achievement": "Sửa"}).status_code == 403, url
    nominee.refresh_from_db()
    assert nominee.achievement == "Thành tích gốc"


def test_an_administrator_cannot_make_anyone_a_superuser(unit):
    administrator = UserFactory(roles=(Role.ADMINISTRATOR,), is_staff=True)
    administrator.user_permissions.clear()
    form_fields = signed_in(administrator).get(reverse("admin:accounts_user_change", args=[administrator.pk]))
    assert form_fields.status_code == 200
    assert b'name="is_superuser"' not in form_fields.content
    assert b'name="groups"' in form_fields.content


def test_no_laurel_permission_shares_a_name_with_a_django_model_permission():
    from django.contrib.auth.models import Permission

    django_names = {f"{app}.{codename}" for app, codename in
                    Permission.objects.values_list("content_type__app_label", "codename")}
    assert not set(registered_permissions()) & django_names


def test_role_names_are_not_repeated_as_literals_outside_accounts():
    """Apps name roles through accounts.roles.Role, never as string literals (demo usernames such as
    "chair" are not roles)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    roles = "|".join(Role.values)
    pattern = re.compile(rf"""(name\s*=\s*|name__in\s*=\s*[\[(]|has_role\(|roles\s*=\s*[\[(]?)["']({roles})["']""")
    offenders = []
    for app in ("api", "awards", "certificates", "nominations", "reports", "units"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}")
    assert not offenders, offenders



def test_services_refuse_a_superuser_too(council_round):
    """Defence in depth: the services ask the same permissions as the views."""
    from django.core.exceptions import PermissionDenied

    from certificates import batches
    from certificates.models import Certificate

    bare = UserFactory(is_superuser=True, is_staff=True)
    session, _nominee = council_round
    with pytest.raises(services.NotAllowed):
        services.close_vote(session, bare)
    with pytest.raises(PermissionDenied):
        batches.create_batch(by=bare, title="Đợt in", certificates=Certificate.objects.all())


# Last in the module: the shared world lives until the module ends, and the tests above build their own.
def test_the_menu_shows_exactly_the_pages_each_role_may_open(shared_world):
    world = shared_world
    for role in ROLES[1:]:
        user = world.users[role]
        shown = {item["url"] for item in menu_for(user)}
        for item in NAV_ITEMS:
            url = item.url()
            status = world.clients[role].get(url).status_code
            assert (url in shown) == (status == 200), f"{role}: {url} shown={url in shown} status={status}"


def test_the_reviewer_sees_council_votes_in_the_menu(shared_world):
    """The reviewer opens and closes votes, so the menu shows the votes."""
    assert reverse("nominations:vote_list") in {item["url"] for item in menu_for(shared_world.users["reviewer"])}
