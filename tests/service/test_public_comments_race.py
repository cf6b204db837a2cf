"""Comments from the public arriving at the same moment on one dossier (PostgreSQL row locks): every comment
is stored and each reviewer still has one unread notice for the dossier, counting them all; a Board move on
the dossier at the same time neither deadlocks nor loses a comment."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from accounts.roles import Role
from nominations.enums import CommentState, DossierState, NomineeState
from nominations.models import Notification, PublicComment
from nominations.notifications import PUBLIC_COMMENTS
from nominations.services.posting import add_public_comment, answer_public_comment
from tests.factories import PersonFactory, UnitFactory
from tests.factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def at_once(calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_comments_sent_at_once_leave_one_unread_notice_per_reviewer(make_user):
    reviewers = [make_user(Role.REVIEWER) for _i in range(3)]
    unit = UnitFactory()
    today = timezone.localdate()
    dossier = DossierFactory(campaign=CampaignFactory(), unit=unit, state=DossierState.IN_COUNCIL,
                             posting_from=today, posting_until=today)
    nominees = [NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit), state=NomineeState.ACCEPTED)
                for _i in range(4)]
    earlier = PublicComment.objects.create(nominee=nominees[0], text="Ý kiến trước", ip_hash="0" * 32)
    sends = [lambda i=i: add_public_comment(nominees[i % 4].pk, f"Ý kiến {i}", "", f"{i:032d}") for i in range(8)]
    # and the Board notes the earlier comment meanwhile (it locks the comment, then writes the dossier's history)
    errors = at_once(sends + [lambda: answer_public_comment(earlier, reviewers[0], CommentState.NOTED)])
    assert errors == []
    assert PublicComment.objects.filter(nominee__dossier=dossier).count() == 9
    for reviewer in reviewers:
        [notice] = Notification.objects.filter(recipient=reviewer, message_type=PUBLIC_COMMENTS.code)
        assert notice.read_at is None
        assert int(notice.params["count"]) in (8, 9)  # the earlier comment is counted if noted after the last
