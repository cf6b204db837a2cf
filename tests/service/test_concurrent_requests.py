"""Twenty identical POSTs at once at each workflow move (a user double-clicking, a form resent by a flaky
network), through real HTTP against a threaded live server on PostgreSQL: no 5xx, no refused or
unanswered request, and the move takes effect exactly once (no duplicate row). The same seed, requests
and counts as bench/concurrency_bench.py, which also runs them on SQLite."""

import pytest
from django.utils.timezone import now

from bench.concurrency_bench import MOVES, count, fire, judge, seed
from certificates.models import PrintBatch
from nominations.models import Ballot, Decision, Transition
from units.models import Person

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("move", MOVES)
def test_twenty_identical_posts_take_effect_once(live_server, move):
    world = seed()
    fired = fire(live_server.url, world, move, n=20)
    row = judge({move: fired}, count(world), moves=[move])[move]
    assert fired["statuses"].get("500", 0) == 0, row
    assert row["errors"] == 0 and row["duplicates"] == 0 and row["applied"] == 1, row


def test_every_move_once_and_nothing_else_duplicated(live_server):
    """All five moves in turn on one world; then the rows each move writes are counted directly."""
    world = seed()
    for move in MOVES:
        assert fire(live_server.url, world, move, n=20)["errors"] == 0, move
    assert Transition.objects.filter(dossier_id=world["dossier"], move="submit").count() == 1
    assert Ballot.objects.filter(nominee_id=world["voted"]).count() == 1
    assert Decision.objects.filter(campaign_id=world["campaign"]).count() == 1
    first = PrintBatch.objects.filter(certificates__decision_number=world["decision_number"]).earliest("pk")
    assert first.certificates.count() == world["certificates"]
    assert not PrintBatch.objects.filter(fingerprint=first.fingerprint, created_at__lt=first.finished_at or now(),
                                         pk__gt=first.pk).exists()
    assert Person.objects.filter(code__startswith=world["import_prefix"]).count() == 50
    assert all(value == 1 for value in count(world).values()), count(world)
