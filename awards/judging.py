"""Campaign-wide eligibility runs: every person and unit of the registry judged for every award of a campaign,
in chunks on the Celery workers, so that more workers (on more machines) finish sooner.

    run = start_run(campaign, by=user)       # queued; after commit the coordinator task plans and dispatches
    plan_run(run.pk)                         # (task) chunks of ids, one chunk task each
    run_chunk(run.pk, index)                 # (task) judge one chunk, replace its verdicts, count it
    finish_run(run.pk)                       # when the last chunk is in: the counts per award and verdict

A chunk is the persons (or the units) whose ids lie in one range, fixed when the run is planned, so the
chunks cover every subject exactly once. A chunk's verdicts are replaced as a whole in one transaction
with the chunk's state and the run's counters, under a lock on the chunk: a retried or redelivered chunk
never loses or repeats a verdict, and a chunk found done is not done again.
"""

import time
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Person, Unit

from .campaign_rules import CampaignRules, collector_paused
from .eligibility.messages import message_cache
from .eligibility.records import SubjectRef
from .eligibility.verdict import COLLECTIVE, PERSON
from .enums import OPEN_RUN_STATES, RunState
from .models import EligibilityChunk, EligibilityResult, EligibilityRun

RESULT_COLUMNS = ("run_id", "chunk", "subject_kind", "subject_id", "subject_code", "subject_name", "unit_id",
                  "award", "verdict", "reasons")
SUBJECT_MODELS = {PERSON: Person, COLLECTIVE: Unit}
PERSON_FIELDS = ("id", "code", "full_name", "unit_id")  # what SubjectRef reads


class InjectedFault(RuntimeError):
    """A failure asked for by settings.LAUREL_ELIGIBILITY_FAIL_ONCE (tests and drills only)."""


def campaign_awards(campaign, rules: CampaignRules) -> list:
    """The awards a run judges: the campaign's own, else every active award its kind allows; highest first."""
    codes = set(campaign.award_types.values_list("code", flat=True))
    awards = [a for a in rules.catalogue.awards.values()
              if (a.code in codes if codes else a.is_active and a.allows_campaign_kind(campaign.kind))]
    return sorted(awards, key=lambda a: (-a.rank, a.code))


def open_run(campaign) -> EligibilityRun | None:
    return campaign.eligibility_runs.filter(state__in=OPEN_RUN_STATES).first()


def start_run(campaign, *, by, on=None, chunk_size: int | None = None) -> EligibilityRun:
    """Queue a run of the campaign (audited). While one is queued or running, that one is returned (with
    `reused` set) instead of a second."""
    from django.contrib.admin.models import ADDITION, LogEntry

    if by is not None and not by.has_perm("awards.judge_campaign"):
        raise PermissionDenied
    from nominations.models import Campaign

    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one start at a time per campaign
        existing = open_run(campaign)
        if existing is not None:
            existing.reused = True
            return existing
        rules = CampaignRules.for_campaign(campaign, on=on)
        run = EligibilityRun.objects.create(
            campaign=campaign, requested_by=by, on=rules.on,
            awards=[a.code for a in campaign_awards(campaign, rules)],
            chunk_size=chunk_size or settings.LAUREL_ELIGIBILITY_CHUNK_SIZE,
        )
        if by is not None:
            LogEntry.objects.log_actions(
                by.pk, [run], ADDITION, single_object=True,
                change_message=_("Every person and unit judged for %(awards)s in “%(campaign)s” (run %(run)s).")
                % {"awards": ", ".join(run.awards) or "—", "campaign": campaign, "run": run.pk})
        transaction.on_commit(lambda: queue_run(run.pk))
    run.reused = False
    return run


def queue_run(run_id: int) -> bool:
    """Queue the coordinator; when the broker cannot be reached the run is marked failed with the reason."""
    from .tasks import plan_eligibility_run

    try:
        plan_eligibility_run.delay(run_id)
    except Exception as exc:  # kombu's OperationalError and friends: the broker is unreachable
        EligibilityRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
            state=RunState.FAILED, finished_at=timezone.now(),
            error=_("The run could not be queued (%(error)s). Please start it again.") % {"error": exc})
        return False
    return True


