"""The chair's side: numbered award decisions with their annex, entering the honour history."""


from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.campaign_rules import CampaignRules
from awards.enums import AwardForm, CertificateKind
from certificates.services import issue_certificates
from units.enums import HonourKind
from units.models import Honour, Initiative

from .. import notifications
from ..enums import Move, NomineeState
from ..models import Decision, DecisionLine, DecisionRegister, Nominee
from .common import lock_dossier, require, set_nominee_state
from .errors import FieldRefused, MoveRefused
from .review import close_if_settled


def format_number(sequence: int, issuer: str) -> str:
    return f"{sequence}/QĐ-{issuer}"


def take_number(issuer: str, year: int) -> int:
    """The next number of the issuer's register for the year; the register row stays locked until commit."""
    DecisionRegister.objects.get_or_create(issuer=issuer, year=year)
    register = DecisionRegister.objects.select_for_update().get(issuer=issuer, year=year)
    # A register left behind its decisions (restored backup, hand edit) catches up instead of colliding.
    used = Decision.objects.filter(issuer=issuer, year=year).aggregate(n=Max("sequence"))["n"] or 0
    register.last_number = max(register.last_number, used) + 1
    register.save(update_fields=["last_number"])
    return register.last_number


# An achievement longer than this is a report, not the one line printed on a certificate.
MAX_PRINTED_ACHIEVEMENT = 300


def printed_achievement(nominee) -> str:
    """The "Đã có thành tích …" line from a nominee's achievement, or "" to let the certificate use its
    default (always for titles, which print "Đã đạt danh hiệu …", and for long achievement reports)."""
    text = " ".join(nominee.achievement.split())
    if not text or nominee.award.form == AwardForm.EMULATION_TITLE or len(text) > MAX_PRINTED_ACHIEVEMENT:
        return ""
    if text.lower().startswith("đã "):
        return text
    return "Đã có thành tích " + text[0].lower() + text[1:]


def default_issuer_line() -> str:
    return f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {settings.LAUREL_PROVINCE_NAME}".upper()


def check_decision_date(decided_on, nominees, today=None):
    """A decision is not dated in the future, nor before the council vote any of its nominees rests on."""
    today = today or timezone.localdate()
    if decided_on > today:
        raise FieldRefused(_("A decision cannot be dated in the future (today is %(today)s).")
                           % {"today": f"{today:%d/%m/%Y}"}, field="decided_on")
    for nominee in nominees:
        session = nominee.vote_session
        if session is None or session.closed_at is None:
            continue
        closed_on = timezone.localdate(session.closed_at)
        if decided_on < closed_on:
            raise FieldRefused(
                _("A decision cannot be dated before the council vote it rests on: “%(vote)s” closed on %(date)s.")
                % {"vote": session.title, "date": f"{closed_on:%d/%m/%Y}"}, field="decided_on")


HONOUR_KIND_OF_CAMPAIGN = {"adhoc": HonourKind.AD_HOC}


def honour_kind(campaign_kind: str) -> str:
    """The honour's kind from its campaign's: only annual honours build chains."""
    kind = HONOUR_KIND_OF_CAMPAIGN.get(campaign_kind, campaign_kind)
    return kind if kind in HonourKind.values else HonourKind.ANNUAL


def mark_initiatives_used(campaign, rules, nominees) -> int:
    """Record the initiatives each awarded person's verdict counted as used by that award (an initiative
    serves one award); those already used by another award were not counted, so they are left alone."""
    if not nominees:
        return 0
    verdicts = rules.evaluate_many([(n.person, n.award) for n in nominees])
    marked = 0
    for nominee, verdict in zip(nominees, verdicts, strict=True):
        titles = {item["title"] for c in verdict.criteria if c.kind == "initiatives"
                  for item in c.evidence.get("initiatives", ())}
        if titles:
            marked += Initiative.objects.filter(person=nominee.person, title__in=titles,
                                                used_for_award__isnull=True).update(
                used_for_award=nominee.award, used_for_year=campaign.year)
    return marked


