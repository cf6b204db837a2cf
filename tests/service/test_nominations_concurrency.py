"""Two reviewers make the same move on one dossier at the same moment: exactly one move happens, the other
is refused politely with the name of the one who was first (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from accounts.roles import Role
from nominations import services
from nominations.enums import DossierState, NomineeState
from nominations.models import Dossier, Nominee, Transition
from tests.factories import PersonFactory, UnitFactory
from tests.factories_nominations import CampaignFactory, complete_dossier

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def race(move, actors, *args):
    barrier = threading.Barrier(len(actors))
    outcomes = []

    def run(user):
        try:
            barrier.wait()
            move(*args, user)
            outcomes.append(("ok", user))
        except services.MoveRefused as exc:
            outcomes.append((str(exc), user))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.fixture
def submitted(make_user):
    unit = UnitFactory()
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Đua")
    Nominee.objects.create(dossier=dossier, campaign=campaign, person=PersonFactory(unit=unit), award_id="LDTT",
                           subject_name="A", subject_code="A")
    complete_dossier(dossier)
    services.submit(dossier, officer)
    return dossier


def _check(outcomes):
    winners = [user for result, user in outcomes if result == "ok"]
    losers = [(result, user) for result, user in outcomes if result != "ok"]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert str(winners[0]) in losers[0][0]


def test_two_reviewers_receive_at_once(submitted, make_user):
    reviewers = [make_user(Role.REVIEWER, full_name=f"Chuyên viên {i}") for i in range(2)]
    outcomes = race(lambda dossier, user: services.start_review(Dossier(pk=dossier.pk), user), reviewers, submitted)
    _check(outcomes)
    assert Dossier.objects.get(pk=submitted.pk).state == DossierState.UNDER_REVIEW
    assert Transition.objects.filter(dossier=submitted, move="start_review").count() == 1


def test_two_reviewers_accept_the_same_nominee(submitted, make_user):
    reviewers = [make_user(Role.REVIEWER, full_name=f"Thẩm định {i}") for i in range(2)]
    nominee = submitted.nominees.get()
    outcomes = race(lambda n, user: services.accept_nominee(Nominee.objects.get(pk=n.pk), user), reviewers, nominee)
    _check(outcomes)
    assert Nominee.objects.get(pk=nominee.pk).state == NomineeState.ACCEPTED
    assert Transition.objects.filter(dossier=submitted, move="accept").count() == 1


def test_decision_numbers_never_repeat_under_concurrency(db):
    from nominations.services.decisions import take_number

    numbers = []

    def take(_user):
        from django.db import transaction

        with transaction.atomic():
            numbers.append(take_number("UBND", 2025))

    outcomes = race(lambda user: take(user), ["a", "b", "c", "d"])
    assert all(result == "ok" for result, _user in outcomes), outcomes
    assert sorted(numbers) == [1, 2, 3, 4]
