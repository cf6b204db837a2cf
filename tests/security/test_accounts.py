"""Accounts: the password reset by e-mail, the forced change for accounts an administrator creates, the
session length and sessions ended by a password change, and the login lock-out per username+address and
per address alone."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Laurel-test-2024"  # the factories' password
NEW_PASSWORD = "Khánh-Hòa-thi-đua-2025"


def login(username, password=PASSWORD, address="127.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def signed_in(client) -> bool:
    response = client.get(reverse("home"))
    return response.status_code == 200


# ---- password reset by e-mail --------------------------------------------------------------------------

def test_the_login_page_links_to_the_password_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in html
    assert "Quên mật khẩu?" in html  # Vietnamese first


def _reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/password/reset/\S+/)", message.body).group(1)


def test_a_reset_by_e_mail_sets_a_new_password_and_ends_every_session(db):
    user = UserFactory(username="thuky", email="thuky@example.gov.vn", must_change_password=True)
    elsewhere, _response = login("thuky")
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "THUKY@example.gov.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert [m.to for m in mail.outbox] == [["thuky@example.gov.vn"]]
    message = mail.outbox[0]
    assert message.subject == "Laurel: đặt mật khẩu mới" and "thuky" in message.body
    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                                          "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.must_change_password
    assert not signed_in(elsewhere)  # the session opened with the old password has ended
    assert login("thuky", NEW_PASSWORD)[1].status_code == 302
    again = client.get(link, follow=True)  # the link works once
    assert not again.context["validlink"]
    assert "Liên kết này không hợp lệ" in again.content.decode()


def test_the_reset_does_not_reveal_whether_an_address_exists(db):
    UserFactory(username="canbo", email="canbo@example.gov.vn")
    answers = []
    for address in ("canbo@example.gov.vn", "khong-co@example.gov.vn"):
        response = Client().post(reverse("password_reset"), {"email": address}, follow=True)
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        answers.append((response.status_code, response.redirect_chain, body))
    assert answers[0] == answers[1]
    assert len(mail.outbox) == 1


def test_the_reset_form_cannot_flood_a_mailbox(db):
    UserFactory(username="banthiDua", email="btd@example.gov.vn")
    statuses = []
    for index in range(8):
        client = Client(REMOTE_ADDR=f"198.51.100.{index}")
        statuses.append(client.post(reverse("password_reset"), {"email": "btd@example.gov.vn"}).status_code)
    assert statuses == [302] * 8  # the same answer every time
    assert len(mail.outbox) == 5


@pytest.mark.parametrize("language, texts", [
    ("vi", ["Quên mật khẩu?", "Gửi liên kết", "Quay lại đăng nhập"]),
    ("en", ["Forgot password?", "Send the link", "Back to log in"]),
])
def test_the_reset_pages_are_translated(db, language, texts):
    client = Client()
    client.cookies["django_language"] = language
    html = client.get(reverse("password_reset")).content.decode()
    assert all(text in html for text in texts), html
    assert 'class="navbar' in html  # in the site's layout


# ---- forced change at first login -------------------------------------------------------------------------

def _admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def test_an_account_an_administrator_creates_must_change_its_password_first(administrator):
    response = _admin_client(administrator).post(reverse("admin:accounts_user_add"), {
        "username": "uyvien6", "usable_password": "true", "password1": "Tam-thoi-2026-x", "password2":
        "Tam-thoi-2026-x", "full_name": "Lê Văn Sáu", "groups": []})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="uyvien6")
    assert user.must_change_password

    client, response = login("uyvien6", "Tam-thoi-2026-x")
    assert response.status_code == 302
    for url in (reverse("home"), reverse("nominations:dossier_list"), reverse("admin:index")):
        page = client.get(url)
        assert page.status_code == 302 and page["Location"] == reverse("password_change"), url
    form = client.get(reverse("password_change"))
    assert "Quản trị viên đã đặt mật khẩu cho bạn" in form.content.decode()
    same = client.post(reverse("password_change"), {"old_password": "Tam-thoi-2026-x",
                                                    "new_password1": "Tam-thoi-2026-x",
                                                    "new_password2": "Tam-thoi-2026-x"})
    assert same.status_code == 200 and "phải khác mật khẩu hiện tại" in same.content.decode()
    changed = client.post(reverse("password_change"), {"old_password": "Tam-thoi-2026-x",
                                                       "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert changed.status_code == 302 and changed["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert not user.must_change_password
    assert signed_in(client)  # the session where the password changed stays open


def test_a_password_an_administrator_sets_must_be_changed(administrator, make_user):
    user = make_user(Role.REVIEWER)
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    member, _response = login(user.username)
    response = _admin_client(administrator).post(url, {"usable_password": "true", "password1": "Mat-khau-moi-77x",
                                                       "password2": "Mat-khau-moi-77x"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.must_change_password and user.check_password("Mat-khau-moi-77x")
    assert not signed_in(member)  # the administrator's change ends the member's sessions
    client, _response = login(user.username, "Mat-khau-moi-77x")
    assert client.get(reverse("home"))["Location"] == reverse("password_change")


def test_administrators_setting_their_own_password_are_not_asked_again(administrator):
    client = _admin_client(administrator)
    url = reverse("admin:auth_user_password_change", args=[administrator.pk])
    response = client.post(url, {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert not administrator.must_change_password and signed_in(client)


def test_the_demo_logins_work_straight_away(db):
    from units.demo.logins import ensure_demo_users
    from units.demo.tree import DEMO_LOGINS

    get_user_model().objects.create_user("reviewer", must_change_password=True)  # even one flagged before
    ensure_demo_users("laurel-demo-2026")
    for demo in DEMO_LOGINS[:3]:
        client, response = login(demo.username, "laurel-demo-2026")
        assert response.status_code == 302 and signed_in(client), demo.username


# ---- sessions ----------------------------------------------------------------------------------------

def test_a_session_lasts_eight_hours_by_default(db):
    UserFactory(username="hoidong")
    client, response = login("hoidong")
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert client.session.get_expiry_age() == 8 * 3600


def test_the_session_length_is_a_setting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(LAUREL_SESSION_HOURS="2", DJANGO_SETTINGS_MODULE="config.settings_test", LAUREL_VAR_DIR=str(tmp_path))
    script = ("import json, django; django.setup(); from django.conf import settings as s; "
              "print(json.dumps(s.SESSION_COOKIE_AGE))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == 2 * 3600


def test_changing_the_password_ends_the_other_sessions(db):
    UserFactory(username="chutich")
    here, _response = login("chutich")
    there, _response = login("chutich", address="10.1.1.1")
    response = here.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                      "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert signed_in(here)
    assert not signed_in(there)
    assert there.get(reverse("home"))["Location"].startswith(reverse("login"))


# ---- login lock-out ------------------------------------------------------------------------------------

def _fail(username, address, times, **extra):
    client = Client(REMOTE_ADDR=address, **extra)
    statuses = [client.post(reverse("login"), {"username": username, "password": "sai-mat-khau"}).status_code
                for _ in range(times)]
    return statuses


def test_failures_from_another_address_do_not_lock_out_a_member(db):
    """Someone elsewhere (or behind another NAT) who guesses at council1's password locks only their own
    address out of that account."""
    UserFactory(username="council1")
    assert _fail("council1", "203.0.113.7", 6)[-1] == 429
    assert login("council1", address="203.0.113.7")[1].status_code == 429
    assert login("council1", address="198.51.100.20")[1].status_code == 302


def test_many_accounts_from_one_address_are_stopped(db):
    """Forty failures at ten accounts from one address (four each: no single account reaches its limit of
    five) lock that address out, even for a right password of an eleventh account; other addresses go on."""
    for index in range(11):
        UserFactory(username=f"uyvien{index}")
    statuses = [status for index in range(10) for status in _fail(f"uyvien{index}", "192.0.2.50", 4)]
    assert 429 not in statuses[:39] and statuses[39] == 429
    assert login("uyvien10", address="192.0.2.50")[1].status_code == 429
    assert login("uyvien10", address="192.0.2.51")[1].status_code == 302


def test_behind_the_proxy_a_client_cannot_choose_its_address(db, settings):
    """With LAUREL_BEHIND_PROXY the address is the one the proxy appended to X-Forwarded-For; what the client
    put before it does not make a new address."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    UserFactory(username="council2")
    statuses = [Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 203.0.113.9").post(
        reverse("login"), {"username": "council2", "password": "sai"}).status_code for i in range(6)]
    assert statuses[-1] == 429
    other = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert other.post(reverse("login"), {"username": "council2", "password": PASSWORD}).status_code == 302
