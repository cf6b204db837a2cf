"""Placing the demo's workflow moves on a believable timeline.

The services stamp every row with the real clock (`timezone.now()`, `auto_now_add`) and offer no way to
backdate a move, which is right for real use. A demo, though, must show a campaign decided last year and
a dossier submitted weeks ago. So each step of a demo story runs through the real services inside
`backdated(when)`; afterwards every timestamp the step wrote is moved by the same offset, so the step
appears to have happened at `when`. Only timestamps move: states, verdicts, audit rows, ballots,
notifications and certificates stay exactly as the services wrote them, in the same order. A moved
submission gets its processing deadline recomputed with the service's own rule (working days from the
submission date), so overdue highlighting is the genuine one.

A demo seeded as of another day (`seed_demo --today`) runs its stories inside `story_day(today)`: steps
must then lie before the end of that day instead of before the real now, and a step may be moved forwards
as well as back (a demo seeded as of a day ahead of the real clock)."""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import F
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent

from ..models import Ballot, Decision, Dossier, Nominee, Notification, PublicComment, Transition, VoteSession
from ..services.workdays import add_working_days

# Every timestamp a workflow move can write, per model. VoteSession.closes_at is a deadline chosen by the
# caller, not a stamp, and is left alone.
STAMPS = [
    (Dossier, ["created_at", "updated_at", "submitted_at"]),
    (Nominee, ["created_at", "evaluated_at"]),
    (Transition, ["at"]),
    (VoteSession, ["opens_at", "closed_at"]),
    (Ballot, ["cast_at"]),
    (Decision, ["created_at", "published_at"]),
    (Notification, ["created_at"]),
    (Certificate, ["issued_at"]),
    (CertificateEvent, ["at"]),
    (PublicComment, ["created_at", "answered_at"]),
]


_STORY_DAY: ContextVar[datetime.date | None] = ContextVar("demo_story_day", default=None)


@contextmanager
def story_day(today: datetime.date):
    """Run the demo's stories as seen on `today`."""
    token = _STORY_DAY.set(today)
    try:
        yield
    finally:
        _STORY_DAY.reset(token)


def _story_now() -> datetime.datetime:
    """The real now, unless the story is seen on another day: then the end of that day."""
    day = _STORY_DAY.get()
    if day is None or day == timezone.localdate():
        return timezone.now()
    return at(day + datetime.timedelta(days=1), 0)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@contextmanager
def backdated(when: datetime.datetime):
    """Run a step of a story as if at `when` (in the story's past). The seeding runs alone in one process,
    so the rows stamped while the step ran are exactly the step's rows (rows moved forwards by an earlier
    step lie after the step's end and are left alone)."""
    if when >= _story_now():
        raise ValueError(f"A demo step must lie in the past, not at {when:%Y-%m-%d %H:%M}.")
    start = timezone.now()
    yield
    end = timezone.now()
    delta = when - start
    during = lambda name: {f"{name}__gte": start, f"{name}__lte": end}  # noqa: E731
    submitted = list(Dossier.objects.filter(**during("submitted_at")).values_list("pk", flat=True))
    for model, fields in STAMPS:
        for name in fields:
            model.objects.filter(**during(name)).update(**{name: F(name) + delta})
    for dossier in Dossier.objects.filter(pk__in=submitted).select_related("campaign"):
        submitted_on = timezone.localtime(dossier.submitted_at).date()
        dossier.due_on = add_working_days(submitted_on, dossier.campaign.processing_days)
        Dossier.objects.filter(pk=dossier.pk).update(due_on=dossier.due_on)
