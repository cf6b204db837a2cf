"""Project-level behaviour: settings, deploy checks, login/logout, language, static files, translations."""

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

from accounts.roles import Role

ROOT = Path(__file__).resolve().parents[1]


def test_production_settings_pass_check_deploy(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT"}}
    env.update(
        SECRET_KEY="z7" * 30 + "-production-like-key",
        ALLOWED_HOSTS="laurel.example.gov.vn",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",  # production mails for real
        DJANGO_SETTINGS_MODULE="config.settings",
        LAUREL_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict(tmp_path):
    """Secure cookies, HSTS for a year with subdomains, HTTPS redirect, a CSP without unsafe-inline."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT",
                                                            "SECURE_HSTS_SECONDS"}}
    env.update(SECRET_KEY="z7" * 30 + "-production-like-key", ALLOWED_HOSTS="laurel.example.gov.vn",
               DJANGO_SETTINGS_MODULE="config.settings", LAUREL_VAR_DIR=str(tmp_path))
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({k: "
        "getattr(s, k) for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        " 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'X_FRAME_OPTIONS',"
        " 'SECURE_CONTENT_TYPE_NOSNIFF']} | {'csp': {k: [str(x) for x in v] for k, v in s.SECURE_CSP.items()},"
        " 'validators': len(s.AUTH_PASSWORD_VALIDATORS), 'axes': s.AXES_FAILURE_LIMIT}))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["validators"] >= 4 and values["axes"] == 5
    flat = " ".join(x for sources in values["csp"].values() for x in sources)
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat
    assert values["csp"]["script-src"] == ["'self'"] and values["csp"]["object-src"] == ["'none'"]


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", LAUREL_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_role_groups_exist(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_administrator_group_can_manage_registry(db):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="administrator").permissions.values_list("codename", flat=True))
    assert {"change_person", "add_parresult", "change_unit", "view_honour"} <= codenames


def test_login_logout_and_vietnamese_by_default(client, make_user):
    make_user(Role.REVIEWER, username="reviewer1", password="Mật-khẩu-dài-2024")
    page = client.get("/login/")
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    response = client.post("/login/", {"username": "reviewer1", "password": "Mật-khẩu-dài-2024"})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    body = home.content.decode()
    assert "Chuyên viên Ban Thi đua – Khen thưởng" in body and "Đăng xuất" in body
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_english_can_be_chosen(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Log out" in body and "Board reviewer" in body


def test_wrong_password_is_refused_and_repeated_failures_lock_out(client, make_user):
    make_user(Role.CLERK, username="clerk1", password="Mật-khẩu-dài-2024")
    for _ in range(5):
        response = client.post("/login/", {"username": "clerk1", "password": "sai"})
        assert response.status_code in (200, 429)
    locked = client.post("/login/", {"username": "clerk1", "password": "Mật-khẩu-dài-2024"})
    assert locked.status_code == 429


def test_security_headers_and_no_cdn(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    body = response.content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in body
    # Every script and stylesheet comes from the app itself (a random CSRF token may contain any letters,
    # so the check looks at the addresses only).
    addresses = re.findall(r'(?:src|href)="([^"]*)"', body)
    assert addresses and all(a.startswith("/") or a.startswith("#") for a in addresses), addresses


def test_bootstrap_is_served_by_the_app(client):
    response = client.get("/static/bootstrap/css/bootstrap.min.css")
    assert response.status_code == 200


def test_every_catalogue_is_fully_translated_and_compiled():
    catalogues = [p for p in ROOT.rglob("locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts]
    assert catalogues
    for path in catalogues:
        po = polib.pofile(str(path))
        untranslated = [e.msgid for e in po.untranslated_entries()]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        assert not untranslated and not fuzzy, f"{path}: untranslated {untranslated[:5]}, fuzzy {fuzzy[:5]}"
    result = subprocess.run([sys.executable, "scripts/compile_messages.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("role", [r for r in Role.values])
def test_every_role_reaches_its_start_page(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/")
    assert response.status_code == 200
    with translation.override("vi"):
        assert str(Role(role).label) in response.content.decode()


def test_vietnamese_even_when_the_browser_asks_for_english(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng xuất" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log out" in client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def test_labels_built_at_import_follow_the_chosen_language(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    assert "Chấp nhận trình Hội đồng" in client.get("/nominations/queue/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Accept for council" in client.get("/nominations/queue/").content.decode()
