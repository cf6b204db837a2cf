"""Web security: CSRF on every POST, the Content-Security-Policy on every page, no inline script or
style in any template, login throttling, password rules, uploads judged by content and size, user input
always escaped, and an audit trail that neither the UI nor the admin can edit or delete."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent
from nominations import services
from nominations.models import Attachment, BundleExport, Dossier, Transition
from tests.factories import UserFactory

from .helpers_world import ROLES, TINY_PDF
from .test_access_matrix import MATRIX, fingerprint

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def url_of(world, name):
    row = MATRIX[name]
    return reverse(name, args=row.args(world) if row.args else None) + row.query


def allowed_role(name, outcomes=("ok",)):
    """A role that gets `outcomes` from this URL (the first in ROLES order), or None."""
    return next((role for role in ROLES if MATRIX[name].outcomes[role] in outcomes), None)


def client_for(world, role, **kwargs):
    client = Client(**kwargs)
    if role and world.users[role] is not None:
        client.force_login(world.users[role])
    return client


# ---- CSRF ---------------------------------------------------------------------------------------------

def test_every_url_refuses_a_post_without_a_csrf_token(shared_world, db):
    """Every URL, GET pages included (they may hold forms), for a role that may use it. The JSON API is
    left out: it authenticates by a token header, never by cookie, so a forged cross-site request
    carries no credentials (test_the_api_ignores_the_session_cookie)."""
    world = shared_world
    accepted = []
    for name, row in MATRIX.items():
        if row.api:
            continue
        role = allowed_role(name, ("ok", "done", "noop")) or "officer_a"
        client = client_for(world, role, enforce_csrf_checks=True)
        before = fingerprint()
        data = row.data(world) if row.data else {}
        response = client.post(url_of(world, name), data)
        if response.status_code != 403 or fingerprint() != before:
            accepted.append(f"{name} ({role}): {response.status_code}")
    assert not accepted, f"POST without a CSRF token not refused: {accepted}"


def test_the_api_ignores_the_session_cookie(shared_world, db):
    world = shared_world
    client = client_for(world, "administrator", enforce_csrf_checks=True)
    assert client.get(reverse("api:unit-list")).status_code == 401
    response = client.post(reverse("api:import_par"), [], content_type="application/json")
    assert response.status_code == 401


def test_a_post_with_the_token_passes_the_csrf_check(shared_world, db):
    world = shared_world
    """The refusal above is the CSRF check, not something else: with the token the move happens."""
    client = client_for(world, "officer_a", enforce_csrf_checks=True)
    page = client.get(url_of(world, "nominations:dossier_detail"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(url_of(world, "nominations:dossier_submit"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=world.draft.pk).state == "submitted"


# ---- Content-Security-Policy and templates ------------------------------------------------------------

def test_every_html_page_carries_a_strict_content_security_policy(shared_world, db):
    world = shared_world
    missing = []
    pages = 0
    for name, row in MATRIX.items():
        role = allowed_role(name)
        if row.method != "get" or role is None:
            continue
        response = client_for(world, role).get(url_of(world, name))
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages += 1
        csp = response.get("Content-Security-Policy", "")
        if ("script-src 'self'" not in csp or "style-src 'self'" not in csp or "unsafe-inline" in csp
                or "unsafe-eval" in csp or "object-src 'none'" not in csp):
            missing.append(f"{name}: {csp!r}")
    assert pages >= 30
    assert not missing, missing


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def project_templates():
    return sorted(
        p for p in ROOT.rglob("*.html")
        if "templates" in p.parts and not {".venv", "var", "node_modules", "artifacts"} & set(p.parts)
    )


def test_no_template_has_inline_script_event_handlers_or_style_attributes():
    templates = project_templates()
    assert len(templates) > 30
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for label, pattern in (("inline <script>", INLINE_SCRIPT), ("on*= handler", EVENT_ATTRIBUTE),
                               ("style= attribute", STYLE_ATTRIBUTE), ("javascript: URL", JS_URL)):
            for match in pattern.finditer(text):
                line = text[: match.start()].count("\n") + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {label}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("snippet, bad", [
    ("<script>alert(1)</script>", True), ('<script src="/static/x.js"></script>', False),
    ('<button onclick="x()">', True), ('<div class="a"\n     style="color:red">', True),
    ('<a href="javascript:alert(1)">', True), ('<div data-style="x" class="onclick">', False),
])
def test_the_template_scanner_catches_what_it_should(snippet, bad):
    hits = [p for p in (INLINE_SCRIPT, EVENT_ATTRIBUTE, STYLE_ATTRIBUTE, JS_URL) if p.search(snippet)]
    assert bool(hits) == bad


# ---- login throttling and passwords --------------------------------------------------------------------

def test_four_failures_do_not_lock_but_the_fifth_does(db):
    UserFactory(username="canbo", password="Mật-khẩu-dài-2024")
    client = Client()
    for _ in range(4):
        assert client.post("/login/", {"username": "canbo", "password": "sai-mat-khau"}).status_code == 200
    assert client.post("/login/", {"username": "canbo", "password": "Mật-khẩu-dài-2024"}).status_code == 302
    client.post("/logout/")
    for _ in range(5):
        client.post("/login/", {"username": "canbo", "password": "sai-mat-khau"})
    locked = client.post("/login/", {"username": "canbo", "password": "Mật-khẩu-dài-2024"})
    assert locked.status_code == 429
    assert client.get("/").status_code == 302  # not signed in


@pytest.mark.parametrize("password", ["ngắn-1", "1234567890123", "password1234", "qwertyuiop", "nguyenvanan2024"])
def test_weak_passwords_are_refused(db, password):
    user = UserFactory.build(username="nguyenvanan", full_name="Nguyễn Văn An", email="nguyenvanan@example.gov.vn")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted(db):
    validate_password("Khánh-Hòa-thi-đua-2025", UserFactory.build(username="nguyenvanan"))


# ---- uploads --------------------------------------------------------------------------------------------

def _upload(world, name, content):
    client = client_for(world, "officer_a")
    return client.post(reverse("nominations:attachment_upload", args=[world.draft.pk]),
                       {"kind": "other", "file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize("name, content", [
    ("to-trinh.pdf", b"MZ\x90\x00 not a pdf at all"),  # a Windows program named .pdf
    ("anh.png", b"<html><script>alert(1)</script></html>"),
    ("bang.xlsx", b"PK\x03\x04 not really a zip"),
    ("empty.pdf", b""),
])
def test_uploads_are_judged_by_content(shared_world, db, name, content):
    world = shared_world
    before = Attachment.objects.count()
    response = _upload(world, name, content)
    assert response.status_code == 200
    assert Attachment.objects.count() == before


def test_an_upload_named_wrongly_is_stored_as_what_it_is(shared_world, db):
    world = shared_world
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    _upload(world, "../../etc/passwd.pdf", png)
    attachment = Attachment.objects.latest("pk")
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "passwd.png"  # the name follows the content (issue 10, item 8)
    assert attachment.file.name.endswith(".png") and ".." not in attachment.file.name


def test_oversized_uploads_are_refused(shared_world, db, settings):
    world = shared_world
    settings.LAUREL_MAX_UPLOAD_MB = 1
    before = Attachment.objects.count()
    response = _upload(world, "lon.pdf", TINY_PDF + b"0" * (1024 * 1024))
    assert Attachment.objects.count() == before
    assert "1 MB" in response.content.decode()


def test_oversized_imports_are_refused(shared_world, db, settings):
    world = shared_world
    settings.LAUREL_MAX_IMPORT_MB = 1
    client = client_for(world, "administrator")
    big = ("code,name,kind,parent_code\n" + "X,Y,agency,\n" * 120_000).encode()
    assert len(big) > 1024 * 1024
    response = client.post(reverse("units:import"), {"kind": "units", "file": SimpleUploadedFile("u.csv", big)})
    assert response.status_code == 200
    assert "1 MB" in response.content.decode()
    assert not world.unit_a.__class__.objects.filter(code="X").exists()


# ---- escaping ------------------------------------------------------------------------------------------

def test_user_input_is_escaped_on_every_page(shared_world, db):
    world = shared_world
    """The payload goes into every free-text field a user can fill; no page may echo it raw."""
    person = world.person_a
    person.full_name = f"Nguyễn {PAYLOAD}"
    person.position = PAYLOAD
    person.save()
    world.unit_a.name = f"Sở {PAYLOAD}"
    world.unit_a.save()
    world.draft.title = f"Tờ trình {PAYLOAD}"
    world.draft.save()
    services.update_nominee(world.nominee_draft, world.users["officer_a"], achievement=PAYLOAD,
                            justification=PAYLOAD)
    world.nominee_sub.subject_name = PAYLOAD
    world.nominee_sub.save()
    services.return_for_revision(world.submitted, world.users["reviewer"], PAYLOAD, {world.nominee_sub.pk: PAYLOAD})
    Certificate.objects.filter(pk=world.cert_a.pk).update(recipient_name=PAYLOAD)
    from certificates.services import revoke

    revoke(Certificate.objects.get(pk=world.cert_a.pk), by=world.users["chair"], reason=PAYLOAD,
           public_reason="other", public_text=PAYLOAD)
    Attachment.objects.filter(pk=world.attachment.pk).update(original_name=f"{PAYLOAD}.pdf")

    raw, shown = [], set()
    for name, row in MATRIX.items():
        if row.method != "get":
            continue
        for role in ("officer_a", "reviewer", "chair", "administrator", "anonymous"):
            if row.outcomes[role] != "ok":
                continue
            response = client_for(world, role).get(url_of(world, name))
            if response.streaming or not response["Content-Type"].startswith("text/html"):
                continue  # JSON, PDF, DOCX, XLSX, PNG, SVG: not rendered by a browser as a page
            body = response.content.decode("utf-8", "replace")
            if PAYLOAD in body:
                raw.append(f"{name} as {role}")
            if ESCAPED in body:
                shown.add(name)
    assert not raw, f"unescaped user input on: {raw}"
    must_show = {"units:person_detail", "units:unit_detail", "nominations:dossier_detail", "nominations:dossier_list",
                 "nominations:inbox", "certificates:detail", "certificates:verify", "nominations:queue"}
    assert must_show <= shown, must_show - shown


# ---- the audit trail -----------------------------------------------------------------------------------

def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    return request


@pytest.mark.parametrize("model", [Transition, CertificateEvent, Certificate, Dossier, BundleExport])
def test_the_admin_grants_no_change_or_delete_on_audit_records_even_to_superusers(db, model):
    request = _superuser_request()
    model_admin = admin.site._registry.get(model)
    if model_admin is None:  # not registered at all: nothing to edit there
        assert model is CertificateEvent
        return
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_add_permission(request)


def test_certificate_events_inline_is_read_only(db):
    request = _superuser_request()
    certificate_admin = admin.site._registry[Certificate]
    for inline in certificate_admin.get_inline_instances(request):
        if inline.model is CertificateEvent:
            assert not inline.has_add_permission(request, None)
            assert not inline.has_delete_permission(request, None)
            assert inline.can_delete is False


def test_superuser_cannot_delete_or_edit_the_audit_trail_over_http(shared_world, db):
    world = shared_world
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    transition = Transition.objects.filter(dossier=world.submitted).first()
    for url in (f"/admin/nominations/transition/{transition.pk}/delete/",
                f"/admin/nominations/dossier/{world.submitted.pk}/delete/",
                f"/admin/certificates/certificate/{world.cert_a.pk}/delete/"):
        assert client.post(url, {"post": "yes"}).status_code == 403, url
    change = client.post(f"/admin/nominations/transition/{transition.pk}/change/", {"comment": "sửa"})
    assert change.status_code == 403
    bulk = client.post("/admin/nominations/transition/", {"action": "delete_selected",
                                                           "_selected_action": [transition.pk], "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert Transition.objects.filter(pk=transition.pk, comment=transition.comment).exists()
    assert CertificateEvent.objects.filter(certificate=world.cert_a).exists()


def test_no_site_url_edits_or_deletes_audit_rows():
    """The access matrix lists every URL; none of them is about transitions or certificate events."""
    assert not [n for n in MATRIX if "transition" in n or "event" in n or "audit" in n]
