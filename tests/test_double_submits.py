"""A move sent twice (a double click, a form resent) takes effect once and the second answer says so
politely. The concurrent versions, through real HTTP on PostgreSQL and on a SQLite file, are in
tests/service/test_concurrent_requests*.py."""

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates import batches
from certificates.enums import BatchState, OutputMode
from certificates.models import Certificate, PrintBatch
from nominations.enums import DossierState, NomineeState, VoteSessionState
from nominations.models import Ballot, VoteSession

from .factories_certificates import DecidedHonourFactory, issue
from .factories_nominations import DossierFactory, NomineeFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def start(client, number="1234/QĐ-UBND", mode="full"):
    return client.post(reverse("certificates:batch_list"), {"decision_number": number, "mode": mode})


def test_the_same_batch_twice_while_it_is_queued_is_one_batch(client, db, make_user):
    clerk = make_user(Role.CLERK, full_name="Văn thư Hà")
    issue(*[DecidedHonourFactory() for _ in range(3)], assign_numbers=False)
    client.force_login(clerk)
    first = start(client)
    again = start(client)
    batch = PrintBatch.objects.get()
    assert first["Location"] == again["Location"] == batch.get_absolute_url()
    assert batch.state == BatchState.QUEUED and batch.certificates.count() == 3
    queued, repeated = messages_of(first)[-1], messages_of(again)[-1]
    assert queued != repeated and "Văn thư Hà" in repeated  # "already in a batch … started by Văn thư Hà"


def test_another_output_or_a_finished_batch_makes_a_new_one(client, db, media, make_user):
    issue(*[DecidedHonourFactory() for _ in range(2)], assign_numbers=False)
    client.force_login(make_user(Role.CLERK))
    start(client)
    start(client, mode=OutputMode.OVERLAY)
    assert PrintBatch.objects.count() == 2  # full design and overlay are two print runs
    for batch in PrintBatch.objects.all():
        batches.run_batch(batch.pk)
    start(client)  # printing again once the first run is done is a new batch
    assert PrintBatch.objects.count() == 3
    assert PrintBatch.objects.filter(state=BatchState.QUEUED).count() == 1


def test_the_database_refuses_a_second_open_batch_of_the_same_certificates(db, make_user):
    issue(DecidedHonourFactory(), assign_numbers=False)
    first = batches.create_batch(by=None, title="A", certificates=Certificate.objects.all())
    with pytest.raises(IntegrityError), transaction.atomic():
        PrintBatch.objects.create(title="B", fingerprint=first.fingerprint, state=BatchState.RUNNING)
    second = batches.create_batch(by=None, title="B", certificates=Certificate.objects.all())
    assert (second.pk, second.reused, first.reused) == (first.pk, True, False)


def test_a_failed_batch_rerun_while_its_replacement_is_queued_stays_failed(db, media):
    issue(DecidedHonourFactory(), assign_numbers=False)
    failed = batches.create_batch(by=None, title="A", certificates=Certificate.objects.all())
    PrintBatch.objects.filter(pk=failed.pk).update(state=BatchState.FAILED, finished_at=timezone.now())
    replacement = batches.create_batch(by=None, title="A", certificates=Certificate.objects.all())
    assert replacement.pk != failed.pk
    # The broker hands the old task out again (acks_late): it must not start a second open run.
    assert batches.run_batch(failed.pk) == BatchState.FAILED
    assert batches.run_batch(replacement.pk) == BatchState.DONE


def test_the_same_ballot_twice_is_recorded_once(client, db, make_user):
    member = make_user(Role.COUNCIL_MEMBER)
    dossier = DossierFactory(state=DossierState.IN_COUNCIL)
    session = VoteSession.objects.create(campaign=dossier.campaign, title="Phiên 1", state=VoteSessionState.OPEN,
                                         opens_at=timezone.now(), members_total=3)
    nominee = NomineeFactory(dossier=dossier, state=NomineeState.ACCEPTED, vote_session=session)
    client.force_login(member)
    url = reverse("nominations:vote_cast", args=[session.pk])
    first = client.post(url, {f"n_{nominee.pk}": "for"})
    again = client.post(url, {f"n_{nominee.pk}": "for"})
    assert first.status_code == again.status_code == 302
    assert Ballot.objects.get(nominee=nominee, member=member).choice == "for"
    # Messages pile up until a page shows them; each answer adds the last one.
    recorded, repeated = messages_of(first)[-1], messages_of(again)[-1]
    assert recorded != repeated  # "1 votes recorded" / "already recorded as chosen; nothing changed"
    changed = client.post(url, {f"n_{nominee.pk}": "against"})  # changing one's mind is still allowed
    assert messages_of(changed)[-1] == recorded
    assert Ballot.objects.get(nominee=nominee, member=member).choice == "against"
