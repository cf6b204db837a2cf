"""The Board's side: receiving, returning, accepting nominees for the council, forwarding, rejecting."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import notifications
from ..enums import REVIEW_STATES, DossierState, Move, NomineeState
from ..models import Nominee
from .common import (
    lock_dossier,
    lock_nominee,
    refuse_stale,
    refuse_stale_nominee,
    require,
    set_dossier_state,
    set_nominee_state,
)
from .errors import MoveRefused


def _url(dossier):
    return reverse("nominations:dossier_detail", args=[dossier.pk])


def _receive_if_submitted(dossier, by):
    if dossier.state == DossierState.SUBMITTED:
        set_dossier_state(dossier, DossierState.UNDER_REVIEW, Move.START_REVIEW, by)


def start_review(dossier, by, comment="") -> "DossierState":
    """Submitted → under review (the Board receives the dossier)."""
    require(by, "nominations.review_dossier", dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, {DossierState.SUBMITTED}, _("receive"))
        set_dossier_state(dossier, DossierState.UNDER_REVIEW, Move.START_REVIEW, by, comment)
    return dossier


def return_for_revision(dossier, by, comment="", nominee_comments: dict | None = None):
    """Submitted/under review → returned, with a comment for the dossier and one per nominee."""
    require(by, "nominations.review_dossier", dossier)
    nominee_comments = {int(k): v.strip() for k, v in (nominee_comments or {}).items() if v and v.strip()}
    if not comment.strip() and not nominee_comments:
        raise MoveRefused(_("Say what the unit must revise."))
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, REVIEW_STATES, _("return"))
        for nominee in dossier.nominees.select_for_update().exclude(state=NomineeState.REJECTED):
            text = nominee_comments.get(nominee.pk, "")
            if nominee.state != NomineeState.PROPOSED:
                set_nominee_state(nominee, NomineeState.PROPOSED, Move.RETURN, by, text, return_comment=text)
            else:
                nominee.return_comment = text
                nominee.save(update_fields=["return_comment"])
        set_dossier_state(dossier, DossierState.RETURNED, Move.RETURN, by, comment)
        all_comments = "; ".join(filter(None, [comment.strip(), *nominee_comments.values()]))
        notifications.notify(notifications.RETURNED, notifications.unit_officers(dossier.unit),
                             {"code": dossier.code, "title": dossier.title, "comment": all_comments},
                             url=_url(dossier))
    return dossier


def _forward(dossier, by, comment="", posting_from=None, posting_until=None):
    accepted = dossier.nominees.filter(state=NomineeState.ACCEPTED).count()
    if not accepted:
        if not dossier.nominees.exclude(state=NomineeState.REJECTED).exists():
            set_dossier_state(dossier, DossierState.DECIDED, Move.REJECT, by, comment)
            return dossier
        raise MoveRefused(_("Accept at least one nominee before forwarding to the council."))
    set_dossier_state(dossier, DossierState.IN_COUNCIL, Move.FORWARD, by, comment,
                      posting_from=posting_from, posting_until=posting_until)
    return dossier


def forward_to_council(dossier, by, comment="", posting_from=None, posting_until=None):
    """Under review → in council. Nominees still proposed are accepted. Optional public posting dates
    (the council votes only once the posting has ended)."""
    require(by, "nominations.review_dossier", dossier)
    check_posting(posting_from, posting_until)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, REVIEW_STATES, _("forward"))
        _receive_if_submitted(dossier, by)
        for nominee in dossier.nominees.select_for_update().filter(state=NomineeState.PROPOSED):
            set_nominee_state(nominee, NomineeState.ACCEPTED, Move.ACCEPT, by)
        _forward(dossier, by, comment, posting_from, posting_until)
    return dossier


def _after_nominee_review(dossier, by, posting_from=None, posting_until=None):
    """Once no nominee is left undecided at review, the dossier moves on by itself (with the public
    posting window, when one is given)."""
    if dossier.state in REVIEW_STATES and not dossier.nominees.filter(state=NomineeState.PROPOSED).exists():
        _receive_if_submitted(dossier, by)
        _forward(dossier, by, "", posting_from, posting_until)


def check_posting(posting_from, posting_until):
    if (posting_from is None) != (posting_until is None) or (posting_from and posting_until < posting_from):
        raise MoveRefused(_("Give both posting dates, the end not before the start."))


def check_accept(dossier, nominee, by):
    """Why accept_nominee would refuse (raises MoveRefused), read without writing."""
    require(by, "nominations.review_dossier", nominee)
    refuse_stale(dossier, REVIEW_STATES, _("accept"))
    refuse_stale_nominee(nominee, {NomineeState.PROPOSED}, _("accept"))


def accept_nominee(nominee, by, comment="", posting_from=None, posting_until=None) -> Nominee:
    """Proposed → accepted for council. The dossier is received if it was only submitted; when its last
    proposed nominee is settled it goes to the council (posted publicly between the dates, if given)."""
    require(by, "nominations.review_dossier", nominee)
    check_posting(posting_from, posting_until)
    with transaction.atomic():
        dossier = lock_dossier(nominee.dossier_id)
        nominee = lock_nominee(nominee)
        check_accept(dossier, nominee, by)
        _receive_if_submitted(dossier, by)
        set_nominee_state(nominee, NomineeState.ACCEPTED, Move.ACCEPT, by, comment)
        _after_nominee_review(dossier, by, posting_from, posting_until)
    return nominee


def check_reject(dossier, nominee, by):
    """Why reject_nominee would refuse (raises MoveRefused), read without writing."""
    if nominee.state == NomineeState.PROPOSED:
        require(by, "nominations.review_dossier", nominee)
        refuse_stale(dossier, REVIEW_STATES, _("reject"))
    else:
        require(by, "nominations.approve_nominee")  # the role; the states are checked below
        refuse_stale(dossier, {DossierState.IN_COUNCIL}, _("reject"))
    refuse_stale_nominee(nominee, {NomineeState.PROPOSED, NomineeState.ACCEPTED, NomineeState.APPROVED},
                         _("reject"))


def check_return(dossier, by):
    require(by, "nominations.review_dossier", dossier)
    refuse_stale(dossier, REVIEW_STATES, _("return"))


def bulk_preview(action: str, selection, by) -> dict:
    """{nominee pk: (True, note) or (False, reason)} for a bulk action on the selection, computed by the
    checks the moves make, without writing. An acceptance that settles a dossier's last proposed nominee
    says that the dossier then goes to the council."""
    outcome = {}
    selected = {n.pk for n in selection}
    for nominee in selection:
        try:
            if action == "accept":
                check_accept(nominee.dossier, nominee, by)
            elif action == "reject":
                check_reject(nominee.dossier, nominee, by)
            else:
                check_return(nominee.dossier, by)
        except MoveRefused as exc:
            outcome[nominee.pk] = (False, exc.message)
            continue
        note = _("Will apply.")
        if action == "accept":
            others = nominee.dossier.nominees.filter(state=NomineeState.PROPOSED).exclude(pk__in=selected)
            if not others.exists():
                note = _("Will apply; dossier %(code)s then goes to the council.") % {"code": nominee.dossier.code}
        outcome[nominee.pk] = (True, note)
    return outcome


def reject_nominee(nominee, by, reason: str) -> Nominee:
    """Any open nominee → rejected, with the reason sent to the unit as a refusal notice."""
    if not reason.strip():
        raise MoveRefused(_("Give the reason for the refusal."))
    with transaction.atomic():
        dossier = lock_dossier(nominee.dossier_id)
        nominee = lock_nominee(nominee)
        check_reject(dossier, nominee, by)
        _receive_if_submitted(dossier, by)
        set_nominee_state(nominee, NomineeState.REJECTED, Move.REJECT, by, reason, refusal_reason=reason)
        notifications.notify(
            notifications.NOMINEE_REFUSED, notifications.unit_officers(dossier.unit),
            {"name": nominee.subject_name, "award": nominee.award.name, "code": dossier.code, "reason": reason},
            url=_url(dossier),
        )
        if dossier.state in REVIEW_STATES:
            _after_nominee_review(dossier, by)
        else:
            close_if_settled(dossier, by)
    return nominee


def close_if_settled(dossier, by):
    """A dossier in council whose nominees are all awarded or rejected is decided."""
    open_left = dossier.nominees.exclude(state__in=[NomineeState.REJECTED, NomineeState.AWARDED]).exists()
    if dossier.state == DossierState.IN_COUNCIL and not open_left:
        set_dossier_state(dossier, DossierState.DECIDED, Move.DECIDE, by)
