"""The browser story on the test database (SQLite, eager Celery): see tests/browser/story.py."""

import time

import pytest

from .story import run_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_nomination_to_revoked_certificate_in_the_browser(browse, shots, live_url):
    assert live_url.startswith("http://127.0.0.1:")
    started = time.monotonic()
    run_story(browse, shots)
    assert shots.count >= 20
    assert time.monotonic() - started < 90, "the browser story should stay under 90 s"
