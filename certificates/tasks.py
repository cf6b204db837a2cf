"""Celery tasks: thin, named, take ids, idempotent."""

from celery import shared_task

from . import batches


@shared_task(name="certificates.tasks.render_batch", acks_late=True)
def render_batch(batch_id: int) -> str:
    """Render a print batch (safe to rerun: numbers are kept, output is replaced atomically)."""
    return batches.run_batch(batch_id)
