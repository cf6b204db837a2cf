"""Translation with a per-evaluation cache. A batch renders the same few dozen messages tens of thousands
of times; inside `message_cache()` each msgid is looked up once (the language cannot change mid-batch).
Criterion modules import this `gettext as _`, so makemessages still finds their strings."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as django_gettext

_cache: ContextVar[dict | None] = ContextVar("awards_message_cache", default=None)


def gettext(msgid: str) -> str:
    cache = _cache.get()
    if cache is None:
        return django_gettext(msgid)
    try:
        return cache[msgid]
    except KeyError:
        cache[msgid] = text = django_gettext(msgid)
        return text


def current_cache() -> dict | None:
    """The batch's cache (None outside `message_cache()`), for a loop that reads it many times."""
    return _cache.get()


def cached_str(key, lazy) -> str:
    """str() of a lazy translation (a choice label), cached under key inside a batch."""
    cache = _cache.get()
    if cache is None:
        return str(lazy)
    try:
        return cache[key]
    except KeyError:
        cache[key] = text = str(lazy)
        return text


def cached(key, compute):
    """compute() once per batch under key (for any text that depends only on the language)."""
    cache = _cache.get()
    if cache is None:
        return compute()
    try:
        return cache[key]
    except KeyError:
        cache[key] = text = compute()
        return text


@contextmanager
def message_cache():
    token = _cache.set({}) if _cache.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _cache.reset(token)
