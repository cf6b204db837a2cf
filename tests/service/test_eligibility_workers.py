"""A campaign judged for everyone on the real stack: chunks on a real Celery worker process (two pool
processes) on PostgreSQL and Redis. The worker runs with the eligibility drill of conftest.py (chunk 1 fails
once before its commit, chunk 3 once after): the verdicts equal the single-process batch's, none lost or
repeated, and progress is counted chunk by chunk."""

import pytest

from awards import judging
from awards.models import EligibilityRun
from tests.factories_nominations import CampaignFactory
from tests.test_eligibility_batch import YEAR, build
from tests.test_eligibility_runs import AWARDS, single_process, stored

from .conftest import wait_for

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_campaign_is_judged_on_the_workers_with_a_failing_chunk_retried(celery_worker_process, reviewer):
    build(30, per_unit=4)  # 30 units, 120 people
    campaign = CampaignFactory(year=YEAR, awards=AWARDS)
    run = judging.start_run(campaign, by=reviewer, chunk_size=10)
    seen = set()

    def over():
        row = EligibilityRun.objects.get(pk=run.pk)
        seen.add(row.done_subjects)
        return row if row.is_over else None

    row = wait_for(over, timeout=180, interval=0.05, what="the run to finish")
    assert row.state == "done", row.error
    assert row.total_chunks == row.done_chunks == 12 + 3 and row.subjects == row.done_subjects == 150
    attempts = dict(row.chunks.values_list("index", "attempts"))
    assert attempts[1] == 2 and attempts[3] == 1, attempts  # the drill: both retried, each counted once
    assert len(seen) > 2, seen  # progress was written as the chunks came in
    expected = single_process(campaign, row)
    assert stored(row) == expected and len(expected) == 150 * 3
    assert sum(sum(c.values()) for c in row.counts.values()) == 150 * 3
