"""python manage.py judge_campaign CAMPAIGN_ID [--wait] [--timeout SECONDS] [--chunk-size N] [--on YYYY-MM-DD]

Every person and unit judged for every award of a campaign, on the Celery workers (awards.judging). With
--wait the command follows the run and prints its counts per award and verdict when it is over."""

import datetime
import json
import time

from django.core.management.base import BaseCommand, CommandError

from ...judging import start_run
from ...models import EligibilityRun


class Command(BaseCommand):
    help = "Judge every person and unit for every award of a campaign on the Celery workers."

    def add_arguments(self, parser):
        parser.add_argument("campaign", type=int, help="The campaign's id.")
        parser.add_argument("--wait", action="store_true", help="Follow the run until it is over.")
        parser.add_argument("--timeout", type=float, default=3600, help="How long --wait waits, in seconds.")
        parser.add_argument("--chunk-size", type=int, help="Subjects per task (default: the setting).")
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="The evaluation date (default today).")

    def handle(self, *args, **opts):
        from nominations.models import Campaign

        campaign = Campaign.objects.filter(pk=opts["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign with id {opts['campaign']}.")
        if opts["chunk_size"] is not None and opts["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1.")
        run = start_run(campaign, by=None, on=opts["on"], chunk_size=opts["chunk_size"])
        self.stdout.write(f"run {run.pk}: {'already under way' if run.reused else 'queued'}")
        if not opts["wait"]:
            return
        deadline = time.monotonic() + opts["timeout"]
        while True:
            run = EligibilityRun.objects.get(pk=run.pk)
            if run.is_over:
                break
            if time.monotonic() > deadline:
                raise CommandError(f"Run {run.pk} is not over after {opts['timeout']:.0f} s "
                                   f"({run.done_chunks}/{run.total_chunks} chunks).")
            time.sleep(0.5)
        seconds = (run.finished_at - run.started_at).total_seconds() if run.started_at else 0.0
        self.stdout.write(json.dumps({"run": run.pk, "state": run.state, "subjects": run.subjects,
                                      "chunks": run.total_chunks, "failed_chunks": run.failed_chunks,
                                      "seconds": round(seconds, 3), "counts": run.counts}, ensure_ascii=False))
        if run.state != "done":
            raise CommandError(run.error or f"Run {run.pk} failed.")
