"""States and choices of the nomination workflow. A leaf module: it imports nothing from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for revision")
    IN_COUNCIL = "in_council", _("In council")
    DECIDED = "decided", _("Decided")


# The unit may recall its dossier while the Board has not received it.
RECALLABLE_STATES = frozenset({DossierState.SUBMITTED})
# The unit may edit the dossier in these states.
EDITABLE_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})
# The Board's processing clock runs in these states (overdue is measured here).
REVIEW_STATES = frozenset({DossierState.SUBMITTED, DossierState.UNDER_REVIEW})
OPEN_STATES = frozenset(
    {DossierState.SUBMITTED, DossierState.UNDER_REVIEW, DossierState.RETURNED, DossierState.IN_COUNCIL}
)
FINAL_STATES = frozenset({DossierState.DECIDED})


class NomineeState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted for council")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    AWARDED = "awarded", _("Awarded")


NOMINEE_FINAL_STATES = frozenset({NomineeState.REJECTED, NomineeState.AWARDED})
NOMINEE_COUNCIL_STATES = frozenset({NomineeState.ACCEPTED, NomineeState.APPROVED})


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    NEEDS_REVIEW = "needs_review", _("Needs review")


class AttachmentKind(models.TextChoices):
    PROPOSAL_LETTER = "proposal_letter", _("Proposal letter")
    COUNCIL_MINUTES = "council_minutes", _("Unit council minutes")
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    EVIDENCE = "evidence", _("Evidence")
    OTHER = "other", _("Other")


class VoteSessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class BallotChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class CommentState(models.TextChoices):
    """A public comment on a posted nominee, as the Board handled it."""

    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    NOTED = "noted", _("Noted")


class Move(models.TextChoices):
    """The names of workflow moves as written to the audit trail."""

    CREATE = "create", _("Created")
    SUBMIT = "submit", _("Submitted")
    RECALL = "recall", _("Recalled by the unit")
    START_REVIEW = "start_review", _("Received for review")
    RETURN = "return", _("Returned for revision")
    RESUBMIT = "resubmit", _("Resubmitted")
    ACCEPT = "accept", _("Accepted for council")
    FORWARD = "forward", _("Forwarded to council")
    VOTE_OPENED = "vote_opened", _("Voting opened")
    VOTE_CLOSED = "vote_closed", _("Voting closed")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    DECIDE = "decide", _("Decided")
    EDIT = "edit", _("Edited")
    ADD_NOMINEE = "add_nominee", _("Nominee added")
    EDIT_NOMINEE = "edit_nominee", _("Nominee edited")
    REMOVE_NOMINEE = "remove_nominee", _("Nominee removed")
    ATTACH = "attach", _("File uploaded")
    DETACH = "detach", _("File removed")
    COMMENT_ANSWERED = "comment_answered", _("Public comment answered")
    COMMENT_NOTED = "comment_noted", _("Public comment noted")
