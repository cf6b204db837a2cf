"""The browser story on the test database (SQLite, eager Celery): see tests/browser/story.py. It is walked
in Vietnamese and in English, on a 1366 × 768 laptop screen and on a 390-px-wide phone."""

import time

import pytest

from .fixtures import desktop, phone
from .story import run_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("look", [desktop("vi"), phone("en"), desktop("en"), phone("vi")], ids=lambda look: look.name)
def test_nomination_to_revoked_certificate_in_the_browser(browse, shots, live_url, look):
    assert live_url.startswith("http://127.0.0.1:")
    started = time.monotonic()
    run_story(browse, shots, look.language)
    assert shots.count >= 20
    assert time.monotonic() - started < 90, "the browser story should stay under 90 s"
