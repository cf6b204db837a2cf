"""Who may do what with certificates: `rules` predicates (views and templates ask these) and the one
queryset-scoping function for certificates."""

import rules

from accounts.rules import is_printer, is_revoker
from accounts.scoping import unit_scope_q

from .enums import OPEN_BATCH_STATES, CertificateState
from .models import Certificate, PrintBatch


# State predicates: true when asked without an object (see accounts/rules.py).
@rules.predicate
def certificate_valid(user, certificate):
    return certificate is None or certificate.state == CertificateState.ISSUED


@rules.predicate
def certificate_not_revoked(user, certificate):
    return certificate is None or certificate.state != CertificateState.REVOKED


@rules.predicate
def batch_open(user, batch):
    return batch is None or batch.state in OPEN_BATCH_STATES


rules.add_perm("certificates.print", is_printer)
rules.add_perm("certificates.download", is_printer)
rules.add_perm("certificates.reissue", is_printer & certificate_valid)
rules.add_perm("certificates.revoke", is_revoker & certificate_not_revoked)
rules.add_perm("certificates.cancel_batch", is_printer & batch_open)


def certificates_visible_to(user):
    """Province-wide roles see every certificate; a unit officer those of their unit's people and units."""
    qs = Certificate.objects.all()
    person_q = unit_scope_q(user, "honour__person__unit")
    if person_q is None:
        return qs
    return qs.filter(person_q | unit_scope_q(user, "honour__unit"))


def batches_visible_to(user):
    return PrintBatch.objects.all() if is_printer(user) else PrintBatch.objects.none()
