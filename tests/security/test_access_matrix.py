"""The access-control matrix: every URL of the project against every role, declared as data.

Each row names a URL pattern, how to call it (method, arguments from the world in world.py, POST data)
and what each role gets; a form view's row also has a `post` row, a POST with data that would make the
move, so that every form is tried by every role and not only shown. Every other view is POSTed to as
well (`test_a_post_to_any_other_view_changes_nothing`). The roles include a superuser with no role:
being a superuser grants nothing in the workflow. The outcomes:
  "ok"          200
  "login"       302 to the login page (anonymous)
  "admin_login" 302 to the admin's login page (staff-only views)
  "done"        302 and the database changed (the move happened)
  "noop"        302 and nothing changed (the move was refused with a message, or there was nothing to do)
  403 / 404 / 405  as such
Every outcome other than "done" must leave the database unchanged. A URL pattern missing from the table
fails `test_every_url_pattern_is_in_the_matrix`, so a new view cannot ship without a decision here.
"""

import json
import time
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from awards.models import EligibilityRun
from certificates.models import Certificate, CertificateEvent, PrintBatch
from nominations.models import (
    Attachment,
    Ballot,
    Decision,
    Dossier,
    Nominee,
    Notification,
    PublicComment,
    Transition,
    VoteSession,
)
from nominations.models.council import Conflict
from reports import challenge
from units.models import Honour, Person, Unit

from .helpers_world import ROLES, STAFF, TINY_PDF

EXCLUDED_PREFIXES = ("admin/", "i18n/")


def first_rule_set() -> int:
    from awards.models import RuleSet

    return RuleSet.objects.order_by("effective_from").values_list("pk", flat=True).first()


def expect(default, *, anonymous="login", **per_role):
    """Outcomes for every role: `default` for each signed-in role unless named."""
    unknown = set(per_role) - set(ROLES)
    assert not unknown, unknown
    return {"anonymous": anonymous, **{role: per_role.get(role, default) for role in ROLES[1:]}}


# The superuser holds no role: it sees no unit's records (404) and may not open the Board's pages (403).
UNSCOPED = {"superuser": 404}


PRINTERS = {"clerk": "ok", "chair": "ok", "administrator": "ok"}
QUEUE = {"reviewer": "ok", "chair": "ok", "administrator": "ok"}
VOTES = {"reviewer": "ok", "council": "ok", "chair": "ok", "administrator": "ok"}
# The public's comments: the Board and the chair, and the council members who read them (no answering).
COMMENT_READERS = {"reviewer": "ok", "council": "ok", "chair": "ok", "administrator": "ok"}
OFFICERS_403 = {"officer_a": 403, "officer_b": 403, "superuser": 403}


def solved_comment(pk):
    """A public comment form answered right, as a person would send it (the question issued a minute ago)."""
    question = challenge.issue(pk, issued_at=time.time() - 60)
    return {"text": "Tôi xác nhận thành tích này", "contact": "", "token": question.token,
            "answer": question.first + question.second}


def api(args=None, outcomes=None, **kwargs):
    return Row(args, outcomes or expect("ok", anonymous=401), api=True, **kwargs)



@dataclass
class Row:
    args: object = None  # a function of the world giving the URL's arguments
    outcomes: dict = field(default_factory=dict)
    method: str = "get"
    data: object = None  # a function of the world giving the POST data
    query: str = ""
    api: bool = False  # the JSON API authenticates by token (anonymous: 401), not by session
    own_client: bool = False  # ends the session, so not with a shared signed-in client
    post: "Row | None" = None  # a form view: the POST that submits the form (same URL arguments)


def form(args, outcomes, data, post_outcomes, **kwargs):
    """A form view: GET shows the form, POST with `data` submits it."""
    return Row(args, outcomes, post=Row(args, post_outcomes, method="post", data=data), **kwargs)


