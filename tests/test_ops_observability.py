"""Observability: a request id on every request (kept from the proxy when sane, echoed in the response), one JSON
log line per request with the user id and timings (never a name or a password), and the same request id on the
log lines of the tasks the request queued."""

import io
import json
import logging
import re
from contextlib import contextmanager

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates.models import PrintBatch
from config.celery import app as celery_app
from ops import celery_signals
from ops.logging import JsonFormatter, TextFormatter

from .factories_certificates import DecidedHonourFactory, issue


@contextmanager
def json_log(*names):
    """The JSON lines the production formatter writes for these loggers while the block runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    lines = []
    try:
        yield lines
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines() if line.strip())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_sane_incoming_request_id_is_kept_echoed_and_logged_with_the_user_id(client, make_user):
    user = make_user(Role.REVIEWER, username="nguyen.van.a", first_name="Văn A", last_name="Nguyễn")
    client.force_login(user)
    with json_log("laurel.request") as lines:
        response = client.get(reverse("home"), HTTP_X_REQUEST_ID="proxy-7f3a.42")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "proxy-7f3a.42"
    (line,) = [entry for entry in lines if entry["message"] == "request"]
    assert line["request_id"] == "proxy-7f3a.42" and line["user_id"] == user.pk
    assert line["method"] == "GET" and line["path"] == reverse("home") and line["status"] == 200
    assert line["duration_ms"] >= 0 and line["db_queries"] >= 1 and line["db_ms"] >= 0
    raw = json.dumps(line, ensure_ascii=False)
    assert "nguyen.van.a" not in raw and "Nguyễn" not in raw


@pytest.mark.parametrize("incoming", ["", "x" * 200, "bad id", "a\u00e9b", "-starts-with-a-dash", "<script>"])
def test_an_insane_request_id_is_replaced_by_a_fresh_one(client, db, incoming):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID=incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    other = client.get(reverse("login"), HTTP_X_REQUEST_ID=incoming)
    assert other["X-Request-ID"] != response["X-Request-ID"]


def test_an_anonymous_request_logs_no_user_and_no_password(client, db, make_user):
    make_user(Role.CLERK, username="clerk1", password="a-very-secret-pass")
    with json_log("laurel.request", "django.request") as lines:
        client.post(reverse("login"), {"username": "clerk1", "password": "wrong-password-123"})
    text = "\n".join(json.dumps(entry, ensure_ascii=False) for entry in lines)
    assert lines and "wrong-password-123" not in text and "clerk1" not in text
    request_line = next(entry for entry in lines if entry["message"] == "request")
    assert "user_id" not in request_line and request_line["status"] == 200


# The task is queued when the view's transaction commits, inside the request, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_eager_task_queued_by_a_request_logs_the_same_request_id(client, media, make_user):
    clerk = make_user(Role.CLERK)
    issue(*[DecidedHonourFactory() for _ in range(2)], assign_numbers=False)
    client.force_login(clerk)
    with json_log("laurel.request", "laurel.task", "celery.app.trace") as lines:
        response = client.post(reverse("certificates:batch_list"), {"decision_number": "1234/QĐ-UBND", "mode": "full"},
                               HTTP_X_REQUEST_ID="req-batch-1")
    assert response.status_code == 302 and PrintBatch.objects.get().state == "done"
    (task_line,) = [entry for entry in lines if entry["message"] == "task"]
    assert task_line["task"] == "certificates.tasks.render_batch" and task_line["state"] == "SUCCESS"
    assert task_line["request_id"] == "req-batch-1" and task_line["user_id"] == clerk.pk
    assert task_line["duration_ms"] > 0
    assert all(entry.get("request_id") == "req-batch-1" for entry in lines)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_published_by_a_request_carries_the_request_id_in_its_headers(client, media, make_user):
    """Not eager: the message on the broker (here the filesystem broker) has the headers a worker reads."""
    clerk = make_user(Role.CLERK)
    issue(DecidedHonourFactory(), assign_numbers=False)
    client.force_login(clerk)
    published = []

    def catch(headers=None, **kwargs):
        published.append(dict(headers))

    from celery.signals import after_task_publish

    after_task_publish.connect(catch, weak=False)
    celery_app.conf.task_always_eager = False
    try:
        client.post(reverse("certificates:batch_list"), {"decision_number": "1234/QĐ-UBND", "mode": "full"},
                    HTTP_X_REQUEST_ID="req-published-1")
    finally:
        celery_app.conf.task_always_eager = True
        after_task_publish.disconnect(catch)
        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
    (headers,) = published
    assert headers[celery_signals.REQUEST_ID_HEADER] == "req-published-1"
    assert headers[celery_signals.USER_ID_HEADER] == clerk.pk


def test_a_task_queued_outside_any_request_carries_no_request_id(db):
    headers = {}
    celery_signals.add_request_headers(headers=headers)
    assert headers == {}


def test_the_text_format_of_development_shows_the_request_id(client, db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TextFormatter())
    logger = logging.getLogger("laurel.request")
    logger.addHandler(handler)
    try:
        client.get(reverse("login"), HTTP_X_REQUEST_ID="dev-1")
    finally:
        logger.removeHandler(handler)
    assert "[dev-1] request" in stream.getvalue() and "status=200" in stream.getvalue()
