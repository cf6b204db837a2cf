"""The dossier's and the decision's bundles (PDF, attachments, manifest) as streamed ZIP downloads."""

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from ..models import Decision
from ..services import bundle as bundles
from .common import get_dossier, require_perm


def _zip_response(bundle) -> StreamingHttpResponse:
    # Streamed as it is built (no Content-Length): a decision of many dossiers starts at once.
    response = StreamingHttpResponse(bundle.chunks(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, bundle.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def dossier_bundle(request, pk):
    """Whoever may open the dossier may download it whole; another unit's dossier answers 404."""
    dossier = get_dossier(request, pk)
    return _zip_response(bundles.export_dossier(dossier, request.user, get_language()))


@login_required
@require_GET
def decision_bundle(request, pk):
    require_perm(request, "nominations.view_decisions")
    decision = get_object_or_404(Decision.objects.select_related("campaign"), pk=pk)
    return _zip_response(bundles.export_decision(decision, request.user, get_language()))
