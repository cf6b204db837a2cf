"""Issue 10, item 7: one bad message never stops the e-mail of the others. Subjects are single-line text
(a CR/LF in a vote title cannot add a header), and a message the mail server refuses is marked failed with
the reason, shown to administrators, while the task and the periodic sweep go on with the rest."""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations.models import Notification, VoteSession
from nominations.tasks import send_notification_emails, send_pending_emails
from tests.factories import UserFactory

from ..test_decisions_views import in_council  # noqa: F401  (fixture)

HOSTILE_TITLE = "Phiên họp\r\nBcc: x@y"


class RefusingBackend(EmailBackend):
    """A mail server that refuses one address (as an SMTP server answers 550 for an unknown mailbox)."""

    def send_messages(self, messages):
        for message in messages:
            if "broken@example.vn" in message.to:
                raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


@pytest.fixture
def refusing_mailer(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend", "OPTIONS": {}}}


def test_a_vote_title_with_a_newline_still_mails_every_member_without_an_extra_header(
        in_council, client, make_user, django_capture_on_commit_callbacks):  # noqa: F811
    campaign, _dossier, _nominees, reviewer = in_council
    members = [make_user(Role.COUNCIL_MEMBER, email=f"member{i}@example.vn") for i in range(3)]
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("nominations:vote_open"), {"campaign": campaign.pk, "title": HOSTILE_TITLE})
    assert response.status_code == 302 and VoteSession.objects.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    for message in mail.outbox:
        assert "\r" not in message.subject and "\n" not in message.subject
        assert not message.bcc and "x@y" not in message.recipients()
        assert "Bcc" not in str(message.message().get("Bcc") or "")
    assert not Notification.objects.filter(message_type="vote_opened", emailed_at__isnull=True).exists()


def _note(user, subject="Hồ sơ mới", minutes_ago=30):
    note = Notification.objects.create(recipient=user, message_type="vote_opened", subject=subject,
                                       body="Nội dung", url="/nominations/votes/1/")
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago))
    return note


def test_the_sweep_goes_on_past_a_stored_subject_with_a_newline(db):
    """Rows written before subjects were made single-line still go out, on one line."""
    users = [UserFactory(email=f"u{i}@example.vn") for i in range(3)]
    notes = [_note(users[0], subject=HOSTILE_TITLE)] + [_note(user) for user in users[1:]]
    assert send_pending_emails() == 3
    assert len(mail.outbox) == 3
    assert all("\n" not in m.subject and not m.bcc for m in mail.outbox)
    assert "Phiên họp Bcc: x@y" in [m.subject for m in mail.outbox]
    assert all(Notification.objects.get(pk=n.pk).emailed_at for n in notes)


def test_a_refused_recipient_is_marked_failed_and_the_others_are_sent(db, refusing_mailer, client, administrator):
    good = [UserFactory(email=f"ok{i}@example.vn") for i in range(2)]
    broken = UserFactory(email="broken@example.vn")
    notes = [_note(good[0]), _note(broken), _note(good[1])]
    assert send_notification_emails([n.pk for n in notes]) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ok0@example.vn", "ok1@example.vn"]
    failed = Notification.objects.get(pk=notes[1].pk)
    assert failed.emailed_at is None and failed.email_failed_at is not None
    assert "550 mailbox unavailable" in failed.email_error
    # The sweep does not retry it forever, nor stop on it.
    _note(good[0], subject="Thêm")
    assert send_pending_emails() == 1
    assert len(mail.outbox) == 3
    # Administrators (the role, not a superuser) see it.
    client.force_login(administrator)
    page = client.get(reverse("admin:nominations_notification_changelist") + "?email=failed")
    assert page.status_code == 200
    body = page.content.decode()
    assert "550 mailbox unavailable" in body and str(broken) in body
    assert "ok0@example.vn" not in body
