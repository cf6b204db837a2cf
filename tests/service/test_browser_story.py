"""The browser story (tests/browser/story.py) on the real stack: PostgreSQL, Redis and a real Celery worker,
so the print batch's progress bar is driven by the worker and polled by the page."""

import time

import pytest

from tests.browser import fixtures
from tests.browser.story import run_story

pytestmark = [pytest.mark.service, pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

browser, browse, live_url, shots = fixtures.browser, fixtures.browse, fixtures.live_url, fixtures.shots


def test_nomination_to_revoked_certificate_with_the_real_worker(celery_worker_process, browse, shots):
    started = time.monotonic()
    run_story(browse, shots)
    assert shots.count >= 20
    assert time.monotonic() - started < 90, "the browser story should stay under 90 s"
