"""One small province with every kind of object the site serves, built with the factories and the
services, and one user per role. Unit A and unit B are siblings under the province: an officer of B
must never reach A's records."""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from certificates.models import CertificateTemplate, PrintBatch, PrinterProfile
from nominations import services
from nominations.enums import DossierState, NomineeState, VoteSessionState
from nominations.models import Decision, DecisionLine, Notification, PublicComment, VoteSession
from tests.factories import ParResultFactory, PersonFactory, UnitFactory, UserFactory
from tests.factories_certificates import DecidedHonourFactory, issue
from tests.factories_nominations import CampaignFactory, DossierFactory, NomineeFactory, complete_dossier

# "superuser" is Django's superuser with staff access and no role: being a superuser grants no right in
# the workflow (accounts/rules.py), so it gets what a signed-in user without a role gets.
ROLES = ("anonymous", "officer_a", "officer_b", "reviewer", "council", "chair", "clerk", "administrator",
         "superuser")
ROLE_GROUPS = {
    "officer_a": (Role.UNIT_OFFICER,),
    "officer_b": (Role.UNIT_OFFICER,),
    "reviewer": (Role.REVIEWER,),
    "council": (Role.COUNCIL_MEMBER,),
    "chair": (Role.CHAIR,),
    "clerk": (Role.CLERK,),
    "administrator": (Role.ADMINISTRATOR,),
    "superuser": (),
}
STAFF = {"administrator", "superuser"}
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)  # API tokens by role
    clients: dict = field(default_factory=dict)  # signed-in test clients by role (shared worlds only)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def build_world(*, with_batch_file: bool = True) -> World:
    world = World()
    province = UnitFactory(code="TINH", name="Tỉnh Khánh Hòa", kind="province")
    unit_a = UnitFactory(code="UA", name="Sở A", parent=province)
    unit_b = UnitFactory(code="UB", name="Sở B", parent=province)
    for role, groups in ROLE_GROUPS.items():
        unit = unit_a if role == "officer_a" else unit_b if role == "officer_b" else None
        world.users[role] = UserFactory(username=role, roles=groups, unit=unit, email=f"{role}@example.gov.vn",
                                        is_staff=role in STAFF, is_superuser=role == "superuser")
    world.users["anonymous"] = None
    person_a = PersonFactory(code="PA1", unit=unit_a)
    person_b = PersonFactory(code="PB1", unit=unit_b)
    campaign = CampaignFactory()
    officer_a = world.users["officer_a"]

    # A draft of unit A with a nominee and an attachment; a submitted one waiting for the Board.
    draft = services.create_dossier(campaign, unit_a, officer_a, title="Tờ trình nháp")
    nominee_draft = NomineeFactory(dossier=draft, person=person_a, award_id="LDTT")
    attachment = services.add_attachment(
        draft, officer_a, SimpleUploadedFile("to-trinh.pdf", TINY_PDF, content_type="application/pdf"), "other")
    complete_dossier(draft, [nominee_draft])  # what submit requires (the other files have no bytes on disk)
    submitted = services.create_dossier(campaign, unit_a, officer_a, title="Tờ trình đã gửi")
    nominee_sub = NomineeFactory(dossier=submitted, person=PersonFactory(code="PA2", unit=unit_a), award_id="LDTT")
    complete_dossier(submitted)
    services.submit(submitted, officer_a)
    draft_b = DossierFactory(campaign=campaign, unit=unit_b)

    # Council: an open round with one accepted nominee, and a closed round for the minutes.
    council_dossier = DossierFactory(campaign=campaign, unit=unit_a, state=DossierState.IN_COUNCIL)
    open_vote = VoteSession.objects.create(campaign=campaign, title="Phiên 1", state=VoteSessionState.OPEN,
                                           opens_at=timezone.now(), members_total=1)
    nominee_vote = NomineeFactory(dossier=council_dossier, person=PersonFactory(code="PA3", unit=unit_a),
                                  award_id="BK_TINH", state=NomineeState.ACCEPTED, vote_session=open_vote,
                                  vote_passed=True)
    closed_vote = VoteSession.objects.create(campaign=campaign, title="Phiên 0", state=VoteSessionState.CLOSED,
                                             members_total=1, closed_at=timezone.now())
    decision = Decision.objects.create(
        campaign=campaign, issuer="UBND", year=2025, sequence=1, number="1/QĐ-UBND",
        decided_on=datetime.date(2025, 1, 15), signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH",
        base_salary=2_340_000,
    )
    nominee_approved = NomineeFactory(dossier=council_dossier, person=PersonFactory(code="PA6", unit=unit_a),
                                      award_id="BK_TINH", state=NomineeState.APPROVED, vote_session=closed_vote,
                                      vote_passed=True)
    NomineeFactory(dossier=council_dossier, person=PersonFactory(code="PA7", unit=unit_a), award_id="BK_TINH",
                   state=NomineeState.ACCEPTED)  # waiting for a vote to be opened
    nominee_passed = NomineeFactory(dossier=council_dossier, person=PersonFactory(code="PA8", unit=unit_a),
                                    award_id="BK_TINH", state=NomineeState.ACCEPTED, vote_session=closed_vote,
                                    vote_passed=True, votes_for=1, votes_against=0, votes_abstain=0)  # to approve
    # The public posting: a dossier in council posted from today, one public comment on its nominee.
    posted_dossier = DossierFactory(campaign=campaign, unit=unit_a, state=DossierState.IN_COUNCIL,
                                    posting_from=timezone.localdate(),
                                    posting_until=timezone.localdate() + datetime.timedelta(days=9))
    nominee_posted = NomineeFactory(dossier=posted_dossier, person=PersonFactory(code="PA9", unit=unit_a),
                                    award_id="BK_TINH", state=NomineeState.ACCEPTED)
    public_comment = PublicComment.objects.create(nominee=nominee_posted, text="Đề nghị xem lại thành tích",
                                                  ip_hash="0" * 32)
    person_a5 = PersonFactory(code="PA5", unit=unit_a)  # not nominated yet
    awarded = NomineeFactory(dossier=council_dossier, person=PersonFactory(code="PA4", unit=unit_a),
                             award_id="BK_TINH", state=NomineeState.AWARDED)
    DecisionLine.objects.create(decision=decision, nominee=awarded, award_id="BK_TINH",
                                subject_name=awarded.subject_name, unit_name=unit_a.name, multiple=1,
                                amount=2_340_000)
    par_a = ParResultFactory(unit=unit_a, year=2024, score=91)

    # Certificates: one for a person of unit A, one for a person of unit B; a finished print batch.
    cert_a, cert_b = issue(DecidedHonourFactory(person=person_a), DecidedHonourFactory(person=person_b))
    batch = PrintBatch.objects.create(title="Đợt in 1", total=1)
    batch.certificates.set([cert_a])
    if with_batch_file:
        from certificates import batches

        batches.run_batch(batch.pk)
        batch.refresh_from_db()
    printer = PrinterProfile.objects.create(name="Máy in phòng 3", offset_x_mm=0.5)
    template = CertificateTemplate.objects.order_by("pk").first()
    note = Notification.objects.create(recipient=officer_a, message_type="dossier_returned", subject="Trả lại",
                                       body="Vui lòng bổ sung", url=f"/nominations/dossiers/{draft.pk}/")

    from awards import judging
    from awards.models import EligibilityRun

    run = EligibilityRun.objects.create(campaign=campaign, on=datetime.date(2025, 3, 1), awards=["LDTT", "TTLDTT"],
                                        chunk_size=5000)
    for index in judging.plan_run(run.pk):
        judging.run_chunk(run.pk, index)

    from api.models import ApiToken

    world.tokens = {role: ApiToken.issue(user)[1] for role, user in world.users.items() if user}
    world.objects.update(
        province=province, unit_a=unit_a, unit_b=unit_b, person_a=person_a, person_b=person_b, campaign=campaign,
        draft=draft, nominee_draft=nominee_draft, attachment=attachment, submitted=submitted,
        nominee_sub=nominee_sub, draft_b=draft_b, council_dossier=council_dossier, open_vote=open_vote,
        nominee_vote=nominee_vote, closed_vote=closed_vote, nominee_approved=nominee_approved, person_a5=person_a5,
        nominee_passed=nominee_passed, nominee_posted=nominee_posted, public_comment=public_comment,
        decision=decision, cert_a=cert_a, cert_b=cert_b,
        batch=batch, printer=printer, template=template, note=note, par_a=par_a, honour_a=cert_a.honour,
        eligibility_run=run,
    )
    return world
