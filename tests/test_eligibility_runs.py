"""Campaign-wide eligibility runs (awards.judging) with Celery eager: chunks cover every subject once, a
failing chunk is retried without losing or repeating a verdict, the verdicts equal the single-process
batch's, progress and the report. The same on real workers: tests/service/test_eligibility_workers.py."""

import json
from collections import Counter

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from accounts.roles import Role
from awards import judging
from awards.campaign_rules import CampaignRules
from awards.models import EligibilityResult, EligibilityRun
from units.models import Person, Unit

from .factories_nominations import CampaignFactory
from .test_eligibility_batch import YEAR, build

pytestmark = pytest.mark.django_db
AWARDS = ["LDTT", "CSTDCS", "BK_TINH", "TTLDTT", "TTLDXS"]


@pytest.fixture
def campaign():
    build(13, per_unit=4)  # 13 units, 52 people
    return CampaignFactory(year=YEAR, awards=AWARDS)


def single_process(campaign, run) -> dict:
    """{(kind, id, award): verdict} of the whole campaign judged in one batch, in this process."""
    rules = CampaignRules.for_campaign(campaign, on=run.on)
    people = [(p, code) for p in Person.objects.order_by("pk") for code in ("LDTT", "CSTDCS", "BK_TINH")]
    units = [(u, code) for u in Unit.objects.order_by("pk") for code in ("BK_TINH", "TTLDTT", "TTLDXS")]
    pairs = people + [pair for pair in units if rules.catalogue.awards[pair[1]].for_collectives]
    return {(v.subject_kind, v.subject.pk, v.award_code): v.verdict for v in rules.evaluate_many(pairs)}


def stored(run) -> dict:
    rows = list(EligibilityResult.objects.filter(run=run).values_list("subject_kind", "subject_id", "award",
                                                                     "verdict"))
    found = {(k, i, a): v for k, i, a, v in rows}
    assert len(found) == len(rows)  # never twice
    return found


def judge(campaign, django_capture_on_commit_callbacks, by=None, **kwargs) -> EligibilityRun:
    with django_capture_on_commit_callbacks(execute=True):
        run = judging.start_run(campaign, by=by, **kwargs)
    run.refresh_from_db()
    return run


def test_chunk_ranges_cover_every_id_exactly_once():
    ids = [1, 2, 5, 8, 9, 10, 40, 41, 42, 100]
    ranges = judging.chunk_ranges(ids, 3)
    assert ranges == [(1, 5, 3), (8, 10, 3), (40, 42, 3), (100, 100, 1)]
    covered = [i for first, last, _n in ranges for i in ids if first <= i <= last]
    assert covered == ids
    assert judging.chunk_ranges([], 3) == []


def test_a_campaign_is_judged_in_chunks_with_the_single_process_verdicts(campaign, reviewer,
                                                                         django_capture_on_commit_callbacks):
    run = judge(campaign, django_capture_on_commit_callbacks, by=reviewer, chunk_size=7)
    assert run.state == "done", run.error
    people, units = Person.objects.count(), Unit.objects.count()
    assert run.subjects == people + units == 65
    assert run.total_chunks == run.done_chunks == 8 + 2  # 52 people in 8 chunks of 7, 13 units in 2
    assert run.done_subjects == run.subjects and run.percent == 100 and run.failed_chunks == 0
    chunks = list(run.chunks.order_by("index"))
    for kind, model in (("person", Person), ("collective", Unit)):
        ranges = [(c.first_id, c.last_id) for c in chunks if c.subject_kind == kind]
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        assert sorted(i for first, last in ranges for i in ids if first <= i <= last) == ids
    expected = single_process(campaign, run)
    assert stored(run) == expected
    assert len(expected) == people * 3 + units * 3
    counts = Counter((award, verdict) for (_k, _i, award), verdict in expected.items())
    assert run.counts == {award: {v: n for (a, v), n in counts.items() if a == award} for award in run.awards}
    assert set(run.awards) == set(AWARDS)
    assert LogEntry.objects.filter(object_id=str(run.pk), user=reviewer).exists()


