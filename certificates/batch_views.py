"""Print batches: the clerk's form and list, a detail page with a polled progress bar, cancel, downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import batches
from .forms import BatchForm
from .rules import batches_visible_to


def _require_printer(user):
    if not user.has_perm("certificates.print"):
        raise PermissionDenied


@login_required
def batch_list(request):
    _require_printer(request.user)
    # A decision page links here with ?decision_number=…&year=… so that the clerk starts from that decision
    # (numbers restart every year, so the registry year tells two decisions with one number apart).
    year = request.GET.get("year", "")
    form = BatchForm(request.POST or None, initial={"decision_number": request.GET.get("decision_number", ""),
                                                    "year": int(year) if year.isdigit() else None})
    if request.method == "POST" and form.is_valid():
        batch = batches.create_batch(
            by=request.user, title=form.default_title(), certificates=form.certificates(),
            mode=form.cleaned_data["mode"], printer=form.cleaned_data["printer"],
            with_zip=form.cleaned_data["with_zip"],
        )
        if batch.reused:
            messages.info(request, _("These certificates are already in a batch (“%(state)s”, started by %(who)s); "
                                     "no second batch was made.")
                          % {"state": batch.get_state_display(), "who": batch.created_by or "—"})
        else:
            messages.success(request, _("The batch is queued."))
        return redirect(batch)
    recent = batches_visible_to(request.user).select_related("created_by")[:50]
    return render(request, "certificates/batch_list.html", {"form": form, "batches": recent})


@login_required
def batch_detail(request, pk):
    _require_printer(request.user)
    batch = get_object_or_404(batches_visible_to(request.user).select_related("created_by", "printer"), pk=pk)
    return render(request, "certificates/batch_detail.html", {"batch": batch})


@login_required
def batch_status(request, pk):
    _require_printer(request.user)
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    return JsonResponse({
        "state": batch.state, "state_label": batch.get_state_display(), "done": batch.done, "total": batch.total,
        "percent": batch.percent, "error": batch.error,
        "pdf_url": reverse("certificates:batch_download", args=[pk, "pdf"]) if batch.combined_pdf else "",
        "zip_url": reverse("certificates:batch_download", args=[pk, "zip"]) if batch.zip_file else "",
    })


@login_required
@require_POST
def batch_cancel(request, pk):
    _require_printer(request.user)
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    if batches.cancel_batch(batch):
        messages.success(request, _("The batch has been cancelled."))
    else:
        messages.info(request, _("This batch had already finished (%(state)s).") % {"state": batch.get_state_display()})
    return redirect(batch)


@login_required
def batch_download(request, pk, kind):
    if not request.user.has_perm("certificates.download"):
        raise PermissionDenied
    batch = get_object_or_404(batches_visible_to(request.user), pk=pk)
    field = {"pdf": batch.combined_pdf, "zip": batch.zip_file}.get(kind)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=f"batch-{batch.pk}.{kind}")
