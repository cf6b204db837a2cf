"""The home page's to-do list: for each role, what waits for it, with a count and a link to the list that
shows exactly those records. Items are data: each names the permission that opens its list (the same
`rules` predicates the views ask), counts with the same scoping and filters as that list, and runs one
query, so the page costs a fixed number of queries whatever the size of the data.

Apps' modules are imported inside the functions: accounts is imported by every app."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TodoItem:
    key: str  # stable, for tests and styling
    label: str
    perm: str
    count: Callable  # user -> int, one query
    url: Callable  # () -> str, the list showing the counted records


def _dossiers(user, **params):
    from nominations.queries import dossiers_visible_to, filter_dossiers

    return filter_dossiers(dossiers_visible_to(user), params).count()


def _dossier_list(**params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('nominations:dossier_list')}?{query}"


def _ballots_to_cast(user):
    from django.db.models import Exists, OuterRef

    from nominations.enums import VoteSessionState
    from nominations.models import Ballot, Nominee, VoteSession

    mine = Ballot.objects.filter(nominee=OuterRef("pk"), member=user)
    unvoted = Nominee.objects.filter(vote_session=OuterRef("pk")).exclude(Exists(mine))
    return VoteSession.objects.filter(state=VoteSessionState.OPEN).filter(Exists(unvoted)).count()


def _open_votes(user):
    from nominations.enums import VoteSessionState
    from nominations.models import VoteSession

    return VoteSession.objects.filter(state=VoteSessionState.OPEN).count()


def _awaiting_decision(user):
    from nominations.enums import NomineeState
    from nominations.models import Nominee

    return Nominee.objects.filter(state=NomineeState.APPROVED).count()


def _certificates_to_print(user):
    from certificates.queries import awaiting_print
    from certificates.rules import certificates_visible_to

    return awaiting_print(certificates_visible_to(user)).count()


def _comments_to_answer(user):
    from nominations.enums import CommentState
    from nominations.queries import public_comments_visible_to

    return public_comments_visible_to(user).filter(state=CommentState.NEW).count()


def _failed_emails(user):
    from nominations.models import Notification

    return Notification.objects.filter(email_failed_at__isnull=False).count()


ITEMS: list[TodoItem] = [
    # Unit officer
    TodoItem("drafts", _("Draft dossiers to finish and submit"), "nominations.create_dossier",
             lambda user: _dossiers(user, state="draft"), lambda: _dossier_list(state="draft")),
    TodoItem("returned", _("Dossiers returned for revision"), "nominations.create_dossier",
             lambda user: _dossiers(user, state="returned"), lambda: _dossier_list(state="returned")),
    # Board reviewer
    TodoItem("new_dossiers", _("New dossiers to receive"), "nominations.review_dossier",
             lambda user: _dossiers(user, state="submitted"), lambda: _dossier_list(state="submitted")),
    TodoItem("overdue", _("Overdue dossiers"), "nominations.review_dossier",
             lambda user: _dossiers(user, overdue="1"), lambda: _dossier_list(overdue="1")),
    TodoItem("public_comments", _("Public comments to answer"), "nominations.answer_public_comment",
             _comments_to_answer, lambda: reverse("nominations:comment_list") + "?state=new"),
    # Council member
    TodoItem("ballots", _("Open votes awaiting your ballot"), "nominations.cast_vote", _ballots_to_cast,
             lambda: reverse("nominations:vote_list")),
    # Chair (and the Board for votes)
    TodoItem("votes_to_close", _("Open votes to close"), "nominations.manage_vote", _open_votes,
             lambda: reverse("nominations:vote_list")),
    TodoItem("to_decide", _("Approved nominees awaiting a decision"), "nominations.decide", _awaiting_decision,
             lambda: reverse("nominations:decision_list")),
    # Clerk
    TodoItem("to_print", _("Certificates to print"), "certificates.print", _certificates_to_print,
             lambda: reverse("certificates:list") + "?unprinted=1"),
    # Administrator
    TodoItem("failed_emails", _("Notifications whose e-mail failed"), "accounts.view_failed_emails", _failed_emails,
             lambda: reverse("admin:nominations_notification_changelist") + "?email=failed"),
]


def todo_for(user) -> list[dict]:
    """The user's to-do items, in the order above; an item counting nothing is still shown (as done)."""
    return [{"key": item.key, "label": item.label, "count": item.count(user), "url": item.url()}
            for item in ITEMS if user.has_perm(item.perm)]


def deadlines_for(user, limit: int = 5) -> list[dict]:
    """Open campaigns and the days left to submit, soonest first (officers: one query)."""
    from nominations.models import Campaign

    if not user.has_perm("nominations.create_dossier"):
        return []
    today = timezone.localdate()
    campaigns = Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "pk")
    return [{"campaign": c, "closes_on": c.closes_on, "days_left": (c.closes_on - today).days}
            for c in campaigns[:limit]]
