"""A request id for every request, and one structured log line per request with its timings."""

import logging
import re
import time
import uuid

from django.db import connections

from . import context

logger = logging.getLogger("laurel.request")

HEADER = "X-Request-ID"
# An id from the proxy is kept only if it is short and plain (it ends up in logs and in a response header).
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


class QueryTimer:
    """A database execute wrapper: counts the queries of the request and adds up their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, ctx):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, ctx)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def incoming_request_id(request) -> str:
    candidate = request.headers.get(HEADER, "")
    return candidate if SANE_REQUEST_ID.fullmatch(candidate) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Takes the proxy's X-Request-ID when it is sane, else makes one; echoes it in the response; logs the
    request (method, path without the query string, status, user id, duration, database queries and time)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = incoming_request_id(request)
        tokens = (context.request_id.set(request.request_id), context.current_request.set(request),
                  context.user_id.set(None))
        timer = QueryTimer()
        started = time.perf_counter()
        try:
            with connections["default"].execute_wrapper(timer):
                response = self.get_response(request)
            response[HEADER] = request.request_id
            logger.info("request", extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "user_id": context.user_id_of(request, evaluate=True),
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "db_queries": timer.count,
                "db_ms": round(timer.seconds * 1000, 1),
            })
            return response
        finally:
            context.user_id.reset(tokens[2])
            context.current_request.reset(tokens[1])
            context.request_id.reset(tokens[0])
