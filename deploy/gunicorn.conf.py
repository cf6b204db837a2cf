"""Gunicorn settings for Laurel: `make serve` and deploy/laurel-web.service both use this file.

Environment: LAUREL_BIND (default 127.0.0.1:8000; the TLS proxy in front connects there), WEB_CONCURRENCY
(worker processes, default 2 x CPUs + 1, at most 8), GUNICORN_THREADS (threads per worker, default 4),
LOG_FORMAT (json in production)."""

import multiprocessing
import os

bind = os.environ.get("LAUREL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(multiprocessing.cpu_count() * 2 + 1, 8))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = 60  # a request running longer is a bug: long work goes to Celery
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then (a leak stays small)
max_requests_jitter = 200
wsgi_app = "config.wsgi:application"
control_socket_disable = True  # systemd (or Ctrl+C) controls the server; no socket under $HOME

# Each request is logged once, by ops.middleware.RequestIdMiddleware (with request id, user id and timings);
# gunicorn's own messages (start, worker restarts, timeouts) go to standard error in the same format.
accesslog = None
errorlog = "-"
_format = os.environ.get("LOG_FORMAT") or ("text" if os.environ.get("DEBUG") in ("1", "true", "yes") else "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"laurel": {"()": f"ops.logging.{'Json' if _format == 'json' else 'Text'}Formatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "laurel", "stream": "ext://sys.stderr"}},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    },
}
