"""Every list view of the nominations app answers with the same number of queries at two data sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from nominations.models import Decision, Notification, VoteSession

from .factories import UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def equal_counts(client, url, grow):
    grow(2)
    small = count_queries(client, url)
    grow(10)
    large = count_queries(client, url)
    assert small == large, (small, large)


def test_dossier_list_officer(province, client, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    campaign = CampaignFactory()
    client.force_login(officer)

    def grow(n):
        for _i in range(n):
            sub = UnitFactory(parent=dept)
            NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=sub))

    equal_counts(client, reverse("nominations:dossier_list"), grow)


def test_dossier_list_reviewer(province, client, reviewer):
    client.force_login(reviewer)
    equal_counts(client, reverse("nominations:dossier_list"),
                 lambda n: [DossierFactory(unit=UnitFactory(parent=province)) for _i in range(n)])


def test_dossier_detail_many_nominees(province, client, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    dossier = DossierFactory(unit=dept)
    client.force_login(officer)
    equal_counts(client, reverse("nominations:dossier_detail", args=[dossier.pk]),
                 lambda n: [NomineeFactory(dossier=dossier) for _i in range(n)])


def test_vote_list(province, client, make_user):
    client.force_login(make_user(Role.COUNCIL_MEMBER))
    campaign = CampaignFactory()
    equal_counts(client, reverse("nominations:vote_list"),
                 lambda n: [VoteSession.objects.create(campaign=campaign, title=f"V{i}") for i in range(n)])


def test_vote_detail(province, client, make_user):
    member = make_user(Role.COUNCIL_MEMBER)
    client.force_login(member)
    campaign = CampaignFactory()
    session = VoteSession.objects.create(campaign=campaign, title="V", state="open", members_total=1)

    def grow(n):
        for _i in range(n):
            NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=province), vote_session=session,
                           state="accepted")

    equal_counts(client, reverse("nominations:vote_detail", args=[session.pk]), grow)


@pytest.fixture
def decisions_grow():
    campaign = CampaignFactory()
    counter = iter(range(1, 1000))

    def grow(n):
        for _i in range(n):
            seq = next(counter)
            Decision.objects.create(campaign=campaign, issuer="UBND", year=2025, sequence=seq,
                                    number=f"{seq}/QĐ-UBND", decided_on=datetime.date(2025, 12, 1),
                                    signer_name="A", signer_title="B", base_salary=2_340_000)
    return grow


def test_decision_list(db, client, make_user, decisions_grow):
    client.force_login(make_user(Role.CHAIR))
    equal_counts(client, reverse("nominations:decision_list"), decisions_grow)


def test_inbox(db, client, make_user):
    user = make_user(Role.UNIT_OFFICER)
    client.force_login(user)
    equal_counts(client, reverse("nominations:inbox"), lambda n: Notification.objects.bulk_create(
        [Notification(recipient=user, message_type="x", subject=f"S{i}", body="B") for i in range(n)]))


def test_decision_form_lists_approved(province, client, make_user):
    client.force_login(make_user(Role.CHAIR))
    campaign = CampaignFactory()

    def grow(n):
        for _i in range(n):
            NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=UnitFactory(parent=province)),
                           state="approved")

    equal_counts(client, reverse("nominations:decision_create", args=[campaign.pk]), grow)
