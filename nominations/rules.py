"""Who may do what in the nomination workflow: permissions built from the role predicates of
accounts/rules.py (the convention for objects and states is described there). Views, templates, the
navigation, the API and the services ask these; querysets are scoped through accounts.scoping (see
nominations.queries)."""

import rules

from accounts.rules import (  # noqa: F401  (re-exported: tests and older code import them from here)
    is_board,
    is_chair,
    is_council_member,
    is_reviewer,
    is_unit_officer,
)

from .enums import EDITABLE_STATES, RECALLABLE_STATES, REVIEW_STATES, DossierState, NomineeState, VoteSessionState
from .models import Dossier


def _dossier_of(obj):
    """The dossier of a dossier, a nominee or an attachment."""
    return obj if obj is None or isinstance(obj, Dossier) else obj.dossier


@rules.predicate
def dossier_in_scope(user, dossier):
    dossier = _dossier_of(dossier)
    if dossier is None or not user.is_authenticated:
        return False
    if user.is_province_wide:
        return True
    return bool(user.unit_id) and dossier.unit.path.startswith(user.unit.path)


@rules.predicate
def dossier_editable(user, dossier):
    """Only a draft or a returned dossier changes; a decided one never does, for anybody."""
    dossier = _dossier_of(dossier)
    return dossier is not None and dossier.state in EDITABLE_STATES


@rules.predicate
def nominee_removable(user, nominee):
    """A nominee leaves a dossier only while proposed and never put to a vote (ballots are never deleted;
    services.remove_nominee also checks for ballots, under a lock)."""
    return (nominee is not None and nominee.state == NomineeState.PROPOSED and nominee.vote_session_id is None
            and dossier_editable(user, nominee.dossier))


@rules.predicate
def dossier_is_draft(user, dossier):
    """A draft never submitted (a returned dossier carries the Board's history and stays)."""
    dossier = _dossier_of(dossier)
    return dossier is not None and dossier.state == DossierState.DRAFT


@rules.predicate
def dossier_recallable(user, dossier):
    """Submitted and not yet received by the Board."""
    dossier = _dossier_of(dossier)
    return dossier is not None and dossier.state in RECALLABLE_STATES


# State predicates: true when asked without an object (see accounts/rules.py).
@rules.predicate
def dossier_submitted(user, dossier):
    return dossier is None or dossier.state == DossierState.SUBMITTED


@rules.predicate
def dossier_in_review(user, dossier):
    return dossier is None or dossier.state in REVIEW_STATES


@rules.predicate
def nominee_in_review(user, nominee):
    return nominee is None or (nominee.state == NomineeState.PROPOSED and nominee.dossier.state in REVIEW_STATES)


@rules.predicate
def nominee_awaits_approval(user, nominee):
    return nominee is None or (nominee.state == NomineeState.ACCEPTED and bool(nominee.vote_passed)
                               and nominee.dossier.state == DossierState.IN_COUNCIL)


@rules.predicate
def nominee_in_council(user, nominee):
    return nominee is None or (nominee.state in (NomineeState.ACCEPTED, NomineeState.APPROVED)
                               and nominee.dossier.state == DossierState.IN_COUNCIL)


@rules.predicate
def vote_open(user, session):
    return session is None or session.state == VoteSessionState.OPEN


@rules.predicate
def comment_open(user, comment):
    """A public comment the Board has neither answered nor noted yet."""
    return comment is None or comment.is_open


@rules.predicate
def decision_unsigned(user, decision):
    return decision is None or decision.signed_at is None


may_manage_vote = is_reviewer | is_chair
may_approve = is_chair | is_reviewer

rules.add_perm("nominations.see_dossier", dossier_in_scope)
rules.add_perm("nominations.create_dossier", is_unit_officer)
rules.add_perm("nominations.edit_dossier", is_unit_officer & dossier_in_scope & dossier_editable)
rules.add_perm("nominations.remove_nominee", is_unit_officer & dossier_in_scope & nominee_removable)
rules.add_perm("nominations.submit_dossier", is_unit_officer & dossier_in_scope)
rules.add_perm("nominations.recall_dossier", is_unit_officer & dossier_in_scope & dossier_recallable)
rules.add_perm("nominations.delete_draft", is_unit_officer & dossier_in_scope & dossier_is_draft)
rules.add_perm("nominations.review_dossier", is_reviewer)
rules.add_perm("nominations.receive_dossier", is_reviewer & dossier_submitted)
rules.add_perm("nominations.settle_dossier", is_reviewer & dossier_in_review)  # return or forward
rules.add_perm("nominations.accept_nominee", is_reviewer & nominee_in_review)
rules.add_perm("nominations.reject_nominee", (is_reviewer & nominee_in_review) | (may_approve & nominee_in_council))
rules.add_perm("nominations.manage_vote", may_manage_vote)
rules.add_perm("nominations.close_vote", may_manage_vote & vote_open)
rules.add_perm("nominations.cast_vote", is_council_member & vote_open)
rules.add_perm("nominations.view_votes", is_council_member | may_manage_vote)
rules.add_perm("nominations.approve_nominee", may_approve & nominee_awaits_approval)
rules.add_perm("nominations.decide", is_chair)
rules.add_perm("nominations.sign_decision", is_chair & decision_unsigned)
rules.add_perm("nominations.view_queue", is_reviewer | is_chair)
rules.add_perm("nominations.view_decisions", is_board)
# Comments the public sent on posted nominees: the Board and the council read them, the Board answers.
rules.add_perm("nominations.view_public_comments", is_reviewer | is_chair | is_council_member)
rules.add_perm("nominations.answer_public_comment", is_reviewer & comment_open)
