"""The moves on certificates: issue (with registry numbers), revoke, issue a duplicate.

Every move locks the rows it changes inside a transaction and writes a CertificateEvent. Registry
numbers come from a RegistryCounter row locked with select_for_update, so no number is given twice,
whatever runs concurrently or reruns after a crash."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import AwardForm

from .enums import CertificateState, RevocationReason
from .models import Certificate, CertificateEvent, CertificateTemplate, RegistryCounter
from .placeholders import nfc

SALUTATIONS = {"male": "Ông", "female": "Bà"}


def default_achievement(honour) -> str:
    if honour.award.form == AwardForm.EMULATION_TITLE:
        return f"Đã đạt danh hiệu “{honour.award.name_vi}” năm {honour.year}"
    return f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {honour.year}"


def _recipient(honour) -> tuple[str, str, str]:
    """(salutation, name, position line) as printed."""
    if honour.person_id:
        person = honour.person
        unit = person.unit.name if person.unit_id else ""
        position = ", ".join(part for part in (person.position, unit) if part)
        return SALUTATIONS.get(person.gender, ""), person.full_name, position
    unit = honour.unit
    parent = unit.parent.name if unit.parent_id else ""
    return "", unit.name, parent


def _snapshot(honour, *, issuer_code, issuer_title, signer_title, signer_name, place, achievement,
              template=None) -> dict:
    salutation, name, position = _recipient(honour)
    award = honour.award
    decided_on = honour.decided_on
    return {
        "issuer_code": issuer_code,
        "issuer_line": nfc(issuer_title),
        "year": decided_on.year if decided_on else honour.year,
        "salutation": salutation,
        "recipient_name": nfc(name),
        "position_line": nfc(position),
        "heading": award.certificate_heading or "BẰNG KHEN",
        "award_name": nfc(award.name_vi),
        "achievement": nfc(achievement or default_achievement(honour)),
        "decision_number": honour.decision_number,
        "decided_on": decided_on,
        "place": nfc(place),
        "signer_title": nfc(signer_title),
        "signer_name": nfc(signer_name),
        "template": template or CertificateTemplate.objects.for_award(award.code, issuer_code),
    }


def assign_registry_numbers(certificates: Iterable[Certificate] | None = None, *, ids=None) -> int:
    """Give every certificate without a registry number the next number of its (issuer, year), in one
    transaction with the counters locked. Idempotent: numbered certificates are left alone. A duplicate
    edition inherits the number of the edition it replaces. Returns how many numbers were given."""
    if ids is None:
        ids = [c.pk for c in certificates or ()]
    given = 0
    with transaction.atomic():
        pending = list(
            Certificate.objects.select_for_update()
            .filter(pk__in=ids, registry_number__isnull=True)
            .order_by("issuer_code", "year", "pk")
        )
        inherited = dict(
            Certificate.objects.filter(pk__in=[c.supersedes_id for c in pending if c.supersedes_id])
            .exclude(registry_number__isnull=True)
            .values_list("pk", "registry_number")
        )
        counters: dict[tuple[str, int], RegistryCounter] = {}
        for certificate in pending:
            if certificate.supersedes_id in inherited:
                certificate.registry_number = inherited[certificate.supersedes_id]
            else:
                key = (certificate.issuer_code, certificate.year)
                counter = counters.get(key)
                if counter is None:
                    RegistryCounter.objects.get_or_create(issuer_code=key[0], year=key[1])
                    counter = counters[key] = RegistryCounter.objects.select_for_update().get(
                        issuer_code=key[0], year=key[1]
                    )
                counter.last_number += 1
                certificate.registry_number = counter.last_number
            given += 1
        for counter in counters.values():
            counter.save(update_fields=["last_number"])
        Certificate.objects.bulk_update(pending, ["registry_number"], batch_size=500)
    return given


def issue_certificates(
    honours,
    *,
    issuer_code: str,
    issuer_title: str,
    signer_title: str,
    signer_name: str,
    place: str,
    achievements: dict[int, str] | None = None,
    by=None,
    assign_numbers: bool = True,
) -> list[Certificate]:
    """One certificate per honour (idempotent: an honour that has one returns its current edition).
    Takes the printed snapshot now. With `assign_numbers` the registry numbers are given in the same
    transaction; otherwise the first print batch gives them."""
    from units.models import Honour

    achievements = achievements or {}
    wanted = [h.pk for h in honours]
    by_pk = Honour.objects.select_related("person__unit", "unit__parent", "award").in_bulk(wanted)
    honours = [by_pk[pk] for pk in wanted]
    templates: dict[str, CertificateTemplate | None] = {}
    result = []
    with transaction.atomic():
        existing = {}
        for certificate in Certificate.objects.filter(honour__in=honours).order_by("edition"):
            existing[certificate.honour_id] = certificate  # the last edition wins
        for honour in honours:
            if honour.pk in existing:
                result.append(existing[honour.pk])
                continue
            if not honour.decision_number:
                raise ValidationError(_("%(honour)s has no decision number.") % {"honour": honour})
            if honour.award_id not in templates:
                templates[honour.award_id] = CertificateTemplate.objects.for_award(honour.award_id, issuer_code)
            certificate = Certificate.objects.create(
                honour=honour, issued_by=by,
                **_snapshot(honour, issuer_code=issuer_code, issuer_title=issuer_title,
                            signer_title=signer_title, signer_name=signer_name, place=place,
                            achievement=achievements.get(honour.pk, ""), template=templates[honour.award_id]),
            )
            CertificateEvent.objects.create(certificate=certificate, action=CertificateEvent.Action.ISSUED, by=by)
            result.append(certificate)
        if assign_numbers:
            assign_registry_numbers(result)
    for certificate in result:
        certificate.refresh_from_db(fields=["registry_number"])
    return result


def can_revoke(user) -> bool:
    return bool(user is not None and user.has_perm("certificates.revoke"))


def revoke(certificate: Certificate, *, by, reason: str, public_reason: str = "", public_text: str = "",
           on=None) -> Certificate:
    """Revoke the award's certificate (all its editions): it verifies as revoked from now on, showing the
    public reason (one of RevocationReason, or a text written for the public under "other"); `reason` is the
    internal note, never published. The award leaves the public registry and the API."""
    if not can_revoke(by):
        raise PermissionDenied(_("Only the chair or an administrator may revoke a certificate."))
    reason = (reason or "").strip()
    public_text = " ".join((public_text or "").split())
    if not reason:
        raise ValidationError(_("A reason is required to revoke a certificate."))
    if public_reason not in RevocationReason.values:
        raise ValidationError(_("Choose the reason the public will see."))
    if public_reason == RevocationReason.OTHER and not public_text:
        raise ValidationError(_("Write the reason the public will see."))
    if public_reason != RevocationReason.OTHER:
        public_text = ""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.state == CertificateState.REVOKED:
            raise ValidationError(
                _("This certificate was already revoked on %(date)s.") % {"date": f"{locked.revoked_on:%d/%m/%Y}"}
            )
        editions = Certificate.objects.select_for_update().filter(honour_id=locked.honour_id)
        on = on or timezone.localdate()
        editions.update(state=CertificateState.REVOKED, revoked_on=on, revoked_by=by, revocation_reason=reason,
                        public_reason=public_reason, public_reason_text=public_text[:500])
        CertificateEvent.objects.create(certificate=locked, action=CertificateEvent.Action.REVOKED, by=by,
                                        reason=reason)
    certificate.refresh_from_db()
    return certificate


def reissue(certificate: Certificate, *, by, reason: str = "") -> Certificate:
    """Issue a duplicate (lost or damaged original): a new edition with the same registry number and a
    new verification token; the edition it replaces verifies as replaced."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.state != CertificateState.ISSUED:
            raise ValidationError(_("Only a valid certificate can be issued again (this one is %(state)s).")
                                  % {"state": locked.get_state_display()})
        fields = {
            f.name: getattr(locked, f.name)
            for f in Certificate._meta.concrete_fields
            if f.name not in {"id", "edition", "supersedes", "state", "token", "short_code", "issued_at",
                              "issued_by", "revoked_on", "revoked_by", "revocation_reason"}
        }
        duplicate = Certificate.objects.create(**fields, edition=locked.edition + 1, supersedes=locked, issued_by=by)
        locked.state = CertificateState.SUPERSEDED
        locked.save(update_fields=["state"])
        CertificateEvent.objects.create(certificate=duplicate, action=CertificateEvent.Action.REISSUED, by=by,
                                        reason=reason)
    return duplicate


def find_by_short_code(code: str) -> Certificate | None:
    """Exact match only (case and dashes forgiven), so codes cannot be guessed by prefix."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(cleaned) != 8:
        return None
    return Certificate.objects.filter(short_code=f"{cleaned[:4]}-{cleaned[4:]}").first()
