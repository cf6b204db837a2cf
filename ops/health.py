"""`/healthz` for load balancers and monitoring: 200 only when the database, the broker and at least one Celery
worker answer, else 503; the state of each as JSON. No login, nothing written, no secrets (no addresses, no
error messages: an exception's class name at most)."""

import threading
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_lock = threading.Lock()
_last = {"at": 0.0, "result": None}


def _timed(check):
    started = time.perf_counter()
    try:
        state = {"ok": True, **(check() or {})}
    except Exception as error:  # any failure is a state to report, not a 500
        state = {"ok": False, "error": type(error).__name__}
    state["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return state


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    from config.celery import app

    with app.connection_for_read(connect_timeout=settings.LAUREL_HEALTHZ_TIMEOUT) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=settings.LAUREL_HEALTHZ_TIMEOUT)
        _ = conn.default_channel  # opens a channel: a Redis broker is really asked (PING)


def _workers():
    from config.celery import app

    replies = app.control.ping(timeout=settings.LAUREL_HEALTHZ_TIMEOUT, limit=1)
    if not replies:
        raise TimeoutError("no worker answered")
    return {"answered": len(replies)}


def run_checks() -> dict:
    checks = {"database": _timed(_database), "broker": _timed(_broker)}
    if checks["broker"]["ok"]:
        checks["workers"] = _timed(_workers)
    else:
        checks["workers"] = {"ok": False, "error": "BrokerUnavailable", "ms": 0.0}
    return {"status": "ok" if all(c["ok"] for c in checks.values()) else "unavailable", "checks": checks}


def cached_checks() -> dict:
    """One probe at a time per process, its result reused for LAUREL_HEALTHZ_CACHE_SECONDS: a flood of
    requests to this public URL does not become a flood of broadcasts to the workers."""
    ttl = settings.LAUREL_HEALTHZ_CACHE_SECONDS
    with _lock:
        now = time.monotonic()
        if _last["result"] is None or ttl <= 0 or now - _last["at"] > ttl:
            _last["result"], _last["at"] = run_checks(), time.monotonic()
        return _last["result"]


@never_cache
@require_safe
def healthz(request):
    result = cached_checks()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)