def awards_for(run: EligibilityRun, kind: str, rules: CampaignRules) -> list[str]:
    awards = [rules.catalogue.awards[code] for code in run.awards if code in rules.catalogue.awards]
    return [a.code for a in awards if (a.for_persons if kind == PERSON else a.for_collectives)]


def chunk_ranges(ids: list[int], size: int) -> list[tuple[int, int, int]]:
    """(first id, last id, count) of consecutive slices of sorted ids: disjoint, covering every id once."""
    return [(ids[start], ids[min(start + size, len(ids)) - 1], min(size, len(ids) - start))
            for start in range(0, len(ids), size)]


def plan_run(run_id: int) -> list[int]:
    """Split the subjects into chunks (once) and return the indexes of the chunks still to judge."""
    with transaction.atomic():
        run = EligibilityRun.objects.select_for_update().select_related("campaign").filter(pk=run_id).first()
        if run is None or run.state not in OPEN_RUN_STATES:
            return []
        if run.state == RunState.QUEUED:
            rules = CampaignRules.for_campaign(run.campaign, on=run.on)
            chunks, subjects = [], 0
            for kind, model in SUBJECT_MODELS.items():
                if not awards_for(run, kind, rules):
                    continue
                ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
                subjects += len(ids)
                for first, last, count in chunk_ranges(ids, run.chunk_size):
                    chunks.append(EligibilityChunk(run=run, index=len(chunks), subject_kind=kind, first_id=first,
                                                   last_id=last, subjects=count))
            EligibilityChunk.objects.bulk_create(chunks, batch_size=2000)
            run.state, run.started_at = RunState.RUNNING, timezone.now()
            run.total_chunks, run.subjects = len(chunks), subjects
            run.save(update_fields=["state", "started_at", "total_chunks", "subjects"])
    # Dispatched again when the coordinator itself is redelivered: a chunk found done is skipped.
    return list(run.chunks.filter(state__in=OPEN_RUN_STATES).values_list("index", flat=True))


# One run's rules and province-wide ranks per worker process, loaded by its first chunk there. Keyed by the
# run's id and creation time: SQLite may give a deleted run's id to a new one.
_loaded: dict[tuple, CampaignRules] = {}


def rules_for(run: EligibilityRun) -> CampaignRules:
    key = (run.pk, run.created_at)
    rules = _loaded.get(key)
    if rules is None:
        _loaded.clear()
        rules = _loaded[key] = CampaignRules.for_campaign(run.campaign, on=run.on)
        rules.provincewide()
    return rules


def _fault(index: int, attempt: int, stage: str) -> None:
    """settings.LAUREL_ELIGIBILITY_FAIL_ONCE: "INDEX:STAGE,…" makes that chunk's first attempt fail at that
    stage — "write" (its verdicts written, not committed) or "commit" (committed, not yet acknowledged);
    "INDEX:write:always" makes every attempt fail."""
    drills = settings.LAUREL_ELIGIBILITY_FAIL_ONCE
    if (attempt == 1 and f"{index}:{stage}" in drills) or f"{index}:{stage}:always" in drills:
        raise InjectedFault(f"chunk {index}: injected failure at {stage}")


def judge_chunk(run: EligibilityRun, chunk: EligibilityChunk) -> list[tuple]:
    """The result rows of one chunk, in subject id order then the run's award order."""
    model = SUBJECT_MODELS[chunk.subject_kind]
    subjects = model.objects.filter(pk__gte=chunk.first_id, pk__lte=chunk.last_id).order_by("pk")
    if model is Person:
        subjects = subjects.only(*PERSON_FIELDS)
    rows = []
    with collector_paused(), message_cache():
        rules = rules_for(run)
        awards = awards_for(run, chunk.subject_kind, rules)
        subjects = list(subjects)
        engine = rules.engine(subjects, rules.provincewide())
        for subject in subjects:
            ref = SubjectRef.of(subject)
            for code in awards:
                verdict, reasons = engine.summary(ref, code)
                rows.append((run.pk, chunk.index, ref.kind, ref.id, ref.code, ref.name[:255], ref.unit_id, code,
                             verdict, ",".join(reasons)[:500]))
    return rows


