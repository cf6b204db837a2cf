"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the app served by
pytest-django's `live_server`, role logins through the real /login/ page, and numbered screenshots saved as
artifacts (artifacts/browser/<test>/<NN-step>.png).

tests/browser/conftest.py re-exports these; the service suite's browser story imports them as well."""

import os
import re
import shutil
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

# pytest-django's live_server (session-scoped, created on first use) listens here: the loopback address,
# not a name that might resolve to ::1.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
PASSWORD = "Laurel-test-2024"  # tests.factories.UserFactory's password
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1800, "height": 1000}
TIMEOUT_MS = 15_000


def require_chromium():
    """Skip without Chromium on a developer's machine; on CI (CI set) a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI: install Debian's chromium package (.ci/run does).")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped.")


@contextmanager
def _django_beside_playwright():
    """While Playwright's sync API lives, an asyncio loop counts as running on the main thread. Django then
    (a) refuses ORM calls (SynchronousOnlyOperation) and (b) keeps its connections in per-context storage
    instead of the thread's, so the test body and pytest-django's teardown flush would get a second, fresh
    connection without the serialized-rollback state: the flush would re-create content types and
    permissions and break the next serialized_rollback test. So, for that time only, allow the sync calls
    and put the thread's own connection objects into that storage."""
    from django.db import connections

    originals = {alias: connections[alias] for alias in connections}  # the thread's own, before the loop
    saved_flag = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"

    def pin():
        for alias, connection in originals.items():
            connections[alias] = connection

    def unpin():
        for alias in originals:
            with suppress(AttributeError):
                del connections[alias]

    try:
        yield pin, unpin
    finally:
        if saved_flag is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved_flag


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, launched after the test database is set up and closed before it is flushed
    (function scope: the event loop never outlives the test)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with _django_beside_playwright() as (pin, unpin):
        with sync_playwright() as playwright:
            pin()
            try:
                chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                      args=LAUNCH_ARGS)
                yield chromium
                chromium.close()
            finally:
                unpin()


@pytest.fixture
def live_url(live_server):
    return live_server.url.rstrip("/")


class Shots:
    """Numbered screenshots of one test: shots(page, "step") writes <NN-step>.png."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def __call__(self, page, step: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request):
    return Shots(ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name))


@pytest.fixture
def browse(request, browser, live_url, shots):
    """browse(user=None) → a page in a fresh browser context (own cookies), logged in through the real
    login form when a user is given. Contexts are closed after the test; when the test failed, every open
    page is screenshotted first (failure-*.png beside the step screenshots)."""
    contexts = []

    def open_page(user=None):
        context = browser.new_context(base_url=live_url, viewport=VIEWPORT, locale="vi-VN",
                                      accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        if user is not None:
            login(page, user.username)
        return page

    failures_before = request.session.testsfailed
    yield open_page
    failed = request.session.testsfailed > failures_before  # the call phase is reported before teardown
    for number, context in enumerate(contexts, start=1):
        if failed:
            for page in context.pages:
                page.screenshot(path=str(shots.folder / f"failure-{number}.png"), full_page=True)
        context.close()


def login(page, username: str, password: str = PASSWORD):
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(lambda url: "/login/" not in url)
