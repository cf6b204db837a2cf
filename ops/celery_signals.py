"""The request id travels with the tasks a request queues: a header of the task's message on publishing, set
again around the task's run in the worker; and the worker logs through Django's LOGGING (JSON in production)."""

import logging
import logging.config
import time

from celery import signals

from . import context

logger = logging.getLogger("laurel.task")
_running = {}  # task id -> (context tokens, start time) between prerun and postrun

REQUEST_ID_HEADER = "laurel_request_id"
USER_ID_HEADER = "laurel_user_id"


@signals.before_task_publish.connect(weak=False)
def add_request_headers(headers=None, **kwargs):
    """In the process that queues the task (the web request, or a task queuing another)."""
    if headers is None:
        return
    request_id = context.request_id.get()
    if request_id and REQUEST_ID_HEADER not in headers:
        headers[REQUEST_ID_HEADER] = request_id
        user_id = context.current_user_id()
        if user_id is not None:
            headers[USER_ID_HEADER] = user_id


def _header(task, name):
    request = task.request
    return getattr(request, name, None) or (getattr(request, "headers", None) or {}).get(name)


@signals.task_prerun.connect(weak=False)
def enter_task_context(task_id=None, task=None, **kwargs):
    """A task from the broker takes the ids from its message (or none: nothing leaks from the previous task of
    the same worker process). An eager task runs inside the request that called it and keeps its ids."""
    if task is None:
        return
    if task.request.is_eager:
        request_id, user_id = context.request_id.get(), context.current_user_id()
    else:
        request_id, user_id = _header(task, REQUEST_ID_HEADER), _header(task, USER_ID_HEADER)
    _running[task_id] = (context.request_id.set(request_id), context.user_id.set(user_id), time.perf_counter())


@signals.task_postrun.connect(weak=False)
def leave_task_context(task=None, task_id=None, state=None, **kwargs):
    saved = _running.pop(task_id, None)
    if saved is None:
        return
    request_token, user_token, started = saved
    try:
        logger.info("task", extra={"task": task.name, "task_id": task_id, "state": state,
                                   "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    finally:
        context.user_id.reset(user_token)
        context.request_id.reset(request_token)


@signals.setup_logging.connect(weak=False)
def configure_worker_logging(loglevel=None, **kwargs):
    """The worker and beat log like the web process (settings.LOGGING) instead of Celery's own format."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)
