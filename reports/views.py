"""Dashboard, charts and reports: parse the request, call reports.dashboard / reports.sections, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override

from . import charts, dashboard
from .exports import workbook_bytes
from .forms import DashboardForm, ReportFilterForm
from .pdf import report_pdf
from .sections import build_report

SVG_CSP = {"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE], "img-src": [CSP.NONE]}


def _dashboard_params(request):
    form = DashboardForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    campaign = dashboard.pick_campaign(data.get("campaign"))
    return form, campaign, data.get("year")


@login_required
def dashboard_view(request):
    user = request.user
    form, campaign, year = _dashboard_params(request)
    context = {
        "form": form, "campaign": campaign, "year": year,
        "campaigns": dashboard.campaign_choices(),
        "board": user.is_province_wide,
        "charts": [
            {"name": name, "data": dashboard.chart_data(name, user, year=year, campaign=campaign)}
            for name in dashboard.CHART_NAMES
        ],
        "query": request.GET.urlencode(),
    }
    if context["board"]:
        context["states"] = dashboard.state_counts(user, campaign)
        context["overdue"], context["overdue_total"] = dashboard.overdue(user, campaign)
        context["progress"] = dashboard.campaign_progress(user, campaign)
    else:
        context["my_dossiers"] = dashboard.officer_dossiers(user)
        context["open_campaigns"] = dashboard.open_campaigns()
    return render(request, "reports/dashboard.html", context)


@login_required
@csp_override(SVG_CSP)
def chart_svg(request, name):
    if name not in dashboard.CHART_NAMES:
        raise Http404
    _form, campaign, year = _dashboard_params(request)
    data = dashboard.chart_data(name, request.user, year=year, campaign=campaign)
    response = HttpResponse(charts.render(data, charts.KINDS[name]), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response


def _report(request):
    if not request.user.has_perm("reports.view_reports"):
        raise PermissionDenied
    form = ReportFilterForm(request.GET)
    return form, build_report(form.filters())


def _subtitle(form) -> str:
    filters = form.filters()
    years = f"{filters.year_from or '…'}–{filters.year_to or '…'}"
    return _("Years %(years)s; produced on %(date)s") % {
        "years": years, "date": f"{timezone.localdate():%d/%m/%Y}"}


@login_required
def report_view(request):
    form, sections = _report(request)
    return render(request, "reports/report.html", {
        "form": form, "sections": sections, "query": request.GET.urlencode(),
    })


@login_required
def report_xlsx(request):
    form, sections = _report(request)
    content = workbook_bytes(sections, _("Award statistics"))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="laurel-report-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@login_required
def report_pdf_view(request):
    form, sections = _report(request)
    content = report_pdf(sections, _("Award statistics"), _subtitle(form))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laurel-report-{timezone.localdate():%Y%m%d}.pdf"'
    return response
