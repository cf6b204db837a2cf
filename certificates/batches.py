"""Print batches: create, cancel, and run (the body of the Celery task).

A run is idempotent and resumable: it (1) gives missing registry numbers in one transaction, (2) renders
every page into a temporary file next to the target, checking for cancellation and saving progress
every few pages, and (3) renames the file into place atomically, so a half-written file is never
served. A rerun after a crash starts the rendering over; the numbers given in step 1 stay."""

import hashlib
import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import OPEN_BATCH_STATES, RUNNABLE_BATCH_STATES, BatchState, CertificateState, OutputMode
from .models import Certificate, CertificateTemplate, PrintBatch
from .rendering.documents import RenderCancelled, render_certificates, render_pdf
from .services import assign_registry_numbers

PROGRESS_EVERY = 100


def batch_fingerprint(ids, *, mode: str, printer=None, with_zip: bool = False) -> str:
    """What a batch prints, as one hash: the same certificates with the same output give the same value."""
    printer_id = getattr(printer, "pk", printer) or ""
    text = f"{mode}|{printer_id}|{int(bool(with_zip))}|{','.join(str(pk) for pk in sorted(ids))}"
    return hashlib.sha256(text.encode()).hexdigest()


def open_batch(fingerprint: str) -> PrintBatch | None:
    return (PrintBatch.objects.filter(fingerprint=fingerprint, state__in=OPEN_BATCH_STATES)
            .select_related("created_by").first())


def create_batch(*, by, title: str, certificates, mode: str = OutputMode.FULL, printer=None,
                 with_zip: bool = False) -> PrintBatch:
    """Freeze the list of (valid) certificates into a batch and queue its rendering after commit.

    Idempotent: while a batch of the same certificates with the same output is queued or running, that
    batch is returned (with `reused` set) instead of a second print run. A unique constraint on the
    open batches' fingerprints settles a race between two requests; the loser returns the winner's batch."""
    if by is not None and not by.has_perm("certificates.print"):
        raise PermissionDenied
    try:
        with transaction.atomic():
            ids = sorted(certificates.filter(state=CertificateState.ISSUED).values_list("pk", flat=True))
            fingerprint = batch_fingerprint(ids, mode=mode, printer=printer, with_zip=with_zip)
            existing = open_batch(fingerprint)
            if existing is not None:
                existing.reused = True
                return existing
            batch = PrintBatch.objects.create(created_by=by, title=title, mode=mode, printer=printer,
                                              with_zip=with_zip, total=len(ids), fingerprint=fingerprint)
            batch.certificates.through.objects.bulk_create(
                [batch.certificates.through(printbatch_id=batch.pk, certificate_id=pk) for pk in ids],
                batch_size=2000,
            )
            transaction.on_commit(lambda: queue_batch(batch.pk))
    except IntegrityError:  # a concurrent request created the same batch between our look-up and insert
        existing = open_batch(fingerprint)
        if existing is None:
            raise
        existing.reused = True
        return existing
    batch.reused = False
    return batch


def queue_batch(batch_id: int) -> bool:
    """Queue the rendering; when the broker cannot be reached the batch is marked failed with the reason
    (visible on its page; the clerk starts it again) instead of waiting forever or breaking the page."""
    from .tasks import render_batch

    try:
        render_batch.delay(batch_id)
    except Exception as exc:  # kombu's OperationalError and friends: the broker is unreachable
        PrintBatch.objects.filter(pk=batch_id, state=BatchState.QUEUED).update(
            state=BatchState.FAILED, finished_at=timezone.now(),
            error=_("The batch could not be queued (%(error)s). Please start it again.") % {"error": exc},
        )
        return False
    return True


