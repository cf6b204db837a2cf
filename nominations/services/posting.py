"""Public posting of proposed awardees: who is posted today, the comments anyone may send on them while they
are, and the Board's answer or note on each comment.

A nominee is posted while its dossier is in council with a posting window holding today (both ends included,
in the province's time zone, TIME_ZONE) and the nominee is still before the council (accepted or approved).
The council votes only after the window (services.council.votable_nominees), so the comments come first."""

import datetime
import ipaddress

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .. import notifications
from ..enums import NOMINEE_COUNCIL_STATES, CommentState, DossierState, Move
from ..models import Nominee, PublicComment
from .common import record, require
from .errors import MoveRefused


class PostingClosed(MoveRefused):
    """The nominee is not (or no longer) posted: no comment is taken."""


class TooManyComments(MoveRefused):
    """The sender, or everybody together, sent too many comments in the last hour."""


def posted_nominees(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return Nominee.objects.filter(
        state__in=NOMINEE_COUNCIL_STATES, dossier__state=DossierState.IN_COUNCIL,
        dossier__posting_from__lte=today, dossier__posting_until__gte=today,
    )


def sender_hash(address: str | None) -> str:
    """A keyed hash of the sender's address (the address itself is not kept). An IPv6 address counts by
    its /64 network: one connection usually holds a whole /64 and could change address at every comment."""
    text = address or ""
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, ipaddress.IPv6Address):
        text = str(parsed.ipv4_mapped or ipaddress.ip_network(f"{parsed}/64", strict=False))
    return salted_hmac("laurel.public-comment.sender", text, algorithm="sha256").hexdigest()[:32]


def check_comment_limits(ip_hash: str, now: datetime.datetime | None = None):
    """Refuse a comment beyond LAUREL_PUBLIC_COMMENTS_PER_HOUR from one sender or
    LAUREL_PUBLIC_COMMENTS_ALL_PER_HOUR from everybody. Counted on the stored comments: exact, and the same
    for every web process."""
    since = (now or timezone.now()) - datetime.timedelta(hours=1)
    recent = PublicComment.objects.filter(created_at__gte=since)
    if (recent.filter(ip_hash=ip_hash).count() >= settings.LAUREL_PUBLIC_COMMENTS_PER_HOUR
            or recent.count() >= settings.LAUREL_PUBLIC_COMMENTS_ALL_PER_HOUR):
        raise TooManyComments(_("Many comments were sent in the last hour; please try again later."))


def add_public_comment(nominee_pk: int, text: str, contact: str, ip_hash: str) -> PublicComment:
    """Store a comment on a posted nominee (anyone may send one; the form has checked the challenge) and tell
    the reviewers. The dossier is locked first, as the Board's moves lock it: comments on one dossier are
    then told one at a time, so that its reviewers never get two unread notices for it."""
    with transaction.atomic():
        nominee = (posted_nominees().filter(pk=nominee_pk).select_related("dossier__campaign")
                   .select_for_update(of=("dossier",)).first())
        if nominee is None:
            raise PostingClosed(_("This nominee is not posted for comments (the posting may have ended)."))
        check_comment_limits(ip_hash)
        comment = PublicComment.objects.create(nominee=nominee, text=text, contact=contact, ip_hash=ip_hash)
        _tell_reviewers(comment)
        return comment


def _tell_reviewers(comment: PublicComment):
    """One unread notice per dossier and reviewer, however many comments arrive (notify_coalesced): it
    counts the dossier's comments still to answer and links to the first one it announced."""
    nominee = comment.nominee
    dossier = nominee.dossier
    waiting = PublicComment.objects.filter(nominee__dossier=dossier, state=CommentState.NEW).count()
    notifications.notify_coalesced(
        notifications.PUBLIC_COMMENTS, notifications.reviewers(),
        {"code": dossier.code, "title": dossier.title, "name": nominee.subject_name, "count": waiting},
        url=comment.get_absolute_url(),
        key=f"public-comments:{dossier.pk}",
    )


def answer_public_comment(comment, by, state: str, answer: str = "") -> PublicComment:
    """A new comment → answered (with the answer) or noted (with an optional note), on the audit trail of
    the nominee's dossier. A comment already handled is refused, naming who did it and when."""
    require(by, "nominations.answer_public_comment")
    answer = answer.strip()
    if state not in (CommentState.ANSWERED, CommentState.NOTED):
        raise MoveRefused(_("Choose to answer or to note the comment."))
    if state == CommentState.ANSWERED and not answer:
        raise MoveRefused(_("Write the answer."))
    with transaction.atomic():
        comment = (PublicComment.objects.select_for_update(of=("self",)).select_related("nominee", "answered_by")
                   .get(pk=comment.pk))
        if comment.state != CommentState.NEW:
            raise MoveRefused(_("This comment is already “%(state)s” (by %(who)s, %(when)s).") % {
                "state": CommentState(comment.state).label, "who": comment.answered_by or _("someone"),
                "when": formats.date_format(timezone.localtime(comment.answered_at), "SHORT_DATETIME_FORMAT")
                if comment.answered_at else ""})
        comment.state, comment.answer = state, answer
        comment.answered_by, comment.answered_at = by, timezone.now()
        comment.save(update_fields=["state", "answer", "answered_by", "answered_at"])
        move = Move.COMMENT_ANSWERED if state == CommentState.ANSWERED else Move.COMMENT_NOTED
        record(comment.nominee.dossier_id, move, by, comment=answer, nominee=comment.nominee)
    return comment
