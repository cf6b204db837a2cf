"""Certificate pages: list, detail, PDF download, revoke, duplicate. Thin: parse, call a service, render."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.search import fold
from signing.pdf import verify_stored
from signing.signers import SigningUnavailable

from . import services
from .forms import DownloadForm, ReissueForm, RevokeForm
from .queries import awaiting_print
from .rendering import render_pdf
from .rules import certificates_visible_to
from .signing import can_sign, signed_certificate_pdf, signing_enabled
from .templates_lookup import template_for

PAGE_SIZE = 50
logger = logging.getLogger(__name__)


@login_required
def certificate_list(request):
    qs = certificates_visible_to(request.user).order_by("-year", "issuer_code", "registry_number", "edition")
    decision = request.GET.get("decision", "").strip()
    if decision:
        qs = qs.filter(decision_number__fold=fold(decision))
    unprinted = request.GET.get("unprinted") == "1"
    if unprinted:
        qs = awaiting_print(qs)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certificates/certificate_list.html", {"page": page, "decision": decision,
                                                                  "unprinted": unprinted})


@login_required
def certificate_detail(request, pk):
    certificate = get_object_or_404(
        certificates_visible_to(request.user).select_related("honour__award", "supersedes"), pk=pk
    )
    return render(request, "certificates/certificate_detail.html", {
        "certificate": certificate,
        "events": certificate.events.select_related("by"),
        # Both forms have a "reason" field: distinct ids keep each label on its own field.
        "revoke_form": RevokeForm(auto_id="id_revoke_%s"),
        "reissue_form": ReissueForm(auto_id="id_reissue_%s"),
        "download_form": DownloadForm(),
        "signature": verify_stored(certificate.signed_pdf),
    })


@login_required
def certificate_pdf(request, pk):
    if not request.user.has_perm("certificates.download"):
        raise PermissionDenied
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    form = DownloadForm(request.GET or None)
    overlay, printer = False, None
    if form.is_valid():
        overlay, printer = form.cleaned_data["overlay"], form.cleaned_data["printer"]
    offset = (printer.offset_x_mm, printer.offset_y_mm) if overlay and printer else (0, 0)
    template = template_for(certificate)
    if template is None:
        messages.error(request, _("There is no certificate template for this award."))
        return redirect(certificate)
    pdf, suffix = None, "-overlay" if overlay else ""
    if not overlay and signing_enabled() and can_sign(certificate):
        try:
            pdf, suffix = signed_certificate_pdf(certificate, template, by=request.user), "-signed"
        except SigningUnavailable:  # the signer is down (token unplugged): the clerk still gets the PDF
            logger.warning("certificate %s served unsigned: the signer could not be opened", certificate.pk,
                           exc_info=True)
    if pdf is None:
        pdf = render_pdf(template, certificate.data(), overlay=overlay, offset_mm=offset)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.registry_number or 0}-{certificate.year}{suffix}.pdf"'
    )
    return response


@login_required
@require_POST
def certificate_revoke(request, pk):
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    if not request.user.has_perm("certificates.revoke"):
        raise PermissionDenied
    form = RevokeForm(request.POST)
    if form.is_valid() and request.POST.get("confirm") != "1":
        # A revocation is irreversible and public: the first POST shows what will be published, the
        # POST of that page (confirm=1) revokes.
        return render(request, "certificates/revoke_confirm.html", {
            "certificate": certificate, "form": form,
            "public_reason": dict(form.fields["public_reason"].choices)[form.cleaned_data["public_reason"]],
            "revoked_on": form.cleaned_data["revoked_on"] or timezone.localdate(),
        })
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.revoke(certificate, by=request.user, reason=data["reason"], public_reason=data["public_reason"],
                            public_text=data["public_text"], on=data["revoked_on"])
            messages.success(request, _("The certificate has been revoked."))
        except ValidationError as exc:
            messages.warning(request, " ".join(exc.messages))
    else:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(certificate)


@login_required
@require_POST
def certificate_reissue(request, pk):
    certificate = get_object_or_404(certificates_visible_to(request.user), pk=pk)
    if not request.user.has_perm("certificates.reissue"):
        raise PermissionDenied
    form = ReissueForm(request.POST)
    form.is_valid()
    try:
        duplicate = services.reissue(certificate, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return redirect(certificate)
    messages.success(request, _("Duplicate edition %(n)s issued.") % {"n": duplicate.edition})
    return redirect(duplicate)
