"""Celery tasks of the workflow: thin, named, idempotent, taking IDs."""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from config.text import excerpt, single_line

from .enums import REVIEW_STATES, DossierState

logger = logging.getLogger(__name__)


@shared_task(name="nominations.send_notification_emails")
def send_notification_emails(notification_ids):
    """Send each message on its own: one that fails (a bad header, an address the server refuses…) is
    marked failed with the reason, shown to administrators, and the others still go out."""
    from .models import Notification

    sent = 0
    for note in Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, email_failed_at__isnull=True
    ).select_related("recipient"):
        link = settings.LAUREL_PUBLIC_BASE_URL.rstrip("/") + note.url if note.url else ""
        try:
            with translation.override(getattr(note.recipient, "language", "") or settings.LANGUAGE_CODE):
                subject, body = note.shown_subject, note.shown_body
            send_mail(single_line(subject), f"{body}\n\n{link}".strip(), None,
                      [single_line(note.recipient.email)])
        except Exception as exc:  # noqa: BLE001 - any failure of this one message must not stop the rest
            logger.warning("E-mail of notification %s failed: %r", note.pk, exc)
            Notification.objects.filter(pk=note.pk).update(
                email_failed_at=timezone.now(), email_error=excerpt(f"{type(exc).__name__}: {exc}", 500))
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@shared_task(name="nominations.send_pending_emails")
def send_pending_emails(older_than_minutes: int = 10):
    """Send the e-mails of notifications whose sending was never queued or never ran (e.g. the broker was
    down when they were written). Rows younger than `older_than_minutes` are left to their own task; rows
    marked failed are left for an administrator to look at."""
    from .models import Notification

    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    ids = list(Notification.objects.filter(emailed_at__isnull=True, email_failed_at__isnull=True,
                                           created_at__lte=cutoff)
               .exclude(recipient__email="").values_list("pk", flat=True)[:1000])
    return send_notification_emails(ids) if ids else 0


@shared_task(name="nominations.remind_closing_windows")
def remind_closing_windows(days_ahead: int = 3):
    """Tell unit officers with draft dossiers that a campaign closes within `days_ahead` days (once a day)."""
    from . import notifications
    from .models import Campaign, Dossier

    today = timezone.localdate()
    count = 0
    soon = today + datetime.timedelta(days=days_ahead)
    for campaign in Campaign.objects.filter(closes_on__gte=today, closes_on__lte=soon):
        drafts = Dossier.objects.filter(campaign=campaign, state=DossierState.DRAFT).select_related("unit")
        for dossier in drafts:
            with transaction.atomic():
                count += notifications.notify(
                    notifications.WINDOW_CLOSING, notifications.unit_officers(dossier.unit),
                    {"title": campaign.title, "closes": f"{campaign.closes_on:%d/%m/%Y}", "drafts": dossier.code},
                    url=reverse("nominations:dossier_detail", args=[dossier.pk]),
                    dedupe_key=f"closing:{dossier.pk}:{today.isoformat()}",
                )
    return count


@shared_task(name="nominations.remind_overdue_dossiers")
def remind_overdue_dossiers():
    """Tell reviewers about dossiers past their processing limit (once per dossier and due date)."""
    from . import notifications
    from .models import Dossier

    today = timezone.localdate()
    count = 0
    overdue = Dossier.objects.filter(state__in=REVIEW_STATES, due_on__lt=today).select_related("unit", "campaign")
    for dossier in overdue:
        with transaction.atomic():
            count += notifications.notify(
                notifications.OVERDUE, notifications.reviewers(),
                {"code": dossier.code, "title": dossier.title, "unit": dossier.unit.name,
                 "due": f"{dossier.due_on:%d/%m/%Y}"},
                url=reverse("nominations:dossier_detail", args=[dossier.pk]),
                dedupe_key=f"overdue:{dossier.pk}:{dossier.due_on.isoformat()}",
            )
    return count


@shared_task(name="nominations.reevaluate_after_import")
def reevaluate_after_import(kind: str, years: list[int], unit_ids: list[int]) -> int:
    """Re-judge the proposed nominees of the imported years whose person or unit the import touched, each
    campaign under its own rules; returns how many verdicts changed."""
    from django.db.models import Q

    from .enums import NomineeState
    from .models import Nominee
    from .services import reevaluate

    nominees = Nominee.objects.filter(state=NomineeState.PROPOSED).select_related("campaign", "person", "unit",
                                                                                  "award")
    years = [year for year in years if year]  # units and people imports are not about a year
    if years:
        nominees = nominees.filter(campaign__year__in=years)
    if unit_ids:
        nominees = nominees.filter(Q(person__unit_id__in=list(unit_ids)) | Q(unit_id__in=list(unit_ids)))
    nominees = list(nominees)
    before = {n.pk: n.verdict for n in nominees}
    reevaluate(nominees)
    return sum(1 for n in nominees if n.verdict != before[n.pk])
