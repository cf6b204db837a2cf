"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the app served by
pytest-django's `live_server`, role logins through the real /login/ page, and numbered screenshots kept as
CI artefacts (var/screenshots/<test>/<language>-<width>/<NN-step>.png; var/ is gitignored).

A test sees the app in one `look` (a language and a viewport; Vietnamese at 1366 × 768 unless the test
parametrises `look`): the language is chosen with the buttons of the top bar, as a person would.

tests/browser/conftest.py re-exports these; the service suite's browser story imports them as well."""

import os
import re
import shutil
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

# pytest-django's live_server (session-scoped, created on first use) listens here: the loopback address,
# not a name that might resolve to ::1.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "Laurel-test-2024"  # tests.factories.UserFactory's password
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Look:
    """How the app is seen: the interface language and the screen (a laptop, or a phone held upright)."""

    language: str
    width: int
    height: int
    phone: bool = False

    @property
    def name(self) -> str:
        return f"{self.language}-{self.width}"

    def context_options(self) -> dict:
        options = {"viewport": {"width": self.width, "height": self.height},
                   "locale": "vi-VN" if self.language == "vi" else "en-US"}
        if self.phone:
            options.update(is_mobile=True, has_touch=True)
        return options


def desktop(language: str) -> Look:
    return Look(language, 1366, 768)


def phone(language: str) -> Look:
    return Look(language, 390, 844, phone=True)


@pytest.fixture
def look():
    """Vietnamese on a laptop; a test parametrises `look` to see the app otherwise."""
    return desktop("vi")


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
    """Numbered screenshots of one test: shots(page, "step") writes <NN-step>.png (the whole page)."""

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
def shots(request, look):
    return Shots(SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.originalname) / look.name)


@pytest.fixture
def browse(request, browser, live_url, shots, look):
    """browse(user=None) → a page in a fresh browser context (own cookies) in the test's look: the language
    is picked in the top bar of the login page, then the user (if any) logs in through the real form.
    Contexts are closed after the test; when the test failed, every open page is screenshotted first
    (failure-*.png beside the step screenshots)."""
    contexts = []

    def open_page(user=None):
        context = browser.new_context(base_url=live_url, accept_downloads=True, **look.context_options())
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        choose_language(page, look.language)
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


def open_menu(page):
    """On a narrow screen the top bar folds into a menu button: open it (as people do) when it is closed."""
    toggler = page.locator("nav.navbar .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))


def choose_language(page, language: str):
    """The language buttons of the top bar (VI, EN); Vietnamese is what a new visitor gets."""
    if page.locator("html").get_attribute("lang") != language:
        open_menu(page)
        page.locator("nav.navbar").get_by_role("button", name=language.upper(), exact=True).click()
        expect(page.locator("html")).to_have_attribute("lang", language)


def login(page, username: str, password: str = PASSWORD):
    """The login form, in whatever language the page is in."""
    from django.utils import translation

    if "/login/" not in page.url:
        page.goto("/login/")
    language = page.locator("html").get_attribute("lang")
    with translation.override(language):
        log_in = translation.gettext("Log in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("main").get_by_role("button", name=log_in, exact=True).click()
    page.wait_for_url(lambda url: "/login/" not in url)
