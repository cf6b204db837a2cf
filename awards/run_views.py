"""Campaign-wide eligibility runs: the campaigns with their runs, "Judge everyone" (a confirmation page, then
POST), a run's page with a polled progress bar and its report, the status JSON and the eligible list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nominations.models import Campaign

from . import judging, run_reports
from .campaign_rules import CampaignRules
from .eligibility.verdict import ELIGIBLE
from .models import EligibilityRun

XLSX_MAX_ROWS = 200_000  # above this a workbook takes minutes to build: the CSV is offered instead


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied


@login_required
def campaign_runs(request):
    _require(request.user, "awards.view_eligibility_runs")
    campaigns = list(Campaign.objects.prefetch_related("award_types")[:50])
    runs = EligibilityRun.objects.select_related("campaign", "requested_by")[:50]
    return render(request, "awards/campaign_runs.html", {"campaigns": campaigns, "runs": runs})


@login_required
def run_start(request, campaign_pk):
    """GET says what will be judged; POST queues the run (or shows the one already under way)."""
    _require(request.user, "awards.judge_campaign")
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    if request.method == "POST":
        run = judging.start_run(campaign, by=request.user)
        if run.reused:
            messages.info(request, _("This campaign is already being judged (started by %(who)s); no second run "
                                     "was made.") % {"who": run.requested_by or "—"})
        else:
            messages.success(request, _("Everyone is being judged on the workers."))
        return redirect(run)
    awards = judging.campaign_awards(campaign, CampaignRules.for_campaign(campaign))
    return render(request, "awards/run_start.html", {"campaign": campaign, "awards": awards,
                                                     "open_run": judging.open_run(campaign)})


def _visible_run(request, pk) -> EligibilityRun:
    _require(request.user, "awards.view_eligibility_runs")
    return get_object_or_404(EligibilityRun.objects.select_related("campaign", "requested_by"), pk=pk)


@login_required
def run_detail(request, pk):
    run = _visible_run(request, pk)
    failed = run.chunks.filter(state="failed").order_by("index") if run.failed_chunks else []
    return render(request, "awards/run_detail.html", {
        "run": run, "rows": run_reports.count_rows(run), "headers": run_reports.verdict_headers(),
        "failed": failed, "xlsx_max": XLSX_MAX_ROWS})


@login_required
def run_status(request, pk):
    run = _visible_run(request, pk)
    return JsonResponse({
        "state": run.state, "state_label": run.get_state_display(), "done": run.done_subjects,
        "total": run.subjects, "chunks_done": run.done_chunks, "chunks_failed": run.failed_chunks,
        "chunks": run.total_chunks, "percent": run.percent, "error": run.error,
        "report_url": reverse("awards:run_detail", args=[pk]) if run.is_over else "",
    })


@login_required
def run_export(request, pk, fmt):
    run = _visible_run(request, pk)
    if fmt not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    name = f"eligible-{run.campaign.year}-run{run.pk}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(run_reports.eligible_csv(run), content_type="text/csv; charset=utf-8")
    else:
        if run.results.filter(verdict=ELIGIBLE).count() > XLSX_MAX_ROWS:
            messages.error(request, _("Too many rows for a workbook: download the CSV."))
            return redirect(run)
        response = HttpResponse(run_reports.eligible_xlsx(run), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