def _check_nominees(campaign, nominees, decided_on):
    for nominee in nominees:
        if nominee.campaign_id != campaign.pk:
            raise MoveRefused(_("%(name)s belongs to another campaign.") % {"name": nominee.subject_name})
        if nominee.state != NomineeState.APPROVED:
            raise MoveRefused(_("%(name)s is “%(state)s”, not approved; it may have been decided already.")
                              % {"name": nominee.subject_name, "state": NomineeState(nominee.state).label})
    check_decision_date(decided_on, nominees)


def cash_amount(nominee, rules, base_salary) -> tuple[Decimal, int]:
    """The award's cash multiple under the campaign's rules and its amount for the base salary."""
    kind = "collective" if nominee.is_collective else "person"
    return rules.cash_multiple(nominee.award, kind), rules.cash_amount(nominee.award, kind, base_salary=base_salary)


def peek_number(issuer: str, year: int) -> str:
    """The number the issuer's register would give next, read without taking it (a concurrent decision
    may take it first: the confirmed decision gets the register's number at that moment)."""
    register = DecisionRegister.objects.filter(issuer=issuer, year=year).first()
    used = Decision.objects.filter(issuer=issuer, year=year).aggregate(n=Max("sequence"))["n"] or 0
    return format_number(max(register.last_number if register else 0, used) + 1, issuer)


def preview_decision(campaign, by, nominees, *, decided_on, base_salary=None, issuer=None, **_fields) -> dict:
    """What decide() would do with the same input, written nowhere: the number to be given, the annex
    lines with their amounts and the total. Refuses (MoveRefused) as decide() would."""
    require(by, "nominations.decide")
    issuer = (issuer or campaign.decision_issuer).strip()
    rules = CampaignRules.for_campaign(campaign, on=decided_on)
    base_salary = int(base_salary or rules.base_salary(decided_on))
    ids = sorted({n.pk if isinstance(n, Nominee) else int(n) for n in nominees})
    if not ids:
        raise MoveRefused(_("Choose the approved nominees to decide on."))
    chosen = list(Nominee.objects.filter(pk__in=ids).select_related("award", "person__unit__parent", "unit__parent",
                                                                     "vote_session")
                  .order_by("award_id", "subject_name", "pk"))
    _check_nominees(campaign, chosen, decided_on)
    lines = []
    for nominee in chosen:
        multiple, amount = cash_amount(nominee, rules, base_salary)
        lines.append({"nominee": nominee, "unit_name": awardee_unit_name(nominee), "multiple": multiple,
                      "amount": amount})
    return {"number": peek_number(issuer, decided_on.year), "lines": lines,
            "total": sum(line["amount"] for line in lines), "base_salary": base_salary}


def awardee_unit_name(nominee) -> str:
    """The unit a decision's line names: the person's unit, or the collective itself, with its parent (many
    units share a name: "Văn phòng Sở — Sở Y tế")."""
    unit = nominee.unit if nominee.is_collective else nominee.person.unit
    return unit.name_with_parent


def decide(campaign, by, nominees, *, decided_on, signer_name, signer_title, base_salary=None, issuer=None,
           issuer_line="", place=""):
    """Turn approved nominees of one campaign into a numbered decision with a cash annex; each award is
    entered as an Honour (source "decision") so that later eligibility sees it, and every award that has a
    certificate gets its certificate record (registry number, verification token) in the same transaction."""
    require(by, "nominations.decide")
    issuer = (issuer or campaign.decision_issuer).strip()
    issuer_line = (issuer_line or default_issuer_line()).strip()
    place = (place or settings.LAUREL_PROVINCE_NAME).strip()
    rules = CampaignRules.for_campaign(campaign, on=decided_on)
    base_salary = int(base_salary or rules.base_salary(decided_on))
    ids = sorted({n.pk if isinstance(n, Nominee) else int(n) for n in nominees})
    if not ids:
        raise MoveRefused(_("Choose the approved nominees to decide on."))
    try:
        return _decide(campaign, rules, by, ids, decided_on=decided_on, signer_name=signer_name,
                       signer_title=signer_title, base_salary=base_salary, issuer=issuer,
                       issuer_line=issuer_line, place=place)
    except IntegrityError as exc:  # nothing was written: the transaction rolled back
        raise MoveRefused(_("The decision could not be recorded: it conflicts with another record of the "
                            "register QĐ-%(issuer)s for %(year)s. Nothing was changed; please try again.")
                          % {"issuer": issuer, "year": decided_on.year}) from exc


