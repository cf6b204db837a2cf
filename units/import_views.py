"""The administrators' upload page for imports, and a header-only CSV template per kind."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .importing import SCHEMAS, run_import
from .importing.forms import ImportForm


def can_import(user) -> bool:
    return user.has_perm("units.import_records")


@login_required
def import_upload(request):
    """GET: the form (or, with ?template=KIND, that kind's CSV template); POST: run the import and show
    its report. The chosen kind stays selected whatever the outcome."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "GET" and "template" in request.GET:
        return _template_csv(request.GET["template"])
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = run_import(
                form.cleaned_data["kind"], upload, dry_run=form.cleaned_data["dry_run"], filename=upload.name
            )
    else:
        form = ImportForm(initial={"kind": request.GET.get("kind", "")})
    templates = [(kind, schema.label, ", ".join(schema.names)) for kind, schema in SCHEMAS.items()]
    return render(
        request, "units/import_upload.html", {"form": form, "report": report, "templates": templates}
    )


def _template_csv(kind: str) -> HttpResponse:
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="laurel-{kind}-template.csv"'
    response.write("\ufeff")  # a BOM, so that Excel opens the file as UTF-8
    csv.writer(response).writerow(schema.names)
    return response
