"""The one list of message types of the workflow, and the fan-out to channels (inbox row + e-mail).

E-mail is queued with Celery after the surrounding transaction commits; the inbox shows the same rows."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from config.text import single_line


@dataclass(frozen=True)
class MessageType:
    code: str
    subject: str
    body: str


SUBMITTED = MessageType(
    "dossier_submitted", _("Dossier %(code)s submitted by %(unit)s"),
    _("%(unit)s submitted the dossier “%(title)s” (%(count)s nominees). Processing is due on %(due)s."),
)
RESUBMITTED = MessageType(
    "dossier_resubmitted", _("Dossier %(code)s resubmitted by %(unit)s"),
    _("%(unit)s resubmitted the revised dossier “%(title)s”. Processing is due on %(due)s."),
)
RETURNED = MessageType(
    "dossier_returned", _("Dossier %(code)s returned for revision"),
    _("The Board returned the dossier “%(title)s” for revision: %(comment)s"),
)
NOMINEE_REFUSED = MessageType(
    "nominee_refused", _("Refusal notice: %(name)s (%(award)s)"),
    _("The nomination of %(name)s for %(award)s in dossier %(code)s was refused. Reason: %(reason)s"),
)
DECISION_ISSUED = MessageType(
    "decision_issued", _("Award decision %(number)s issued"),
    _("Decision %(number)s of %(date)s awards %(count)s nominees of dossier %(code)s."),
)
VOTE_OPENED = MessageType(
    "vote_opened", _("Council vote open: %(title)s"),
    _("Voting on %(count)s nominees is open until %(closes)s."),
)
WINDOW_CLOSING = MessageType(
    "window_closing", _("Campaign “%(title)s” closes on %(closes)s"),
    _("Submissions for “%(title)s” close on %(closes)s. Dossiers still in draft: %(drafts)s."),
)
OVERDUE = MessageType(
    "dossier_overdue", _("Dossier %(code)s is overdue"),
    _("The dossier “%(title)s” of %(unit)s was due on %(due)s."),
)
# Coalesced (notify_coalesced): one unread row per dossier, brought up to date as comments arrive.
PUBLIC_COMMENTS = MessageType(
    "public_comments", _("Public comments on dossier %(code)s"),
    _("The public sent comments on nominees of the posted dossier “%(title)s” (the latest on %(name)s). "
      "Comments awaiting an answer: %(count)s."),
)

MESSAGE_TYPES = {t.code: t for t in (
    SUBMITTED, RESUBMITTED, RETURNED, NOMINEE_REFUSED, DECISION_ISSUED, VOTE_OPENED, WINDOW_CLOSING, OVERDUE,
    PUBLIC_COMMENTS,
)}


def users_with_role(*roles):
    return get_user_model().objects.filter(is_active=True, groups__name__in=roles).distinct()


def reviewers():
    return users_with_role(Role.REVIEWER)


def council_members():
    return users_with_role(Role.COUNCIL_MEMBER)


def unit_officers(unit):
    """Officers acting for the unit or for a unit above it (they see its dossiers too)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    return users_with_role(Role.UNIT_OFFICER).filter(unit_id__in=ids)


def _rendered(message_type: MessageType, params: dict) -> tuple[str, str, dict]:
    """The stored subject and body (Vietnamese, for the record) and the parameters kept to render them again
    in the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = single_line(str(message_type.subject) % params)[:255]  # a header: never a CR or LF in it
        body = str(message_type.body) % params
    return subject, body, {key: str(value) for key, value in params.items()}


def _write(message_type: MessageType, recipients, rendered, url: str, dedupe_key: str) -> int:
    """One inbox row per recipient; their e-mails are queued once the surrounding transaction commits."""
    from .models import Notification

    subject, body, stored = rendered
    created = Notification.objects.bulk_create([
        Notification(recipient=user, message_type=message_type.code, subject=subject, body=body, params=stored,
                     url=url, dedupe_key=dedupe_key) for user in recipients])
    ids = [row.pk for row in created if row.recipient.email]
    if ids:
        from .tasks import send_notification_emails

        # robust: a broker that is down must not turn a committed move into an error page; the inbox rows
        # exist and the e-mails stay unsent (emailed_at empty) until tasks.send_pending_emails sends them.
        transaction.on_commit(lambda: send_notification_emails.delay(ids), robust=True)
    return len(created)


def notify(message_type: MessageType, recipients, params: dict, url: str = "", dedupe_key: str = "") -> int:
    """Write one inbox row per recipient and queue the e-mails after commit. Returns the rows written."""
    from .models import Notification

    if dedupe_key:
        recipients = [user for user in recipients
                      if not Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists()]
    return _write(message_type, recipients, _rendered(message_type, params), url, dedupe_key)


def notify_coalesced(message_type: MessageType, recipients, params: dict, url: str, key: str) -> int:
    """At most one unread row per recipient and `key`: a recipient who has one finds it brought up to date
    with `params` (no new row, no new e-mail); the others get a new row. Once read, the next event writes a
    new one. Callers serialise the events of one key (services.posting locks the dossier). Returns the rows
    written."""
    from .models import Notification

    rendered = _rendered(message_type, params)
    unread = Notification.objects.filter(message_type=message_type.code, dedupe_key=key, read_at__isnull=True)
    waiting = set(unread.values_list("recipient_id", flat=True))
    subject, body, stored = rendered
    unread.update(subject=subject, body=body, params=stored)
    return _write(message_type, [user for user in recipients if user.pk not in waiting], rendered, url, key)
