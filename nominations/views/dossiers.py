"""Unit officers' pages: dossiers, nominees, attachments, submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.scoping import units_visible_to
from awards.campaign_rules import CampaignRules

from .. import services
from ..enums import DossierState
from ..forms import AttachmentForm, BulkNomineeForm, DossierForm, NomineeEditForm, NomineeForm
from ..models import Attachment, Nominee, PublicComment, Transition
from ..queries import (
    attachments_visible_to,
    dossier_filter_label,
    dossiers_visible_to,
    earlier_refusals,
    filter_dossiers,
)
from ..services.attachments import download_name
from ..services.bulk_add import bulk_add
from ..services.completeness import missing_items
from ..services.dossiers import DuplicateNominee
from .common import confirm_page, get_dossier, get_nominee, posted_comment, require_perm, run_move


@login_required
def dossier_list(request):
    qs = (filter_dossiers(dossiers_visible_to(request.user), request.GET).select_related("unit__parent", "campaign")
          .annotate(nominee_count=Count("nominees")).order_by("-created_at", "-pk"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "nominations/dossier_list.html", {
        "page": page, "can_create": request.user.has_perm("nominations.create_dossier"),
        "filter_label": dossier_filter_label(request.GET),
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
    user = request.user
    related = [Prefetch("attachments", queryset=attachments)]
    can_view_comments = user.has_perm("nominations.view_public_comments")
    if can_view_comments:
        related.append(Prefetch("public_comments", queryset=PublicComment.objects.select_related("answered_by")))
    nominees = list(dossier.nominees.select_related("award", "person__unit", "unit", "vote_session")
                    .prefetch_related(*related))
    refusals = earlier_refusals(nominees)
    for nominee in nominees:  # a refusal follows the subject: a new proposal shows it to the Board
        nominee.earlier_refusals = refusals.get(nominee.pk, [])
    can_edit = user.has_perm("nominations.edit_dossier", dossier)
    return render(request, "nominations/dossier_detail.html", {
        "dossier": dossier,
        "nominees": nominees,
        "dossier_attachments": dossier.attachments.filter(nominee__isnull=True).select_related("uploaded_by"),
        "timeline": Transition.objects.filter(dossier=dossier).select_related("actor", "nominee"),
        "can_edit": can_edit,
        "can_submit": can_edit and user.has_perm("nominations.submit_dossier", dossier),
        "can_recall": user.has_perm("nominations.recall_dossier", dossier),
        "can_delete": user.has_perm("nominations.delete_draft", dossier),
        "missing": missing_items(dossier) if can_edit else [],
        "is_returned": dossier.state == DossierState.RETURNED,
        "window_warning": dossier.state == DossierState.DRAFT and not dossier.campaign.is_open(),
        "can_receive": user.has_perm("nominations.receive_dossier", dossier),
        "can_settle": user.has_perm("nominations.settle_dossier", dossier),
        "attachment_form": AttachmentForm(dossier=dossier),
        "can_view_comments": can_view_comments,
        "can_answer_comments": can_view_comments and user.has_perm("nominations.answer_public_comment"),
    })


def _detail_url(dossier_pk):
    return reverse("nominations:dossier_detail", args=[dossier_pk])


def _submit_blockers(dossier, nominees) -> list[str]:
    """What services.submit would refuse for, as a list (the service checks again under a lock)."""
    if not nominees:
        return [_("Add at least one nominee before submitting.")]
    unjustified = [n.subject_name for n in nominees if n.flagged and not n.justification.strip()]
    blockers = [_("Give a justification for: %(names)s.") % {"names": ", ".join(unjustified)}] if unjustified else []
    return blockers + missing_items(dossier)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_submit(request, pk):
    """GET: what will be sent (nominees, documents) or what is still missing; POST: submit."""
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.submit_dossier", dossier)
    if request.method == "GET":
        require_perm(request, "nominations.edit_dossier", dossier)
        nominees = list(dossier.nominees.exclude(state="rejected").select_related("award"))
        items = [f"{n.subject_name} ({n.subject_code}) – {n.award.name}" for n in nominees]
        documents = dossier.attachments.count()
        resubmit = dossier.state == DossierState.RETURNED
        return confirm_page(
            request, title=_("Resubmit %(code)s?") % {"code": dossier.code} if resubmit
            else _("Submit %(code)s?") % {"code": dossier.code},
            lead=_("%(count)s nominees and %(files)s documents go to the Board; the unit can no longer edit the "
                   "dossier, and may recall it only until the Board receives it.")
            % {"count": len(nominees), "files": documents},
            items=items, blockers=_submit_blockers(dossier, nominees),
            blockers_title=_("The Board needs these before the dossier can be submitted:"),
            button_label=_("Resubmit") if resubmit else _("Submit"), cancel_url=_detail_url(dossier.pk),
            with_comment=True)
    comment = posted_comment(request)  # None: refused (too long), the reason shown as a message
    if comment is not None and dossier.state == DossierState.RETURNED:
        run_move(request, services.resubmit, dossier, request.user, comment, success=_("Dossier resubmitted."))
    elif comment is not None:
        run_move(request, services.submit, dossier, request.user, comment, success=_("Dossier submitted."))
    return redirect("nominations:dossier_detail", dossier.pk)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_recall(request, pk):
    """GET: confirm; POST: take the submitted dossier back before the Board receives it."""
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.recall_dossier", dossier)
    if request.method == "GET":
        return confirm_page(
            request, title=_("Recall %(code)s?") % {"code": dossier.code},
            lead=_("The dossier comes back to the unit for editing; the Board has not received it yet. "
                   "Submit it again when it is ready."),
            button_label=_("Recall the dossier"), button_class="btn-warning", cancel_url=_detail_url(dossier.pk),
            with_comment=True)
    comment = posted_comment(request)
    if comment is not None:
        run_move(request, services.recall, dossier, request.user, comment, success=_("Dossier recalled."))
    return redirect("nominations:dossier_detail", dossier.pk)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_delete(request, pk):
    """GET: what will be deleted; POST: delete the draft with its nominees and files."""
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.delete_draft", dossier)
    if request.method == "GET":
        names = [f"{n.subject_name} ({n.subject_code})" for n in dossier.nominees.all()]
        return confirm_page(
            request, title=_("Delete the draft %(code)s?") % {"code": dossier.code},
            lead=_("The draft “%(title)s”, its %(count)s nominees and %(files)s files are deleted for good.")
            % {"title": dossier.title, "count": len(names), "files": dossier.attachments.count()},
            items=names, button_label=_("Delete the draft"), button_class="btn-danger",
            cancel_url=_detail_url(dossier.pk))
    _r, ok = run_move(request, services.delete_draft, dossier, request.user, success=_("Draft deleted."))
    return redirect("nominations:dossier_list") if ok else redirect("nominations:dossier_detail", dossier.pk)


@login_required
def nominee_add(request, pk):
    dossier = get_dossier(request, pk)
    require_perm(request, "nominations.edit_dossier", dossier)
    form = NomineeForm(request.POST or None, dossier=dossier)
    preview = duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person, unit, award = data["person"], data["collective"], data["award"]
        preview = CampaignRules.for_campaign(dossier.campaign).evaluate(person or unit, award)
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
@require_http_methods(["GET", "POST"])
def nominee_delete(request, pk):
    nominee = get_nominee(request, pk)
    if request.method == "GET":
        require_perm(request, "nominations.remove_nominee", nominee)
        files = nominee.attachments.count()
        return confirm_page(
            request, title=_("Remove %(name)s from the dossier?") % {"name": nominee.subject_name},
            lead=_("%(name)s (%(code)s), proposed for %(award)s, leaves dossier %(dossier)s with %(files)s attached "
                   "files.") % {"name": nominee.subject_name, "code": nominee.subject_code,
                                 "award": nominee.award.name, "dossier": nominee.dossier.code, "files": files},
            button_label=_("Remove"), button_class="btn-danger", cancel_url=_detail_url(nominee.dossier_id))
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
@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk):
    attachment = get_object_or_404(attachments_visible_to(request.user).select_related("dossier"), pk=pk)
    if request.method == "GET":
        require_perm(request, "nominations.edit_dossier", attachment.dossier)
        return confirm_page(
            request, title=_("Remove the file %(name)s?") % {"name": attachment.original_name},
            lead=_("%(kind)s, %(size)s, of dossier %(dossier)s. The file is deleted for good.")
            % {"kind": attachment.get_kind_display(), "size": filesizeformat(attachment.size),
               "dossier": attachment.dossier.code},
            button_label=_("Remove"), button_class="btn-danger", cancel_url=_detail_url(attachment.dossier_id))
    run_move(request, services.remove_attachment, attachment, request.user, success=_("File removed."))
    return redirect("nominations:dossier_detail", attachment.dossier_id)
