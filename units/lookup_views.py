"""JSON for the pickers: GET ?q=…[&within=<unit id>] → {"results": [{value, id, label, detail}, …]}.
Signed-in users with a role; each sees only their scope (accounts.scoping)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from . import lookup

MAX_QUERY = 100


def _answer(request, finder):
    if not request.user.has_perm("units.lookup"):
        raise PermissionDenied
    query = request.GET.get("q", "")[:MAX_QUERY]
    results = finder(request.user, query, within=request.GET.get("within") or None)
    return JsonResponse({"results": results})


@login_required
def people(request):
    return _answer(request, lookup.people)


@login_required
def units(request):
    return _answer(request, lookup.units)
