"""States and kinds of the certificate app, with their named groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Replaced by a duplicate")
    REVOKED = "revoked", _("Revoked")


class RevocationReason(models.TextChoices):
    """The reason a revocation gives the public (the verify page); the internal note stays inside."""

    FALSE_DECLARATION = "false_declaration", _("False declaration of achievements")
    FORGED_DOSSIER = "forged_dossier", _("Forged dossier")
    DECISION_ANNULLED = "decision_annulled", _("The award decision was annulled")
    OTHER = "other", _("Other (written for the public)")


class BatchState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_BATCH_STATES = frozenset({BatchState.QUEUED, BatchState.RUNNING})
FINAL_BATCH_STATES = frozenset({BatchState.DONE, BatchState.CANCELLED})
# A batch in one of these states may be (re)started by the task: a failed or interrupted run resumes.
RUNNABLE_BATCH_STATES = frozenset({BatchState.QUEUED, BatchState.RUNNING, BatchState.FAILED})


class OutputMode(models.TextChoices):
    FULL = "full", _("Full design")
    OVERLAY = "overlay", _("Overlay for pre-printed blanks")
