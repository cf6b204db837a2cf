"""Login lock-out (django-axes): a username+address pair is locked after AXES_FAILURE_LIMIT failures, and an
address is locked after LAUREL_LOGIN_IP_FAILURE_LIMIT failures whatever the usernames tried from it, so
guessing at many accounts from one address is stopped too. Both for AXES_COOLOFF_TIME."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind the TLS proxy (LAUREL_BEHIND_PROXY) the address the proxy
    appended last to X-Forwarded-For. Earlier entries come from the client and are not trusted."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def address_failures(request) -> int:
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LaurelAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures of the username+address pair, or the limit itself once the address has failed too
        often: axes then treats the attempt as locked out (429) whatever the username."""
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.LAUREL_LOGIN_IP_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one event under `key` in the cache; True once more than `limit` happened in the window."""
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