def _decide(campaign, rules, by, ids, *, decided_on, signer_name, signer_title, base_salary, issuer, issuer_line,
            place):
    with transaction.atomic():
        dossier_ids = sorted(set(Nominee.objects.filter(pk__in=ids).values_list("dossier_id", flat=True)))
        dossiers = {pk: lock_dossier(pk) for pk in dossier_ids}
        locked = list(Nominee.objects.select_for_update(of=("self",)).filter(pk__in=ids)
                      .select_related("award", "person__unit__parent", "unit__parent", "vote_session")
                      .order_by("pk"))
        _check_nominees(campaign, locked, decided_on)
        sequence = take_number(issuer, decided_on.year)
        decision = Decision.objects.create(
            campaign=campaign, issuer=issuer, year=decided_on.year, sequence=sequence,
            number=format_number(sequence, issuer), decided_on=decided_on, signer_name=signer_name,
            signer_title=signer_title, issuer_line=issuer_line, place=place, base_salary=base_salary,
            created_by=by,
        )
        total = 0
        certified, achievements = [], {}
        for nominee in locked:
            multiple, amount = cash_amount(nominee, rules, base_salary)
            total += amount
            DecisionLine.objects.create(decision=decision, nominee=nominee, award=nominee.award,
                                        subject_name=nominee.subject_name, unit_name=awardee_unit_name(nominee),
                                        multiple=multiple, amount=amount)
            honour, _created = Honour.objects.update_or_create(
                year=campaign.year, award=nominee.award,
                person=nominee.person if not nominee.is_collective else None,
                unit=nominee.unit if nominee.is_collective else None,
                defaults={"decision_number": decision.number, "decided_on": decided_on,
                          "source": Honour.Source.DECISION, "kind": honour_kind(campaign.kind)},
            )
            if nominee.award.certificate_kind != CertificateKind.NONE:
                certified.append(honour)
                text = printed_achievement(nominee)
                if text:
                    achievements[honour.pk] = text
            set_nominee_state(nominee, NomineeState.AWARDED, Move.DECIDE, by, decision.number)
        decision.total_amount = total
        decision.save(update_fields=["total_amount"])
        mark_initiatives_used(campaign, rules, [n for n in locked if not n.is_collective])
        if certified:
            issue_certificates(certified, issuer_code=issuer, issuer_title=issuer_line, signer_title=signer_title,
                               signer_name=signer_name, place=place, achievements=achievements, by=by)
        for dossier in dossiers.values():
            close_if_settled(dossier, by)
            count = sum(1 for n in locked if n.dossier_id == dossier.pk)
            notifications.notify(
                notifications.DECISION_ISSUED, notifications.unit_officers(dossier.unit),
                {"number": decision.number, "date": f"{decided_on:%d/%m/%Y}", "count": count, "code": dossier.code},
                url=reverse("nominations:dossier_detail", args=[dossier.pk]),
            )
    return decision


def publish(decision, by):
    """Post a decision's awardees in the public registry (idempotent)."""
    require(by, "nominations.decide")
    with transaction.atomic():
        locked = type(decision).objects.select_for_update().get(pk=decision.pk)
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at"])
    decision.published_at = locked.published_at
    return decision
