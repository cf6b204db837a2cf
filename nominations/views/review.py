"""The Board's pages: the queue (filters, bulk actions, export) and the moves on one dossier."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from config.pagination import LargeTablePaginator

from .. import services
from ..filters import QueueFilter
from ..forms import ForwardForm, ReasonForm, ReturnForm
from ..models import Nominee
from ..queries import nominees_visible_to, with_earlier_refusal, with_public_comment_count
from ..services.exports import queue_csv, queue_xlsx
from ..services.review import bulk_preview
from ..tables import QueueTable
from .common import get_dossier, get_nominee, posted_comment, require_perm, run_move

PER_PAGE = 50
BULK_ACTIONS = {
    "accept": gettext_lazy("Accept for council"),
    "return": gettext_lazy("Return for revision"),
    "reject": gettext_lazy("Reject"),
}


def _queue_filter(request):
    return QueueFilter(request.GET or None, queryset=nominees_visible_to(request.user))


def _shown_rows(queryset):
    """What a row of the queue shows besides the nominee: its dossier, unit, campaign, earlier refusals and
    the count of the public's comments."""
    return with_public_comment_count(with_earlier_refusal(
        queryset.select_related("dossier__unit__parent", "dossier__campaign")))


@login_required
def queue(request):
    require_perm(request, "nominations.view_queue")
    filterset = _queue_filter(request)
    by_dossier = QueueTable.sorts_by_dossier(request.GET.get("sort"))
    table = QueueTable(filterset.joined_qs if by_dossier else filterset.qs)
    RequestConfig(request, paginate={
        "per_page": PER_PAGE, "paginator_class": LargeTablePaginator, "estimate": filterset.joined_qs,
        "rows": lambda keys: _shown_rows(Nominee.objects.filter(pk__in=keys)),
    }).configure(table)
    return render(request, "nominations/queue.html", {
        "filter": filterset, "table": table, "actions": BULK_ACTIONS, "query": request.GET.urlencode(),
    })


@login_required
def queue_export(request, fmt):
    require_perm(request, "nominations.view_queue")
    if fmt not in ("xlsx", "csv"):
        raise Http404
    qs = _shown_rows(_queue_filter(request).qs)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        response = HttpResponse(queue_xlsx(qs), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        response = HttpResponse(queue_csv(qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="queue-{stamp}.{fmt}"'
    return response


def _apply(action, nominee, user, text, posting=(None, None)):
    if action == "accept":
        services.accept_nominee(nominee, user, text, *posting)
    else:
        services.reject_nominee(nominee, user, text or _("Refused by the Board."))


@login_required
@require_POST
def queue_bulk(request):
    """Step 1 shows the exact selection, each row with what will happen to it ("will apply" or the reason it
    will be refused, by the moves' own checks, nothing written) and, for an acceptance, the public-posting
    window of the dossiers it sends on to the council; step 2 (confirm) applies row by row and reports."""
    require_perm(request, "nominations.view_queue")
    action = request.POST.get("action")
    if action not in BULK_ACTIONS:
        return redirect("nominations:queue")
    ids = [int(v) for v in request.POST.getlist("pk") if v.isdigit()][:500]
    selection = list(nominees_visible_to(request.user).filter(pk__in=ids)
                     .select_related("dossier__unit__parent", "dossier__campaign", "award")
                     .order_by("subject_name", "pk"))
    text = posted_comment(request)
    if text is None:
        return redirect("nominations:queue")
    posting_form = ForwardForm(request.POST) if action == "accept" else None
    posting_ok = posting_form is None or posting_form.is_valid()
    posting = (posting_form.cleaned_data["posting_from"], posting_form.cleaned_data["posting_until"]) \
        if posting_form is not None and posting_ok else (None, None)
    if request.POST.get("confirm") != "1" or not selection or not posting_ok:
        preview = bulk_preview(action, selection, request.user)
        rows = [{"nominee": n, "ok": preview[n.pk][0], "message": preview[n.pk][1]} for n in selection]
        return render(request, "nominations/queue_confirm.html", {
            "action": action, "action_label": BULK_ACTIONS[action], "selection": selection, "comment": text,
            "rows": rows, "applicable": sum(1 for r in rows if r["ok"]), "posting_form": posting_form,
        })
    report = []
    if action == "return":  # one return per dossier, carrying the comment for each selected nominee
        by_dossier = {}
        for nominee in selection:
            by_dossier.setdefault(nominee.dossier_id, []).append(nominee)
        for group in by_dossier.values():
            comments = {n.pk: text or _("Please revise.") for n in group}
            try:
                services.return_for_revision(group[0].dossier, request.user, "", comments)
                outcome = (True, _("Done."))
            except services.MoveRefused as exc:
                outcome = (False, exc.message)
            report += [{"nominee": n, "ok": outcome[0], "message": outcome[1]} for n in group]
    else:
        for nominee in selection:
            try:
                _apply(action, nominee, request.user, text, posting)
                report.append({"nominee": nominee, "ok": True, "message": _("Done.")})
            except services.MoveRefused as exc:
                report.append({"nominee": nominee, "ok": False, "message": exc.message})
    return render(request, "nominations/queue_report.html", {"action_label": BULK_ACTIONS[action],
                                                             "report": report})


@login_required
@require_POST
def dossier_receive(request, pk):
    dossier = get_dossier(request, pk)
    run_move(request, services.start_review, dossier, request.user, success=_("Dossier received for review."))
    return redirect("nominations:dossier_detail", dossier.pk)


@login_required
def dossier_return(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.review_dossier", dossier)
    nominees = list(dossier.nominees.exclude(state="rejected"))
    form = ReturnForm(request.POST or None, nominees=nominees)
    if request.method == "POST" and form.is_valid():
        _r, ok = run_move(request, services.return_for_revision, dossier, request.user,
                          form.cleaned_data["comment"], form.nominee_comments(),
                          success=_("Dossier returned to the unit."))
        if ok:
            return redirect("nominations:dossier_detail", dossier.pk)
    return render(request, "nominations/dossier_return.html", {"form": form, "dossier": dossier})


@login_required
def dossier_forward(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.review_dossier", dossier)
    form = ForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _r, ok = run_move(request, services.forward_to_council, dossier, request.user, data["comment"],
                          data["posting_from"], data["posting_until"], success=_("Dossier forwarded to the council."))
        if ok:
            return redirect("nominations:dossier_detail", dossier.pk)
    return render(request, "nominations/dossier_forward.html", {"form": form, "dossier": dossier})


@login_required
@require_POST
def nominee_accept(request, pk):
    nominee = get_nominee(request, pk)
    run_move(request, services.accept_nominee, nominee, request.user, success=_("Nominee accepted for council."))
    return redirect("nominations:dossier_detail", nominee.dossier_id)


@login_required
@require_POST
def nominee_approve(request, pk):
    nominee = get_nominee(request, pk)
    run_move(request, services.approve_nominee, nominee, request.user, success=_("Nominee approved."))
    return redirect("nominations:dossier_detail", nominee.dossier_id)


@login_required
def nominee_reject(request, pk):
    nominee = get_nominee(request, pk)
    require_perm(request, "nominations.approve_nominee")  # the Board or the chair; the service checks the state
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _r, ok = run_move(request, services.reject_nominee, nominee, request.user, form.cleaned_data["reason"],
                          success=_("Nominee rejected; the unit is notified."))
        if ok:
            return redirect("nominations:dossier_detail", nominee.dossier_id)
    return render(request, "nominations/nominee_reject.html", {"form": form, "nominee": nominee})
