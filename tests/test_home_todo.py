"""The home page is each role's to-do list (issue 13 item 6): counts through the same scoping and filters as
the lists they link to, and a fixed number of queries whatever the size of the data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from nominations.enums import DossierState, NomineeState, VoteSessionState
from nominations.models import Ballot, Notification, VoteSession

from .factories import PersonFactory, UnitFactory
from .factories_certificates import DecidedHonourFactory, issue
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory


def todo(client):
    response = client.get("/")
    assert response.status_code == 200
    return {item["key"]: (item["count"], item["url"]) for item in response.context["todo"]}


def rows_behind(client, url):
    """How many dossiers the linked list shows (its table rows with a dossier link)."""
    return len(re.findall(r'href="/nominations/dossiers/\d+/"', client.get(url).content.decode()))


def make_world(province, *, size=1):
    campaign = CampaignFactory(closes_on=timezone.localdate() + datetime.timedelta(days=3))
    mine = UnitFactory(parent=province, code="MINE")
    other = UnitFactory(parent=province, code="OTHER")
    for unit in (mine, other):
        for _ in range(size):
            DossierFactory(campaign=campaign, unit=unit, state=DossierState.DRAFT)
            DossierFactory(campaign=campaign, unit=unit, state=DossierState.RETURNED)
            DossierFactory(campaign=campaign, unit=unit, state=DossierState.SUBMITTED,
                           due_on=timezone.localdate() + datetime.timedelta(days=5))
            DossierFactory(campaign=campaign, unit=unit, state=DossierState.UNDER_REVIEW,
                           due_on=timezone.localdate() - datetime.timedelta(days=1))
    council = DossierFactory(campaign=campaign, unit=mine, state=DossierState.IN_COUNCIL)
    session = VoteSession.objects.create(campaign=campaign, title="Phiên 1", state=VoteSessionState.OPEN)
    for _ in range(size):
        NomineeFactory(dossier=council, person=PersonFactory(unit=mine), state=NomineeState.ACCEPTED,
                       vote_session=session)
        NomineeFactory(dossier=council, person=PersonFactory(unit=mine), state=NomineeState.APPROVED)
    issue(*[DecidedHonourFactory(person__unit=mine) for _ in range(size)])
    return campaign, mine, session


def test_officer_sees_the_drafts_returned_dossiers_and_deadlines_of_the_unit(client, province, make_user):
    campaign, mine, _ = make_world(province, size=2)
    client.force_login(make_user(Role.UNIT_OFFICER, unit=mine))
    items = todo(client)
    assert list(items) == ["drafts", "returned"]
    for count, url in items.values():
        assert count == 2 == rows_behind(client, url)
    response = client.get("/")
    assert campaign.title in response.content.decode()
    assert [d["days_left"] for d in response.context["deadlines"]] == [3]


def test_reviewer_sees_new_and_overdue_dossiers(client, province, make_user):
    make_world(province, size=2)
    client.force_login(make_user(Role.REVIEWER))
    items = todo(client)
    assert items["new_dossiers"][0] == 4 == rows_behind(client, items["new_dossiers"][1])
    assert items["overdue"][0] == 4 == rows_behind(client, items["overdue"][1])
    assert "drafts" not in items


def test_council_member_sees_the_votes_awaiting_a_ballot(client, province, make_user):
    _, _, session = make_world(province)
    member = make_user(Role.COUNCIL_MEMBER)
    client.force_login(member)
    assert todo(client)["ballots"][0] == 1
    for nominee in session.nominees.all():
        Ballot.objects.create(session=session, nominee=nominee, member=member, choice="for")
    assert todo(client)["ballots"][0] == 0


def test_chair_sees_votes_to_close_and_nominees_awaiting_a_decision(client, province, make_user):
    make_world(province, size=3)
    client.force_login(make_user(Role.CHAIR))
    items = todo(client)
    assert items["votes_to_close"][0] == 1
    assert items["to_decide"][0] == 3


def test_clerk_sees_the_certificates_to_print(client, province, make_user):
    make_world(province, size=2)
    client.force_login(make_user(Role.CLERK))
    count, url = todo(client)["to_print"]
    assert count == 2 and url.endswith("?unprinted=1")
    assert client.get(url).context["page"].paginator.count == 2


def test_administrator_sees_failed_emails(client, province, make_user):
    admin = make_user(Role.ADMINISTRATOR, is_staff=True)
    Notification.objects.create(recipient=admin, message_type="x", subject="s", body="b",
                                email_failed_at=timezone.now(), email_error="refused")
    client.force_login(admin)
    count, url = todo(client)["failed_emails"]
    assert count == 1 and "email=failed" in url
    assert client.get(url).status_code == 200


def test_no_role_no_todo(client, db, make_user):
    client.force_login(make_user())
    assert todo(client) == {}


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.REVIEWER, Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK,
                                  Role.ADMINISTRATOR])
def test_home_query_count_does_not_grow(client, province, make_user, role):
    _, mine, _ = make_world(province, size=1)
    client.force_login(make_user(role, unit=mine if role == Role.UNIT_OFFICER else None, is_staff=True))
    client.get("/")  # warm caches (sessions, permissions)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    small = queries()
    _grow(province, mine)
    assert queries() == small


def _grow(province, mine):
    campaign = CampaignFactory()
    for _ in range(5):
        DossierFactory(campaign=campaign, unit=mine, state=DossierState.DRAFT)
        DossierFactory(campaign=campaign, unit=mine, state=DossierState.SUBMITTED)
    issue(*[DecidedHonourFactory(person__unit=mine) for _ in range(5)])
    session = VoteSession.objects.create(campaign=campaign, title="Phiên 2", state=VoteSessionState.OPEN)
    council = DossierFactory(campaign=campaign, unit=mine, state=DossierState.IN_COUNCIL)
    for _ in range(5):
        NomineeFactory(dossier=council, person=PersonFactory(unit=mine), state=NomineeState.ACCEPTED,
                       vote_session=session)


def test_the_linked_list_says_it_is_filtered_and_keeps_the_filter_across_pages(client, province, make_user):
    unit = UnitFactory(parent=province)
    campaign = CampaignFactory()
    DossierFactory.create_batch(51, campaign=campaign, unit=unit, state=DossierState.DRAFT)
    DossierFactory(campaign=campaign, unit=unit, state=DossierState.RETURNED)
    client.force_login(make_user(Role.UNIT_OFFICER, unit=unit))
    count, url = todo(client)["drafts"]
    assert count == 51
    response = client.get(url)
    assert response.context["filter_label"] and "?state=draft&amp;page=2" in response.content.decode()
    assert rows_behind(client, url + "&page=2") == 1
