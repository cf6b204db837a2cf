"""The e-mail sweep that makes notifications whose sending could not be queued (broker down) go out later.
The outage itself is exercised on the real stack in tests/service/test_faults.py."""

import datetime

from django.core import mail
from django.utils import timezone

from nominations.models import Notification
from nominations.tasks import send_pending_emails
from tests.factories import UserFactory


def _note(user, minutes_ago):
    note = Notification.objects.create(recipient=user, message_type="dossier_submitted", subject="Hồ sơ mới",
                                       body="Đơn vị đã gửi hồ sơ", url="/nominations/dossiers/1/")
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return note


def test_the_sweep_sends_old_unsent_notifications_once(db):
    with_mail = UserFactory(email="ban@example.gov.vn")
    old, young = _note(with_mail, 30), _note(with_mail, 1)
    no_address = _note(UserFactory(email=""), 30)
    assert send_pending_emails() == 1
    assert [m.to for m in mail.outbox] == [["ban@example.gov.vn"]]
    assert "http" in mail.outbox[0].body and "/nominations/dossiers/1/" in mail.outbox[0].body
    assert Notification.objects.get(pk=old.pk).emailed_at is not None
    assert Notification.objects.get(pk=young.pk).emailed_at is None  # still its own task's to send
    assert Notification.objects.get(pk=no_address.pk).emailed_at is None
    assert send_pending_emails() == 0  # nothing twice
    assert len(mail.outbox) == 1