MATRIX = {
    # accounts
    "home": Row(outcomes=expect("ok")),
    "login": form(None, expect("noop", anonymous="ok"), lambda w: {"username": "chair", "password": "sai-mat-khau"},
                  expect("noop", anonymous="ok")),
    "logout": Row(method="post", outcomes=expect("login"), own_client=True),
    "password_change": Row(outcomes=expect("ok")),
    "password_change_done": Row(outcomes=expect("ok")),
    "password_reset": Row(outcomes=expect("ok", anonymous="ok")),
    "password_reset_done": Row(outcomes=expect("ok", anonymous="ok")),
    "password_reset_confirm": Row(lambda w: ["MQ", "not-a-token"], expect("ok", anonymous="ok")),
    "password_reset_complete": Row(outcomes=expect("ok", anonymous="ok")),
    # registry
    "units:person_list": Row(outcomes=expect("ok")),
    "units:person_detail": Row(lambda w: [w.person_a.code], expect("ok", officer_b=404, **UNSCOPED)),
    "units:import": form(None, expect(403, administrator="ok"), lambda w: {
        "kind": "units", "file": SimpleUploadedFile("units.csv", "code,name,kind,parent_code\nUC,Sở C,agency,TINH\n"
                                                    .encode(), content_type="text/csv")},
        expect(403, administrator="ok")),
    "units:unit_list": Row(outcomes=expect("ok")),
    # The pickers' JSON: any role (each finds its scope, see tests/test_pickers.py); no role, no lookup.
    "units:lookup_people": Row(outcomes=expect("ok", superuser=403), query="?q=a"),
    "units:lookup_units": Row(outcomes=expect("ok", superuser=403), query="?q=a"),
    "units:unit_detail": Row(lambda w: [w.unit_a.code], expect("ok", officer_b=404, **UNSCOPED)),
    "awards:check": Row(outcomes=expect("ok", officer_b=404, **UNSCOPED),
                        query="?subject_kind=person&code=PA1&award=LDTT&year=2024&campaign_kind=annual"),
    "awards:rule_sets": Row(outcomes=expect("ok")),
    "awards:rule_set_detail": Row(lambda w: [first_rule_set()], expect("ok")),
    # campaign-wide eligibility runs: the reviewers start them, the reviewers and the chair read them
    "awards:campaign_runs": Row(outcomes=expect(403, **QUEUE)),
    "awards:run_start": form(lambda w: [w.campaign.pk], expect(403, reviewer="ok", administrator="ok"), None,
                             expect(403, reviewer="done", administrator="done")),
    "awards:run_detail": Row(lambda w: [w.eligibility_run.pk], expect(403, **QUEUE)),
    "awards:run_status": Row(lambda w: [w.eligibility_run.pk], expect(403, **QUEUE)),
    "awards:run_export": Row(lambda w: [w.eligibility_run.pk, "csv"], expect(403, **QUEUE)),
    # the unit's dossiers
    "nominations:dossier_list": Row(outcomes=expect("ok")),
    "nominations:dossier_create": form(
        None, expect(403, officer_a="ok", officer_b="ok"),
        lambda w: {"campaign": w.campaign.pk, "unit": w.unit_a.pk, "title": "Tờ trình mới"},
        expect(403, officer_a="done", officer_b="ok")),  # unit A is not among officer B's choices
    "nominations:dossier_detail": Row(lambda w: [w.draft.pk], expect("ok", officer_b=404, **UNSCOPED)),
    "nominations:dossier_edit": form(
        lambda w: [w.draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
        lambda w: {"title": "Tờ trình đã sửa"}, expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    # irreversible moves: a GET page says what will happen, the POST makes the move
    "nominations:dossier_submit": form(lambda w: [w.draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
                                       None, expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    "nominations:dossier_recall": form(lambda w: [w.submitted.pk],
                                       expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
                                       None, expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    "nominations:dossier_delete": form(lambda w: [w.draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
                                       None, expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    "nominations:nominee_add": form(
        lambda w: [w.draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
        lambda w: {"person": w.person_a5.pk, "award": "LDTT", "achievement": "Hoàn thành xuất sắc",
                   "justification": "Đề nghị của đơn vị"},
        expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    "nominations:nominee_bulk_add": form(
        lambda w: [w.draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
        lambda w: {"file": SimpleUploadedFile("ds.csv", b"person,PA5,KHONG_CO\n",
                                              content_type="text/csv")},  # refused row by row: a 200 report
        expect(403, officer_a="ok", officer_b=404, **UNSCOPED)),
    "nominations:attachment_upload": Row(lambda w: [w.draft.pk],
                                         expect(403, officer_a="done", officer_b=404, **UNSCOPED), method="post",
                                         data=lambda w: {"kind": "other", "file": SimpleUploadedFile(
                                             "bo-sung.pdf", TINY_PDF, content_type="application/pdf")}),
    "nominations:nominee_edit": form(
        lambda w: [w.nominee_draft.pk], expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
        lambda w: {"achievement": "Thành tích đã sửa", "justification": "Lý do"},
        expect(403, officer_a="done", officer_b=404, **UNSCOPED)),
    "nominations:nominee_delete": form(lambda w: [w.nominee_draft.pk],
                                       expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
                                       None, expect("noop", officer_a="done", officer_b=404, **UNSCOPED)),
    # the dossier whole (PDF, attachments, manifest): whoever may open the dossier; a GET only
    "nominations:dossier_bundle": Row(lambda w: [w.draft.pk], expect("ok", officer_b=404, **UNSCOPED)),
    "nominations:attachment_download": Row(lambda w: [w.attachment.pk], expect("ok", officer_b=404, **UNSCOPED)),
    "nominations:attachment_delete": form(lambda w: [w.attachment.pk],
                                          expect(403, officer_a="ok", officer_b=404, **UNSCOPED),
                                          None, expect("noop", officer_a="done", officer_b=404, **UNSCOPED)),
    # the Board's review
    "nominations:dossier_receive": Row(lambda w: [w.submitted.pk],
                                       expect("noop", officer_b=404, reviewer="done", administrator="done",
                                              **UNSCOPED), method="post"),
    "nominations:dossier_return": form(
        lambda w: [w.submitted.pk], expect(403, officer_b=404, reviewer="ok", administrator="ok", **UNSCOPED),
        lambda w: {"comment": "Bổ sung biên bản họp"},
        expect(403, officer_b=404, reviewer="done", administrator="done", **UNSCOPED)),
    "nominations:dossier_forward": form(
        lambda w: [w.submitted.pk], expect(403, officer_b=404, reviewer="ok", administrator="ok", **UNSCOPED),
        lambda w: {"comment": "Trình Hội đồng"},
        expect(403, officer_b=404, reviewer="done", administrator="done", **UNSCOPED)),
    "nominations:nominee_accept": Row(lambda w: [w.nominee_sub.pk],
                                      expect("noop", officer_b=404, reviewer="done", administrator="done",
                                             **UNSCOPED), method="post"),
    "nominations:nominee_approve": Row(lambda w: [w.nominee_vote.pk],
                                       expect("noop", officer_b=404, reviewer="done", chair="done",
                                              administrator="done", **UNSCOPED), method="post"),
    "nominations:nominee_reject": form(
        lambda w: [w.nominee_sub.pk],
        expect(403, officer_b=404, reviewer="ok", chair="ok", administrator="ok", **UNSCOPED),
        lambda w: {"reason": "Chưa đủ tiêu chuẩn"},
        # the chair refuses nominees in council only: this one is still before the Board (form shown again)
        expect(403, officer_b=404, reviewer="done", chair="ok", administrator="done", **UNSCOPED)),
    "nominations:comment_list": Row(outcomes=expect(403, **COMMENT_READERS), query="?state=new&q=nguyen"),
    "nominations:comment_answer": form(
        lambda w: [w.public_comment.pk], expect(403, reviewer="ok", administrator="ok"),
        lambda w: {"state": "answered", "answer": "Đã xác minh với đơn vị"},
        expect(403, reviewer="done", administrator="done")),
    "nominations:queue": Row(outcomes=expect(403, **QUEUE)),
    "nominations:queue_export": Row(lambda w: ["csv"], expect(403, **QUEUE)),
    "nominations:queue_bulk": Row(outcomes=expect(403, **QUEUE), method="post",
                                  data=lambda w: {"action": "accept", "pk": [w.nominee_sub.pk]}),
    # the council
    "nominations:vote_list": Row(outcomes=expect(403, **VOTES)),
    "nominations:vote_open": form(
        None, expect(403, reviewer="ok", chair="ok", administrator="ok"),
        lambda w: {"campaign": w.campaign.pk, "title": "Phiên 2"},
        expect(403, reviewer="done", chair="done", administrator="done")),
    "nominations:vote_detail": Row(lambda w: [w.open_vote.pk], expect(403, **VOTES)),
    "nominations:vote_cast": Row(lambda w: [w.open_vote.pk], expect("noop", council="done"), method="post",
                                 data=lambda w: {f"n_{w.nominee_vote.pk}": "for"}),
    "nominations:vote_conflicts": form(lambda w: [w.open_vote.pk], expect(403, council="ok"),
                                       lambda w: {"nominee": w.nominee_vote.pk, "action": "declare",
                                                  "reason": "Người thân"},
                                       expect(403, council="done")),
    "nominations:vote_close": form(lambda w: [w.open_vote.pk],
                                   expect(403, reviewer="ok", chair="ok", administrator="ok"),
                                   None, expect("noop", reviewer="done", chair="done", administrator="done")),
    "nominations:vote_approve": form(lambda w: [w.closed_vote.pk],
                                     expect(403, reviewer="ok", chair="ok", administrator="ok"),
                                     lambda w: {"nominee": [w.nominee_passed.pk]},
                                     expect(403, reviewer="done", chair="done", administrator="done")),
    "nominations:vote_minutes": Row(lambda w: [w.closed_vote.pk], expect(403, **VOTES)),
    # decisions
    "nominations:decision_list": Row(outcomes=expect("ok", **OFFICERS_403)),
    "nominations:lookup_decisions": Row(outcomes=expect("ok", **OFFICERS_403), query="?q=qd"),
    "nominations:decision_create": form(
        lambda w: [w.campaign.pk], expect(403, chair="ok", administrator="ok"),
        lambda w: {"confirm": "1", "decided_on": timezone.localdate().isoformat(), "signer_name": "Nguyễn Văn Thắng",
                   "signer_title": "CHỦ TỊCH",
                   "base_salary": 2_340_000, "issuer": "SNV", "nominee": [w.nominee_approved.pk]},
        expect(403, chair="done", administrator="done")),
    "nominations:decision_detail": Row(lambda w: [w.decision.pk], expect("ok", **OFFICERS_403)),
    "nominations:decision_download": Row(lambda w: [w.decision.pk, "pdf"], expect("ok", **OFFICERS_403)),
    "nominations:decision_bundle": Row(lambda w: [w.decision.pk], expect("ok", **OFFICERS_403)),
    "nominations:decision_publish": form(lambda w: [w.decision.pk], expect(403, chair="ok", administrator="ok"),
                                         None, expect(403, chair="done", administrator="done")),
    # No signer is configured in the matrix's world: the chair's POST is refused with a message (noop).
    "nominations:decision_sign": form(lambda w: [w.decision.pk], expect(403, chair="ok", administrator="ok"),
                                      lambda w: {"confirm": "1"}, expect(403, chair="noop", administrator="noop")),
    # the inbox (only one's own notifications)
    "nominations:inbox": Row(outcomes=expect("ok")),
    "nominations:inbox_open": Row(lambda w: [w.note.pk], expect(404, officer_a="done"), method="post"),
    "nominations:inbox_read_all": Row(outcomes=expect("noop", officer_a="done", reviewer="done"), method="post"),
    # certificates
    "certificates:list": Row(outcomes=expect("ok")),
    "certificates:detail": Row(lambda w: [w.cert_a.pk], expect("ok", officer_b=404, **UNSCOPED)),
    "certificates:pdf": Row(lambda w: [w.cert_a.pk], expect(403, **PRINTERS)),
    "certificates:revoke": Row(lambda w: [w.cert_a.pk],
                               expect(403, officer_b=404, chair="done", administrator="done", **UNSCOPED),
                               method="post",
                               data=lambda w: {"confirm": "1", "reason": "Khen sai đối tượng",
                                               "public_reason": "decision_annulled",
                                               "revoked_on": "2025-02-15"}),
    "certificates:reissue": Row(lambda w: [w.cert_a.pk],
                                expect(403, officer_b=404, clerk="done", chair="done", administrator="done",
                                       **UNSCOPED),
                                method="post", data=lambda w: {"reason": "Bị mất"}),
    "certificates:verify_lookup": Row(outcomes=expect("ok", anonymous="ok")),
    "certificates:verify": Row(lambda w: [w.cert_a.token], expect("ok", anonymous="ok")),
    "certificates:batch_list": form(None, expect(403, **PRINTERS), lambda w: {"decision_number":
                                                                           w.cert_a.decision_number, "mode": "full"},
                                    expect(403, clerk="done", chair="done", administrator="done")),
    "certificates:batch_detail": Row(lambda w: [w.batch.pk], expect(403, **PRINTERS)),
    "certificates:batch_status": Row(lambda w: [w.batch.pk], expect(403, **PRINTERS)),
    "certificates:batch_cancel": Row(lambda w: [w.batch.pk],
                                     expect(403, clerk="noop", chair="noop", administrator="noop"), method="post"),
    "certificates:batch_download": Row(lambda w: [w.batch.pk, "pdf"], expect(403, **PRINTERS)),
    "certificates:template_preview": Row(lambda w: [w.template.pk, "png"],
                                         expect("admin_login", anonymous="admin_login", administrator="ok",
                                                superuser="ok")),
    "certificates:template_preview_live": Row(
        lambda w: [w.template.pk], expect("admin_login", anonymous="admin_login", administrator="ok",
                                          superuser="ok"),
        method="post", data=lambda w: {"layout": json.dumps(w.template.layout)}),
    "certificates:printer_calibration": Row(lambda w: [w.printer.pk], expect(403, **PRINTERS)),
    # reports: the dashboard for everyone (scoped), the province-wide reports for the Board's roles
    "reports:dashboard": Row(outcomes=expect("ok")),
    "reports:chart": Row(lambda w: ["awards-by-form"], expect("ok")),
    "reports:report": Row(outcomes=expect("ok", **OFFICERS_403)),
    "reports:report_xlsx": Row(outcomes=expect("ok", **OFFICERS_403)),
    "reports:report_pdf": Row(outcomes=expect("ok", **OFFICERS_403)),
    "public:registry": Row(outcomes=expect("ok", anonymous="ok")),
    # the public posting: anyone reads it and comments (answering the question against robots)
    "public:posting": Row(outcomes=expect("ok", anonymous="ok")),
    "public:posting_nominee": form(lambda w: [w.nominee_posted.pk], expect("ok", anonymous="ok"),
                                   lambda w: solved_comment(w.nominee_posted.pk),
                                   expect("done", anonymous="done")),
    # the health check: public, the same for everyone (503 here: no Celery worker runs in this suite)
    "healthz": Row(outcomes=expect(503, anonymous=503)),
    # the JSON API (token authentication), scoped like the pages
    "api:schema": api(outcomes=expect("ok", anonymous="ok")),
    "api:docs": api(outcomes=expect("ok", anonymous="ok")),
    "api:import_ratings": api(outcomes=expect(403, anonymous=401, administrator=400), method="post"),
    "api:import_par": api(outcomes=expect(403, anonymous=401, administrator=400), method="post"),
    "api:import_heads": api(outcomes=expect(403, anonymous=401, administrator=400), method="post"),
    "api:import_assignments": api(outcomes=expect(403, anonymous=401, administrator=400), method="post"),
    "api:import_reorganisations": api(outcomes=expect(403, anonymous=401, administrator=400), method="post"),
    "api:unit-list": api(),
    "api:unit-detail": api(lambda w: [w.unit_a.pk], expect("ok", anonymous=401, officer_b=404, **UNSCOPED)),
    "api:par-result-list": api(),
    "api:par-result-detail": api(lambda w: [w.par_a.pk], expect("ok", anonymous=401, officer_b=404, **UNSCOPED)),
    "api:campaign-list": api(),
    "api:campaign-detail": api(lambda w: [w.campaign.pk]),
    # the same permission as the decision pages: no decision for unit officers, published or not
    "api:decision-list": api(outcomes=expect("ok", anonymous=401, **OFFICERS_403)),
    "api:decision-detail": api(lambda w: [w.decision.pk], expect("ok", anonymous=401, **OFFICERS_403)),
    "api:award-list": api(),
    "api:award-detail": api(lambda w: [w.honour_a.pk], expect("ok", anonymous=401, officer_b=404, **UNSCOPED)),
}


def url_pattern_names(patterns=None, prefix="", namespace=""):
    """Every named URL pattern of the project (namespace:name), with its route, outside admin/ and i18n/."""
    found = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(url_pattern_names(pattern.url_patterns, route, inner))
        elif isinstance(pattern, URLPattern):
            found[f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {route}>"] = route
    return found


def test_every_url_pattern_is_in_the_matrix():
    patterns = url_pattern_names()
    missing = sorted(f"{name} ({route})" for name, route in patterns.items() if name not in MATRIX)
    stale = sorted(set(MATRIX) - set(patterns))
    assert not missing, f"URL patterns with no row in the access matrix: {missing}"
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


def fingerprint():
    """What a request must not change unless it is meant to."""
    return (
        sorted(Dossier.objects.values_list("pk", "state", "title")),
        sorted(Nominee.objects.values_list("pk", "state", "achievement")),
        Transition.objects.count(), Attachment.objects.count(), Ballot.objects.count(),
        sorted(Conflict.objects.values_list("pk", "removed_at")),
        sorted(VoteSession.objects.values_list("pk", "state")),
        sorted(Certificate.objects.values_list("pk", "state")), CertificateEvent.objects.count(),
        sorted(PrintBatch.objects.values_list("pk", "state")),
        sorted(EligibilityRun.objects.values_list("pk", "state")),
        Notification.objects.filter(read_at__isnull=True).count(),
        sorted(Decision.objects.values_list("pk", "published_at", "signed_at")),
        sorted(PublicComment.objects.values_list("pk", "state")),
        Person.objects.count(), Unit.objects.count(), Honour.objects.count(),
        Group.objects.count(),
    )


def outcome_of(response, changed):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("login")):
            return "login"
        if location.startswith("/admin/login/"):
            return "admin_login"
        return "done" if changed else "noop"
    return "ok" if response.status_code == 200 else response.status_code


def call(world, role, name, row):
    if row.api:
        client = Client()
        if world.users[role] is not None:
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {world.tokens[role]}"
    elif role in world.clients and not row.own_client:
        client = world.clients[role]
    else:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
    url = reverse(name, args=row.args(world) if row.args else None) + row.query
    data = row.data(world) if row.data else {}
    response = getattr(client, row.method)(url, data)
    if hasattr(response, "close"):  # release file downloads now, without the request_finished handler that
        request_finished.disconnect(close_old_connections)  # would close the module's shared connection
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return response


def restore_files(world):
    """A database rollback does not bring back a deleted file; put the attachment's bytes back."""
    storage, name = world.attachment.file.storage, world.attachment.file.name
    if not storage.exists(name):
        with open(storage.path(name), "wb") as handle:
            handle.write(TINY_PDF)


CASES = [(name, "get" if row.method == "get" else "post") for name, row in sorted(MATRIX.items())]
CASES += [(name, "post") for name, row in sorted(MATRIX.items()) if row.post is not None]


@pytest.mark.parametrize("name, method", CASES)
def test_access_matrix(shared_world, db, name, method):
    world = shared_world
    row = MATRIX[name] if MATRIX[name].method == method else MATRIX[name].post
    wrong = []
    for role in ROLES:
        savepoint = transaction.savepoint()  # each role starts from the same world
        try:
            before = fingerprint()
            response = call(world, role, name, row)
            changed = fingerprint() != before
            got = outcome_of(response, changed)
            expected = row.outcomes[role]
            if got != expected:
                wrong.append(f"{role}: expected {expected}, got {got} ({response.status_code})")
            elif changed and got != "done":
                wrong.append(f"{role}: {got} but the database changed")
        finally:
            transaction.savepoint_rollback(savepoint)
            restore_files(world)
    assert not wrong, f"{name}: " + "; ".join(wrong)


OTHER_VIEWS = sorted(name for name, row in MATRIX.items() if row.method == "get" and row.post is None)


@pytest.mark.parametrize("name", OTHER_VIEWS)
def test_a_post_to_any_other_view_changes_nothing(shared_world, db, name):
    """The views that are not forms are POSTed to as well, by every role: nothing may change, and no
    error is a server error."""
    world = shared_world
    row = MATRIX[name]
    wrong = []
    for role in ROLES:
        savepoint = transaction.savepoint()
        try:
            before = fingerprint()
            response = call(world, role, name, Row(row.args, row.outcomes, method="post", query=row.query,
                                                   api=row.api))
            if fingerprint() != before:
                wrong.append(f"{role}: the database changed")
            if response.status_code >= 500:
                wrong.append(f"{role}: {response.status_code}")
        finally:
            transaction.savepoint_rollback(savepoint)
            restore_files(world)
    assert not wrong, f"POST {name}: " + "; ".join(wrong)


@pytest.mark.parametrize("name, arg", [
    ("units:person_detail", lambda w: w.person_b.code), ("units:unit_detail", lambda w: w.unit_b.code),
    ("nominations:dossier_detail", lambda w: w.draft_b.pk), ("certificates:detail", lambda w: w.cert_b.pk),
])
def test_officer_b_sees_unit_bs_own_records_and_officer_a_does_not(shared_world, db, name, arg):
    world = shared_world
    url = reverse(name, args=[arg(world)])
    b, a = Client(), Client()
    b.force_login(world.users["officer_b"])
    a.force_login(world.users["officer_a"])
    assert b.get(url).status_code == 200
    assert a.get(url).status_code == 404


@pytest.mark.parametrize("role", [r for r in ROLES if r not in STAFF])
def test_only_staff_open_the_admin(shared_world, db, role):
    world = shared_world
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get("/admin/nominations/transition/").status_code == 302


def test_the_administrator_opens_the_admin(shared_world, db):
    world = shared_world
    client = Client()
    client.force_login(world.users["administrator"])
    assert client.get("/admin/").status_code == 200
