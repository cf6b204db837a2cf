"""Celery tasks of a campaign-wide eligibility run (awards.judging): thin, named, take ids, idempotent."""

import logging

from celery import shared_task

from . import judging

CHUNK_RETRIES = 3
logger = logging.getLogger(__name__)


@shared_task(name="awards.tasks.plan_eligibility_run", acks_late=True, reject_on_worker_lost=True)
def plan_eligibility_run(run_id: int) -> int:
    """The coordinator: split the subjects into chunks and queue one task per chunk still to judge."""
    indexes = judging.plan_run(run_id)
    for index in indexes:
        judge_eligibility_chunk.delay(run_id, index)
    judging.finish_if_complete(run_id)  # a campaign with nobody to judge is done at once
    return len(indexes)


@shared_task(bind=True, name="awards.tasks.judge_eligibility_chunk", acks_late=True, reject_on_worker_lost=True,
             max_retries=CHUNK_RETRIES)
def judge_eligibility_chunk(self, run_id: int, index: int) -> str:
    """Judge one chunk. A failure is retried (its verdicts are replaced, never doubled); after the last retry
    the chunk is reported as failed on the run. A worker lost mid-chunk has the message delivered again."""
    retries = self.request.retries
    while True:
        try:
            return judging.run_chunk(run_id, index)
        except Exception as exc:
            if retries >= self.max_retries:
                # Recorded on the run (its report lists the chunk); the other chunks go on.
                logger.exception("eligibility chunk %s of run %s failed for good", index, run_id)
                judging.fail_chunk(run_id, index, f"{type(exc).__name__}: {exc}")
                return "failed"
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=min(2 ** retries, 30)) from exc
            retries += 1  # run eagerly (tests, no broker): Celery cannot retry there, so try again in place
