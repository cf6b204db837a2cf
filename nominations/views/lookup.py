"""JSON for the decision-number picker (the clerk's print batch): decisions whose number matches what was
typed, case and diacritics ignored ("2/qd" finds "2/QĐ-UBND"). Same shape as units/lookup_views.py."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.formats import date_format

from config.search import fold

from ..models import Decision
from .common import require_perm

LIMIT = 20


@login_required
def decisions(request):
    require_perm(request, "nominations.view_decisions")
    text = fold(request.GET.get("q", "")[:100])
    rows = []
    if text:
        rows = (Decision.objects.filter(number__fold__contains=text).select_related("campaign")
                .order_by("-year", "-sequence")[:LIMIT])
    return JsonResponse({"results": [
        {"value": d.number, "id": d.pk, "label": d.number,
         "detail": " · ".join((date_format(d.decided_on, "d/m/Y"), d.campaign.title))} for d in rows
    ]})
