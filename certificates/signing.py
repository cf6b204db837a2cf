"""The issuer's digital signature on certificate PDFs (signing/): each single certificate is signed once and
kept, so every download of an edition is the same signed file; a print batch carries one signature over its
combined file (see batches.run_batch)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from signing.pdf import sign_pdf
from signing.signers import current_source

from .enums import CertificateState
from .models import Certificate, CertificateEvent
from .rendering import render_pdf


def signing_enabled() -> bool:
    return bool(settings.LAUREL_SIGN_CERTIFICATES) and current_source() is not None


def can_sign(certificate) -> bool:
    """A valid, numbered certificate is signed: its printed number is then final."""
    return certificate.state == CertificateState.ISSUED and certificate.registry_number is not None


def signature_reason(certificate) -> str:
    return f"{certificate.heading} số {certificate.registry_number}/{certificate.year}, {certificate.decision_number}"


def stored_signed_pdf(certificate) -> bytes | None:
    if not certificate.signed_pdf:
        return None
    try:
        with certificate.signed_pdf.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def signed_certificate_pdf(certificate, template, *, by=None) -> bytes:
    """The certificate's signed PDF: the stored one, or rendered, signed with the configured signer and
    stored now (raises signing.signers.SigningUnavailable when the signer cannot be opened)."""
    stored = stored_signed_pdf(certificate)
    if stored is not None:
        return stored
    signed = sign_pdf(render_pdf(template, certificate.data()), reason=signature_reason(certificate),
                      location=certificate.place)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        stored = stored_signed_pdf(locked)
        if stored is not None:  # a concurrent download signed it first: that file is the certificate's
            return stored
        name = f"certificate-{locked.registry_number}-{locked.year}-e{locked.edition}-{locked.short_code}.pdf"
        locked.signed_pdf.save(name, ContentFile(signed), save=False)
        locked.signed_at = timezone.now()
        locked.save(update_fields=["signed_pdf", "signed_at"])
        CertificateEvent.objects.create(certificate=locked, action=CertificateEvent.Action.SIGNED, by=by)
    certificate.signed_pdf, certificate.signed_at = locked.signed_pdf, locked.signed_at
    return signed