def write_results(rows: list[tuple]) -> None:
    """Insert result rows: COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        table = EligibilityResult._meta.db_table
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({', '.join(RESULT_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    EligibilityResult.objects.bulk_create((EligibilityResult(**dict(zip(RESULT_COLUMNS, row, strict=True)))
                                           for row in rows), batch_size=2000)


def run_chunk(run_id: int, index: int) -> str:
    """Judge one chunk and replace its verdicts; "done", or "skipped" when it was already done (a redelivered
    task) or its run is over."""
    chunk = EligibilityChunk.objects.select_related("run__campaign").filter(run_id=run_id, index=index).first()
    if chunk is None or chunk.state == RunState.DONE or chunk.run.state != RunState.RUNNING:
        finish_if_complete(run_id)
        return "skipped"
    EligibilityChunk.objects.filter(pk=chunk.pk).update(attempts=F("attempts") + 1, state=RunState.RUNNING)
    attempt = chunk.attempts + 1
    started = time.perf_counter()
    rows = judge_chunk(chunk.run, chunk)
    with transaction.atomic():
        locked = EligibilityChunk.objects.select_for_update().get(pk=chunk.pk)
        if locked.state == RunState.DONE:  # another delivery of this chunk committed first
            return "skipped"
        EligibilityResult.objects.filter(run_id=run_id, chunk=index).delete()
        write_results(rows)
        _fault(index, attempt, "write")
        EligibilityChunk.objects.filter(pk=chunk.pk).update(
            state=RunState.DONE, verdicts=len(rows), seconds=round(time.perf_counter() - started, 3),
            finished_at=timezone.now(), error="")
        EligibilityRun.objects.filter(pk=run_id).update(done_chunks=F("done_chunks") + 1,
                                                        done_subjects=F("done_subjects") + chunk.subjects)
    _fault(index, attempt, "commit")
    finish_if_complete(run_id)
    return "done"


def fail_chunk(run_id: int, index: int, error: str) -> None:
    """A chunk that failed its last attempt: counted once as failed, reported on the run's page."""
    with transaction.atomic():
        changed = EligibilityChunk.objects.filter(run_id=run_id, index=index, state__in=OPEN_RUN_STATES).update(
            state=RunState.FAILED, error=error[:2000], finished_at=timezone.now())
        if changed:
            EligibilityRun.objects.filter(pk=run_id).update(failed_chunks=F("failed_chunks") + 1)
    finish_if_complete(run_id)


def verdict_counts(run_id: int) -> dict:
    """{award: {verdict: n}} from the stored verdicts."""
    counts: dict = defaultdict(dict)
    for award, verdict, n in (EligibilityResult.objects.filter(run_id=run_id).values_list("award", "verdict")
                              .annotate(n=Count("id")).order_by()):
        counts[award][verdict] = n
    return dict(counts)


def finish_if_complete(run_id: int) -> bool:
    """Write the report once every chunk is in (done or failed). Safe to call twice."""
    run = EligibilityRun.objects.filter(pk=run_id, state=RunState.RUNNING).first()
    if run is None or run.done_chunks + run.failed_chunks < run.total_chunks:
        return False
    failed = list(run.chunks.filter(state=RunState.FAILED).values_list("index", flat=True))
    error = _("%(n)s chunks failed (%(which)s); their subjects have no verdict.") % {
        "n": len(failed), "which": ", ".join(map(str, failed))} if failed else ""
    return bool(EligibilityRun.objects.filter(pk=run_id, state=RunState.RUNNING).update(
        state=RunState.FAILED if failed else RunState.DONE, counts=verdict_counts(run_id),
        finished_at=timezone.now(), error=error))
