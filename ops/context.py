"""What the logs say about the work in progress: the request id and the user id, per request or per task.

The web process sets them in `ops.middleware.RequestIdMiddleware`; a Celery task gets them from the headers of
its message (`ops.celery_signals`), so the task's log lines carry the id of the request that queued it."""

from contextvars import ContextVar

from django.utils.functional import empty

request_id: ContextVar[str | None] = ContextVar("laurel_request_id", default=None)
user_id: ContextVar[int | None] = ContextVar("laurel_user_id", default=None)
current_request: ContextVar[object | None] = ContextVar("laurel_request", default=None)


def user_id_of(request, *, evaluate: bool = False) -> int | None:
    """The signed-in user's id, or None. Without `evaluate`, only when the request has already looked the user up
    (a log line must not cost a session query)."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    if not evaluate and getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


def current_user_id() -> int | None:
    explicit = user_id.get()
    if explicit is not None:
        return explicit
    request = current_request.get()
    return user_id_of(request) if request is not None else None
