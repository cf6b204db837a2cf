"""Template previews for the admin (sample data, PNG or PDF) and the printer calibration page."""

import base64
import json

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .layout import validate_layout
from .models import CertificateTemplate, PrinterProfile
from .placeholders import sample_data
from .rendering import calibration_pdf, pdf_to_png, render_pdf


def _sample_for(template):
    award = template.awards.first()
    return sample_data(award)


@staff_member_required
def template_preview(request, pk, fmt):
    template = get_object_or_404(CertificateTemplate, pk=pk)
    pdf = render_pdf(template, _sample_for(template), overlay=request.GET.get("overlay") == "1")
    if fmt == "png":
        return HttpResponse(pdf_to_png(pdf, width_px=1200), content_type="image/png")
    return HttpResponse(pdf, content_type="application/pdf")


@staff_member_required
@require_POST
def template_preview_live(request, pk):
    """Render an edited, unsaved layout: JSON in (layout text, page size), errors or a PNG data URI out."""
    template = get_object_or_404(CertificateTemplate, pk=pk)
    try:
        layout = json.loads(request.POST.get("layout", ""))
        width = float(request.POST.get("page_width_mm") or template.page_width_mm)
        height = float(request.POST.get("page_height_mm") or template.page_height_mm)
    except ValueError as exc:
        return JsonResponse({"errors": [str(exc)]}, status=400)
    errors = validate_layout(layout, width, height)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    template.layout, template.page_width_mm, template.page_height_mm = layout, width, height
    png = pdf_to_png(render_pdf(template, _sample_for(template)), width_px=1200)
    return JsonResponse({"errors": [], "png": "data:image/png;base64," + base64.b64encode(png).decode()})


@login_required
def printer_calibration(request, pk):
    if not request.user.has_perm("certificates.print"):
        raise PermissionDenied
    printer = get_object_or_404(PrinterProfile, pk=pk)
    template = CertificateTemplate.objects.filter(pk=request.GET.get("template") or 0).first()
    width, height = (template.page_width_mm, template.page_height_mm) if template else (420, 297)
    pdf = calibration_pdf(width, height, offset_mm=(printer.offset_x_mm, printer.offset_y_mm), label=printer.name)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="calibration-{printer.pk}.pdf"'
    return response
