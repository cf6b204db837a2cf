"""Which template prints a certificate: the one it was issued with, else the current one for its award."""

from .models import CertificateTemplate


def template_for(certificate) -> CertificateTemplate | None:
    if certificate.template_id:
        return certificate.template
    return CertificateTemplate.objects.for_award(certificate.honour.award_id, certificate.issuer_code)