@override_settings(LAUREL_ELIGIBILITY_FAIL_ONCE=["1:write", "3:commit", "9:write"])
def test_a_failing_chunk_is_retried_and_never_loses_or_repeats_a_verdict(campaign,
                                                                        django_capture_on_commit_callbacks):
    run = judge(campaign, django_capture_on_commit_callbacks, chunk_size=7)
    assert run.state == "done", run.error
    attempts = dict(run.chunks.values_list("index", "attempts"))
    assert attempts[1] == attempts[9] == 2  # failed before commit: judged again
    assert attempts[3] == 1  # failed after commit: the retry found it done
    assert run.done_chunks == run.total_chunks and run.done_subjects == run.subjects
    assert stored(run) == single_process(campaign, run)


@override_settings(LAUREL_ELIGIBILITY_FAIL_ONCE=["2:write:always"])
def test_a_chunk_that_keeps_failing_is_reported_and_the_others_are_judged(campaign,
                                                                        django_capture_on_commit_callbacks):
    run = judge(campaign, django_capture_on_commit_callbacks, chunk_size=7)
    assert run.state == "failed" and run.failed_chunks == 1 and run.done_chunks == run.total_chunks - 1
    failed = run.chunks.get(index=2)
    assert failed.state == "failed" and failed.attempts == 4 and "injected failure" in failed.error
    assert "2" in run.error
    expected = single_process(campaign, run)
    missing = {key for key in expected if failed.first_id <= key[1] <= failed.last_id and key[0] == "person"}
    assert len(missing) == 7 * 3
    assert stored(run) == {k: v for k, v in expected.items() if k not in missing}
    assert sum(sum(c.values()) for c in run.counts.values()) == len(expected) - len(missing)
    judging.fail_chunk(run.pk, 2, "again")  # counted once
    run.refresh_from_db()
    assert run.failed_chunks == 1


def test_an_open_run_is_reused_and_an_empty_registry_finishes_at_once(reviewer, django_capture_on_commit_callbacks):
    campaign = CampaignFactory(year=YEAR, awards=["LDTT"])
    with django_capture_on_commit_callbacks(execute=False):
        first = judging.start_run(campaign, by=reviewer)
        again = judging.start_run(campaign, by=reviewer)
    assert again.reused and again.pk == first.pk
    judging.plan_run(first.pk)
    assert judging.finish_if_complete(first.pk)
    first.refresh_from_db()
    assert first.state == "done" and first.subjects == 0 and first.percent == 100


def test_an_officer_may_not_start_a_run(campaign, make_user):
    with pytest.raises(judging.PermissionDenied):
        judging.start_run(campaign, by=make_user(Role.UNIT_OFFICER))
    assert not EligibilityRun.objects.exists()


def test_the_board_judges_everyone_from_the_page(campaign, reviewer, client, django_capture_on_commit_callbacks):
    client.force_login(reviewer)
    assert client.get(reverse("awards:campaign_runs")).status_code == 200
    page = client.get(reverse("awards:run_start", args=[campaign.pk]))
    assert page.status_code == 200 and b"LDTT" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:run_start", args=[campaign.pk]))
    run = EligibilityRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    status = client.get(reverse("awards:run_status", args=[run.pk])).json()
    assert status["state"] == "done" and status["done"] == status["total"] == 65 and status["percent"] == 100
    detail = client.get(run.get_absolute_url())
    assert detail.status_code == 200 and b"run-counts" in detail.content
    eligible = set(EligibilityResult.objects.filter(run=run, verdict="eligible").values_list("subject_code", "award"))
    assert eligible  # the data give some eligible subjects
    body = b"".join(client.get(reverse("awards:run_export", args=[run.pk, "csv"])).streaming_content).decode()
    lines = body.lstrip("\ufeff").splitlines()
    assert len(lines) == len(eligible) + 1
    assert {(line.split(",")[2], line.split(",")[0]) for line in lines[1:]} == eligible
    xlsx = client.get(reverse("awards:run_export", args=[run.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_command_judges_a_campaign_and_waits(campaign, capsys):
    # committed for real, so that the run is queued (eagerly run) as soon as the command starts it
    call_command("judge_campaign", str(campaign.pk), "--wait", "--timeout", "60", "--chunk-size", "20")
    out = capsys.readouterr().out.strip().splitlines()
    report = json.loads(out[-1])
    run = EligibilityRun.objects.get()
    assert report["state"] == "done" and report["subjects"] == 65 and report["chunks"] == 3 + 1
    assert report["counts"] == run.counts and sum(sum(c.values()) for c in run.counts.values()) == 65 * 3
