"""The public verification pages (no login). Tokens are long and random; a short code must match
exactly and lookups are rate-limited per address, so neither can be enumerated."""

from django.core.cache import cache
from django.http import HttpResponseNotFound
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from signing.pdf import verify_stored

from .forms import ShortCodeForm
from .models import Certificate
from .services import find_by_short_code

LOOKUPS_PER_WINDOW = 20
WINDOW_SECONDS = 600


def _not_found():
    return HttpResponseNotFound(_("Not found"), content_type="text/plain; charset=utf-8")


@never_cache
def verify(request, token):
    certificate = Certificate.objects.filter(token=token).select_related("superseded_by").first()
    if certificate is None:
        return _not_found()
    return render(request, "certificates/verify.html", {"certificate": certificate,
                                                        "signature": verify_stored(certificate.signed_pdf)})


def _throttled(request) -> bool:
    key = f"certificates:verify-lookup:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > LOOKUPS_PER_WINDOW


@never_cache
def verify_lookup(request):
    form = ShortCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        if _throttled(request):
            return render(request, "429.html", {"message": _("Too many lookups; try again later.")}, status=429)
        certificate = find_by_short_code(form.cleaned_data["code"])
        if certificate is None:
            return render(request, "certificates/verify_lookup.html", {"form": form, "not_found": True}, status=404)
        return redirect("certificates:verify", token=certificate.token)
    return render(request, "certificates/verify_lookup.html", {"form": form})