def cancel_batch(batch: PrintBatch) -> bool:
    """Ask a queued or running batch to stop; the task notices between pages. False if already over."""
    changed = PrintBatch.objects.filter(pk=batch.pk, state__in=[BatchState.QUEUED, BatchState.RUNNING]).update(
        state=BatchState.CANCELLED, finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return bool(changed)


def output_dir(batch_id: int) -> Path:
    path = Path(settings.MEDIA_ROOT) / "certificates" / "batches" / str(batch_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _relative(path: Path) -> str:
    return str(path.relative_to(settings.MEDIA_ROOT))


class _Templates:
    """Template lookups cached for one run: by id, or by (award, issuer) for certificates without one."""

    def __init__(self):
        self.by_id = {}
        self.by_award = {}

    def get(self, template_id, award_code, issuer_code):
        if template_id:
            if template_id not in self.by_id:
                self.by_id[template_id] = CertificateTemplate.objects.get(pk=template_id)
            return self.by_id[template_id]
        key = (award_code, issuer_code)
        if key not in self.by_award:
            self.by_award[key] = CertificateTemplate.objects.for_award(award_code, issuer_code)
        template = self.by_award[key]
        if template is None:
            raise CertificateTemplate.DoesNotExist(_("No certificate template for %(award)s.") % {"award": award_code})
        return template


def batch_pages(batch_id: int, *, chunk_size: int = 2000):
    """(template, data) for every certificate of a batch, streamed from the database in print order."""
    templates = _Templates()
    base = settings.LAUREL_PUBLIC_BASE_URL.rstrip("/")
    verify_path = reverse("certificates:verify", args=["TOKEN"])
    rows = (
        Certificate.objects.filter(batches=batch_id, state=CertificateState.ISSUED)
        .annotate(award_code=F("honour__award_id"))
        .order_by("issuer_code", "year", "registry_number", "edition", "pk")
        .iterator(chunk_size=chunk_size)
    )
    for certificate in rows:
        template = templates.get(certificate.template_id, certificate.award_code, certificate.issuer_code)
        url = base + verify_path.replace("TOKEN", certificate.token)
        yield template, certificate.data(verify_url=url), certificate


def _is_cancelled(batch_id: int) -> bool:
    return PrintBatch.objects.filter(pk=batch_id, state=BatchState.CANCELLED).exists()


def sign_combined_file(path: Path, batch) -> tuple[str, str]:
    """One signature over the whole combined file of a full-design batch, when a signer is configured.
    Returns (who signed, a note for the clerk). Signing never stops a batch: when the signer cannot be
    opened the file is delivered unsigned and the note says why. Overlays (text for pre-printed blanks)
    are printing aids, not documents, and are not signed."""
    from signing.pdf import sign_pdf_file
    from signing.signers import SigningUnavailable

    from .signing import signing_enabled

    if batch.mode == OutputMode.OVERLAY or not signing_enabled():
        return "", ""
    try:
        signer = sign_pdf_file(path, reason=f"In chứng nhận: {batch.title}"[:200],
                               location=settings.LAUREL_PROVINCE_NAME)
    except SigningUnavailable as exc:
        return "", _("Delivered unsigned: %(reason)s") % {"reason": exc}
    return signer[:255], ""


def run_batch(batch_id: int, *, progress_every: int = PROGRESS_EVERY, on_progress=None) -> str:
    """Render a batch; returns its final state. `on_progress(done)` is called with each saved progress
    (for observers; an exception there aborts the run like a crash would)."""
    try:
        with transaction.atomic():
            batch = PrintBatch.objects.select_for_update().filter(pk=batch_id).first()
            if batch is None or batch.state not in RUNNABLE_BATCH_STATES:
                return batch.state if batch else "missing"
            batch.state, batch.started_at, batch.done, batch.error = BatchState.RUNNING, timezone.now(), 0, ""
            batch.save(update_fields=["state", "started_at", "done", "error"])
    except IntegrityError:
        # A failed batch run again while the clerk has since started the same batch anew: that one prints.
        return PrintBatch.objects.values_list("state", flat=True).get(pk=batch_id)
    assign_registry_numbers(ids=list(batch.certificates.values_list("pk", flat=True)))

    folder = output_dir(batch_id)
    target = folder / f"batch-{batch_id}.pdf"
    tmp = folder / f".batch-{batch_id}.{os.getpid()}.pdf.tmp"
    zip_target = folder / f"batch-{batch_id}.zip"
    zip_tmp = folder / f".batch-{batch_id}.{os.getpid()}.zip.tmp"
    for stale in folder.glob(f".batch-{batch_id}.*.tmp"):  # left by a worker that died mid-run
        stale.unlink(missing_ok=True)
    overlay = batch.mode == OutputMode.OVERLAY
    offset = (batch.printer.offset_x_mm, batch.printer.offset_y_mm) if overlay and batch.printer else (0, 0)

    def progress(done):
        PrintBatch.objects.filter(pk=batch_id).update(done=done)
        if on_progress is not None:
            on_progress(done)
        if _is_cancelled(batch_id):
            raise RenderCancelled

    try:
        pages = ((template, data) for template, data, _cert in batch_pages(batch_id))
        count = render_certificates(str(tmp), pages, overlay=overlay, offset_mm=offset, title=batch.title,
                                    progress=progress, every=progress_every)
        if batch.with_zip:
            with zipfile.ZipFile(zip_tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for index, (template, data, certificate) in enumerate(batch_pages(batch_id), start=1):
                    name = f"{certificate.registry_number or 0:05d}-{certificate.short_code}.pdf"
                    archive.writestr(name, render_pdf(template, data, overlay=overlay, offset_mm=offset))
                    if index % progress_every == 0 and _is_cancelled(batch_id):
                        raise RenderCancelled
        if _is_cancelled(batch_id):
            raise RenderCancelled
        signed_by, note = sign_combined_file(tmp, batch)
        os.replace(tmp, target)  # atomic: readers see the old file or the whole new one
        if batch.with_zip:
            os.replace(zip_tmp, zip_target)
    except RenderCancelled:
        return BatchState.CANCELLED
    except Exception as exc:
        PrintBatch.objects.filter(pk=batch_id).exclude(state=BatchState.CANCELLED).update(
            state=BatchState.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    finally:
        for leftover in (tmp, zip_tmp):
            leftover.unlink(missing_ok=True)
    PrintBatch.objects.filter(pk=batch_id, state=BatchState.RUNNING).update(
        state=BatchState.DONE, done=count, finished_at=timezone.now(), combined_pdf=_relative(target),
        zip_file=_relative(zip_target) if batch.with_zip else "", signed_by_name=signed_by, error=note,
    )
    return PrintBatch.objects.values_list("state", flat=True).get(pk=batch_id)
