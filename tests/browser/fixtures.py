"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the app served by
pytest-django's `live_server`, role logins through the real /login/ page, and numbered screenshots saved as
artifacts (artifacts/browser/<test>/<NN-step>.png).

tests/browser/conftest.py re-exports these; the service suite's browser story imports them as well."""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop on the main thread; the test's own ORM calls there are still
# synchronous, so Django must not refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
PASSWORD = "Laurel-test-2024"  # tests.factories.UserFactory's password
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1600, "height": 1000}
TIMEOUT_MS = 15_000


def require_chromium():
    """Skip without Chromium on a developer's machine; on CI (CI set) a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI: install Debian's chromium package (.ci/run does).")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped.")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


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

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for number, context in enumerate(contexts, start=1):
        if report is not None and report.failed:
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
