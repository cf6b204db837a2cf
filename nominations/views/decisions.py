"""Award decisions: drafting from approved nominees, the annex, DOCX/PDF for signing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awards.models import AwardType
from certificates.models import Certificate
from signing.pdf import verify_stored
from signing.signers import current_source

from .. import services
from ..enums import NomineeState
from ..forms import DecisionForm
from ..models import Campaign, Decision, Nominee
from ..services.decision_pdf import decision_pdf
from ..services.documents import decision_docx, money
from .common import confirm_page, require_perm, run_move


@login_required
def decision_list(request):
    require_perm(request, "nominations.view_decisions")
    qs = Decision.objects.select_related("campaign").order_by("-year", "-sequence")
    campaigns = Campaign.objects.all()[:50]
    # What is ready for a decision: approved nominees not yet decided, by campaign and award.
    ready = list(Nominee.objects.filter(state=NomineeState.APPROVED)
                 .values("campaign_id", "campaign__title", "award_id")
                 .annotate(count=Count("pk")).order_by("-campaign__year", "campaign__title", "award_id"))
    awards = AwardType.objects.in_bulk({row["award_id"] for row in ready})
    by_campaign = {}
    for row in ready:
        row["award"] = awards[row["award_id"]]
        entry = by_campaign.setdefault(row["campaign_id"], {"pk": row["campaign_id"], "title": row["campaign__title"],
                                                             "awards": [], "count": 0})
        entry["awards"].append(row)
        entry["count"] += row["count"]
    return render(request, "nominations/decision_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "campaigns": campaigns,
        "can_decide": request.user.has_perm("nominations.decide"), "ready": list(by_campaign.values()),
    })


@login_required
def decision_create(request, campaign_pk):
    require_perm(request, "nominations.decide")
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    approved = list(Nominee.objects.filter(campaign=campaign, state=NomineeState.APPROVED)
                    .select_related("award", "dossier__unit__parent").order_by("award_id", "subject_name"))
    initial = {"decided_on": timezone.localdate(),
               "issuer": campaign.decision_issuer, "signer_title": _("Chair of the provincial People's Committee"),
               "issuer_line": services.default_issuer_line(), "place": settings.LAUREL_PROVINCE_NAME}
    form = DecisionForm(request.POST or None, initial=initial)
    chosen = [int(v) for v in request.POST.getlist("nominee") if v.isdigit()]
    if request.method == "POST" and form.is_valid():
        # The first POST shows what will be issued (the number the register will give, the annex, the
        # total); the decision is issued only by the POST of that confirmation (confirm=1).
        confirm = request.POST.get("confirm") == "1"
        try:
            if not confirm:
                preview = services.preview_decision(campaign, request.user, chosen, **form.cleaned_data)
            else:
                decision = services.decide(campaign, request.user, chosen, **form.cleaned_data)
        except services.MoveRefused as exc:  # shown on the form, next to the field it concerns
            form.add_error(getattr(exc, "field", None), exc.message)
        else:
            if not confirm:
                return render(request, "nominations/decision_confirm.html", {
                    "form": form, "campaign": campaign, "preview": preview, "chosen": chosen})
            messages.success(request, _("Decision issued."))
            return redirect("nominations:decision_detail", decision.pk)
    return render(request, "nominations/decision_form.html", {"form": form, "campaign": campaign,
                                                              "approved": approved,
                                                              "chosen": set(chosen) if request.method == "POST"
                                                              else {n.pk for n in approved}})


def _decision(request, pk):
    require_perm(request, "nominations.view_decisions")
    decision = get_object_or_404(Decision.objects.select_related("campaign"), pk=pk)
    return decision, list(decision.lines.select_related("award", "nominee"))


@login_required
def decision_detail(request, pk):
    decision, lines = _decision(request, pk)
    # Numbers restart every year: the same number in another year is another decision.
    certificates = (Certificate.objects.filter(decision_number=decision.number, decided_on__year=decision.year)
                    .select_related("honour"))
    # Keyed by subject and award; ordered by edition so that a duplicate replaces the one it supersedes.
    by_subject = {(c.honour.person_id, c.honour.unit_id, c.honour.award_id): c
                  for c in certificates.order_by("edition")}
    rows = [(line, by_subject.get((line.nominee.person_id, line.nominee.unit_id, line.award_id))) for line in lines]
    return render(request, "nominations/decision_detail.html", {
        "decision": decision, "rows": rows,
        "can_publish": request.user.has_perm("nominations.decide"),
        "can_print": request.user.has_perm("certificates.print"),
        "can_sign": request.user.has_perm("nominations.sign_decision", decision),
        "signature": verify_stored(decision.signed_pdf),
    })


@login_required
@require_http_methods(["GET", "POST"])
def decision_sign(request, pk):
    """GET: what will be signed, by which certificate; POST: sign the decision's PDF."""
    require_perm(request, "nominations.sign_decision")
    decision = get_object_or_404(Decision.objects.select_related("signed_by"), pk=pk)
    if request.method == "GET":
        source = current_source()
        blockers = [] if source else [_("No signing certificate is configured (README: “Plugging in the "
                                        "province's signing certificate”).")]
        items = [_("Decision %(number)s of %(date)s, %(count)s awardees, total %(total)s VND")
                 % {"number": decision.number, "date": f"{decision.decided_on:%d/%m/%Y}",
                    "count": decision.lines.count(), "total": money(decision.total_amount)}]
        if source is not None and source.is_demo:
            items.append(_("Signer: the DEMO signer, not valid for a real decision."))
        warning = ""
        if decision.signed_at:
            warning = _("This decision is already signed.")
        return confirm_page(
            request, title=_("Sign decision %(number)s?") % {"number": decision.number},
            lead=_("The decision's PDF is signed digitally with the province's signing certificate. "
                   "The signed PDF becomes the decision's copy for download; a signature cannot be undone."),
            items=items, blockers=blockers, blockers_title=_("The decision cannot be signed yet"), warning=warning,
            button_label=_("Sign"), cancel_url=reverse("nominations:decision_detail", args=[decision.pk]))
    run_move(request, services.sign_decision, decision, request.user, success=_("The decision has been signed."))
    return redirect("nominations:decision_detail", decision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_publish(request, pk):
    """GET: who will appear in the public registry; POST: publish."""
    require_perm(request, "nominations.decide")
    decision = get_object_or_404(Decision, pk=pk)
    if request.method == "GET":
        lines = list(decision.lines.select_related("award"))
        return confirm_page(
            request, title=_("Publish decision %(number)s?") % {"number": decision.number},
            lead=_("The %(count)s awardees of the decision are shown to everyone in the public registry.")
            % {"count": len(lines)},
            items=[f"{line.subject_name} – {line.unit_name} – {line.award.name}" for line in lines],
            warning=_("This decision is already published.") if decision.published_at else "",
            button_label=_("Publish"), cancel_url=reverse("nominations:decision_detail", args=[decision.pk]))
    run_move(request, services.publish, decision, request.user,
             success=_("The decision's awardees are now in the public registry."))
    return redirect("nominations:decision_detail", decision.pk)


@login_required
def decision_download(request, pk, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    decision, lines = _decision(request, pk)
    safe = decision.number.replace("/", "-")
    if fmt == "pdf" and decision.signed_pdf:  # once signed, the signed file is the decision
        try:
            handle = decision.signed_pdf.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, content_type="application/pdf",
                            filename=f"decision-{safe}-{decision.year}-signed.pdf")
    if fmt == "pdf":
        response = HttpResponse(decision_pdf(decision, lines), content_type="application/pdf")
    else:
        response = HttpResponse(decision_docx(decision, lines), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    # Numbers restart every year: the year keeps 1/QĐ-UBND of two years apart in a downloads folder.
    response["Content-Disposition"] = f'attachment; filename="decision-{safe}-{decision.year}.{fmt}"'
    return response
