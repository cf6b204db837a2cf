"""Without Chromium the browser tests skip on a developer's machine and fail on CI."""

from pathlib import Path

import pytest

from . import fixtures


def test_missing_chromium_skips_locally_and_fails_on_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(fixtures, "CHROMIUM", Path(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        fixtures.require_chromium()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="missing on CI"):
        fixtures.require_chromium()


def test_present_chromium_is_accepted(monkeypatch, tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setattr(fixtures, "CHROMIUM", browser)
    monkeypatch.setenv("CI", "1")
    fixtures.require_chromium()  # neither skips nor fails
