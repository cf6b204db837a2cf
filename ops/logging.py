"""Log formatters: JSON lines in production (one object per record), plain text in development. Both add the
request id and the user id of the work in progress (never a name, never a password)."""

import json
import logging
from datetime import UTC, datetime

from . import context

# The attributes every LogRecord has; anything else was passed with `extra=` and goes into the JSON object,
# except Django's `request` (its repr has the query string) and the context fields added below.
_STANDARD = set(vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None))) | {
    "message", "asctime", "request", "request_id", "user_id"}


def _context_fields(record) -> dict:
    return {
        "request_id": getattr(record, "request_id", None) or context.request_id.get(),
        "user_id": getattr(record, "user_id", None) or context.current_user_id(),
    }


def _extra_fields(record) -> dict:
    return {key: value for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in _context_fields(record).items() if value is not None})
        entry.update({key: value for key, value in _extra_fields(record).items() if key not in entry})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self, fmt=None, datefmt=None, style="%", **kwargs):
        super().__init__(fmt or "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s", datefmt, style,
                         **kwargs)

    def format(self, record):
        had = hasattr(record, "request_id")
        record.request_id = _context_fields(record)["request_id"] or "-"
        try:
            extras = " ".join(f"{key}={value}" for key, value in _extra_fields(record).items())
            return super().format(record) + (f" {extras}" if extras else "")
        finally:
            if not had:
                del record.request_id
