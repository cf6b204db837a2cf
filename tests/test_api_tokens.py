"""API tokens: stored hashed and shown once, expiring, revocable, throttled, with their last use recorded;
the admin never shows a full key; the tokens of DRF's plain-text table are converted."""

import importlib
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from api.models import ApiToken, hash_key


def header(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def admin_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def test_only_the_hash_of_a_key_is_stored(reviewer):
    token, key = ApiToken.issue(reviewer)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in str(stored) and stored["key_hash"] == hash_key(key) and stored["prefix"] == key[:8]


def test_a_token_expires_after_the_configured_days(client, reviewer, settings):
    settings.LAUREL_API_TOKEN_DAYS = 30
    token, key = ApiToken.issue(reviewer)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert client.get("/api/units/", **header(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/units/", **header(key))
    assert response.status_code == 401 and response.json()["detail"] == "Mã truy cập đã hết hạn."


def test_the_default_lifetime_is_ninety_days():
    from django.conf import settings

    assert settings.LAUREL_API_TOKEN_DAYS == 90


def test_a_revoked_token_or_an_inactive_user_is_refused(client, make_user):
    user = make_user(Role.REVIEWER)
    token, key = ApiToken.issue(user)
    token.revoke()
    assert client.get("/api/units/", **header(key)).status_code == 401
    _token, other = ApiToken.issue(user)
    user.is_active = False
    user.save()
    assert client.get("/api/units/", **header(other)).status_code == 401


def test_the_last_use_is_recorded(client, reviewer):
    token, key = ApiToken.issue(reviewer)
    assert token.last_used_at is None
    client.get("/api/units/", **header(key))
    token.refresh_from_db()
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < timedelta(minutes=1)


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"user": "1000/hour", "anon": "1000/hour", **rates}}


def test_calls_are_throttled_per_user(client, settings, make_user):
    _rates(settings, user="3/hour")
    user = make_user(Role.REVIEWER)
    keys = [ApiToken.issue(user)[1] for _ in range(2)]  # two tokens of one user share the budget
    statuses = [client.get("/api/units/", **header(keys[i % 2])).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = ApiToken.issue(make_user(Role.REVIEWER))[1]
    assert client.get("/api/units/", **header(other)).status_code == 200


def test_anonymous_calls_are_throttled_per_address(db, settings):
    _rates(settings, anon="2/hour")
    here = Client(REMOTE_ADDR="192.0.2.1")
    assert [here.get("/api/schema/").status_code for _ in range(3)] == [200, 200, 429]
    spoofed = Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert spoofed.get("/api/schema/").status_code == 429  # the header does not make a new address
    assert Client(REMOTE_ADDR="192.0.2.2").get("/api/schema/").status_code == 200


# ---- the admin ---------------------------------------------------------------------------------------------

def test_the_admin_creates_a_token_and_shows_its_key_once(admin_client, reviewer):
    response = admin_client.post(reverse("admin:api_apitoken_add"), {
        "user": reviewer.pk, "name": "Hệ thống nhân sự",
        "expires_at_0": (timezone.localdate() + timedelta(days=10)).isoformat(), "expires_at_1": "08:00:00"})
    assert response.status_code == 200, response.content.decode()[:3000]
    token = ApiToken.objects.get(user=reviewer)
    key = response.context["key"]
    assert token.key_hash == hash_key(key) and key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert Client().get("/api/units/", **header(key)).status_code == 200
    for url in (reverse("admin:api_apitoken_changelist"), reverse("admin:api_apitoken_change", args=[token.pk])):
        page = admin_client.get(url).content.decode()
        assert f"{token.prefix}…" in page and key not in page and token.key_hash not in page


def test_the_admin_lists_prefix_and_last_use_never_the_key(admin_client, reviewer, client):
    token, key = ApiToken.issue(reviewer, name="HRM")
    client.get("/api/units/", **header(key))
    page = admin_client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert key not in page and key[8:20] not in page and f"{token.prefix}…" in page
    assert "Lần dùng gần nhất" in page or "last used" in page.lower()
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_admin_revokes_tokens(admin_client, reviewer, client):
    token, key = ApiToken.issue(reviewer)
    response = admin_client.post(reverse("admin:api_apitoken_changelist"),
                                 {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert client.get("/api/units/", **header(key)).status_code == 401


# ---- the command ---------------------------------------------------------------------------------------

def test_the_command_prints_the_key_once_and_honours_days(reviewer, client):
    out = io.StringIO()
    call_command("create_api_token", reviewer.username, "--days", "7", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=reviewer)
    assert token.expires_at - token.created_at == timedelta(days=7)
    assert client.get("/api/units/", **header(key)).status_code == 200


# ---- the tokens of DRF's plain-text table ---------------------------------------------------------------

def test_plain_text_tokens_are_converted_and_their_table_dropped(client, reviewer):
    legacy = "4c0ffee0" + "a" * 32
    with connection.cursor() as cursor:
        cursor.execute('CREATE TABLE "authtoken_token" ("key" varchar(40) PRIMARY KEY, "created" timestamp '
                       'NULL, "user_id" bigint NOT NULL)')
        cursor.execute('INSERT INTO "authtoken_token" ("key", "created", "user_id") VALUES (%s, %s, %s)',
                       [legacy, timezone.now(), reviewer.pk])
    migration = importlib.import_module("api.migrations.0002_convert_plaintext_tokens")
    migration.convert(apps, SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=reviewer)
    assert token.prefix == "4c0ffee0" and token.key_hash == hash_key(legacy)
    assert client.get("/api/units/", **header(legacy)).status_code == 200  # the old key goes on working
    assert token.expires_at > timezone.now() + timedelta(days=89)  # until it expires
