"""Unit officers' pages: dossiers, nominees, attachments, submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import units_visible_to

from .. import eligibility, services
from ..enums import DossierState
from ..forms import AttachmentForm, BulkNomineeForm, DossierForm, NomineeEditForm, NomineeForm
from ..models import Attachment, Nominee, Transition
from ..queries import attachments_visible_to, dossiers_visible_to, earlier_refusals
from ..services.attachments import download_name
from ..services.bulk_add import bulk_add
from ..services.dossiers import DuplicateNominee
from .common import get_dossier, get_nominee, posted_comment, require_perm, run_move


@login_required
def dossier_list(request):
    qs = (dossiers_visible_to(request.user).select_related("unit__parent", "campaign")
          .annotate(nominee_count=Count("nominees")).order_by("-created_at", "-pk"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "nominations/dossier_list.html", {
        "page": page, "can_create": request.user.has_perm("nominations.create_dossier"),
    })


@login_required
def dossier_create(request):
    require_perm(request, "nominations.create_dossier")
    units = units_visible_to(request.user)
    form = DossierForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        campaign, unit = data.pop("campaign"), data.pop("unit")
        dossier, ok = run_move(request, services.create_dossier, campaign, unit, request.user, **data,
                               success=_("Draft saved."))
        if ok:
            return redirect("nominations:dossier_detail", dossier.pk)
    return render(request, "nominations/dossier_form.html", {"form": form})


@login_required
def dossier_edit(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.edit_dossier", dossier)
    form = DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        _d, ok = run_move(request, services.update_dossier, dossier, request.user, **form.cleaned_data,
                          success=_("Draft saved."))
        if ok:
            return redirect("nominations:dossier_detail", dossier.pk)
    return render(request, "nominations/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
def dossier_detail(request, pk):
    dossier = get_dossier(request, pk)
    attachments = Attachment.objects.select_related("uploaded_by")
    nominees = list(dossier.nominees.select_related("award", "person__unit", "unit", "vote_session")
                    .prefetch_related(Prefetch("attachments", queryset=attachments)))
    refusals = earlier_refusals(nominees)
    for nominee in nominees:  # a refusal follows the subject: a new proposal shows it to the Board
        nominee.earlier_refusals = refusals.get(nominee.pk, [])
    user = request.user
    can_edit = user.has_perm("nominations.edit_dossier", dossier)
    return render(request, "nominations/dossier_detail.html", {
        "dossier": dossier,
        "nominees": nominees,
        "dossier_attachments": dossier.attachments.filter(nominee__isnull=True).select_related("uploaded_by"),
        "timeline": Transition.objects.filter(dossier=dossier).select_related("actor", "nominee"),
        "can_edit": can_edit,
        "can_submit": can_edit and user.has_perm("nominations.submit_dossier", dossier),
        "is_returned": dossier.state == DossierState.RETURNED,
        "window_warning": dossier.state == DossierState.DRAFT and not dossier.campaign.is_open(),
        "can_receive": user.has_perm("nominations.receive_dossier", dossier),
        "can_settle": user.has_perm("nominations.settle_dossier", dossier),
        "attachment_form": AttachmentForm(dossier=dossier),
    })


@login_required
@require_POST
def dossier_submit(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.submit_dossier", dossier)
    comment = posted_comment(request)  # None: refused (too long), the reason shown as a message
    if comment is not None and dossier.state == DossierState.RETURNED:
        run_move(request, services.resubmit, dossier, request.user, comment, success=_("Dossier resubmitted."))
    elif comment is not None:
        run_move(request, services.submit, dossier, request.user, comment, success=_("Dossier submitted."))
    return redirect("nominations:dossier_detail", dossier.pk)


@login_required
def nominee_add(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.edit_dossier", dossier)
    form = NomineeForm(request.POST or None, dossier=dossier)
    preview = duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person, unit, award = data["person"], data["collective"], data["award"]
        preview = eligibility.evaluate_full(person or unit, award, dossier.campaign)
        if request.POST.get("action") != "check":
            try:
                services.add_nominee(dossier, request.user, award=award, person=person, unit=unit,
                                     achievement=data["achievement"], justification=data["justification"])
            except DuplicateNominee as exc:
                duplicate = exc.other
                form.add_error(None, exc.message)
            except services.MoveRefused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Nominee added."))
                return redirect("nominations:dossier_detail", dossier.pk)
    visible_duplicate = duplicate and dossiers_visible_to(request.user).filter(pk=duplicate.dossier_id).exists()
    return render(request, "nominations/nominee_form.html", {
        "form": form, "dossier": dossier, "preview": preview, "duplicate": duplicate,
        "duplicate_visible": visible_duplicate,
    })


@login_required
def nominee_edit(request, pk):
    nominee = get_nominee(request, pk)
    dossier = nominee.dossier
    require_perm(request, "nominations.edit_dossier", dossier)
    initial = {"achievement": nominee.achievement, "justification": nominee.justification}
    form = NomineeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _result, ok = run_move(request, services.update_nominee, nominee, request.user, **form.cleaned_data,
                               success=_("Nominee saved."))
        if ok:
            return redirect("nominations:dossier_detail", dossier.pk)
    return render(request, "nominations/nominee_edit.html", {"form": form, "nominee": nominee, "dossier": dossier})


@login_required
@require_POST
def nominee_delete(request, pk):
    nominee = get_nominee(request, pk)
    run_move(request, services.remove_nominee, nominee, request.user, success=_("Nominee removed."))
    return redirect("nominations:dossier_detail", nominee.dossier_id)


@login_required
def nominee_bulk_add(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.edit_dossier", dossier)
    form = BulkNomineeForm(request.POST or None, request.FILES or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results, _ok = run_move(request, bulk_add, dossier, request.user, form.cleaned_data["file"])
    return render(request, "nominations/nominee_bulk.html", {"form": form, "dossier": dossier, "results": results})


@login_required
@require_POST
def attachment_upload(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.edit_dossier", dossier)
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier)
    if form.is_valid():
        nominee_pk = form.cleaned_data["nominee"]
        nominee = get_object_or_404(Nominee, pk=nominee_pk, dossier=dossier) if nominee_pk else None
        run_move(request, services.add_attachment, dossier, request.user, form.cleaned_data["file"],
                 form.cleaned_data["kind"], nominee=nominee, success=_("File uploaded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("nominations:dossier_detail", dossier.pk)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(attachments_visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=download_name(attachment),
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(attachments_visible_to(request.user).select_related("dossier"), pk=pk)
    run_move(request, services.remove_attachment, attachment, request.user, success=_("File removed."))
    return redirect("nominations:dossier_detail", attachment.dossier_id)
