"""Who may do what with certificates: `rules` predicates (views and templates ask these) and the one
queryset-scoping function for certificates."""

import rules

from accounts.roles import Role
from accounts.scoping import unit_scope_q

from .models import Certificate, PrintBatch


def _has(*roles):
    @rules.predicate
    def check(user):
        return bool(user and user.is_authenticated and user.has_role(*roles))

    return check


is_printer = _has(Role.CLERK, Role.CHAIR, Role.ADMINISTRATOR)
is_revoker = _has(Role.CHAIR, Role.ADMINISTRATOR)

rules.add_perm("certificates.print", is_printer)
rules.add_perm("certificates.download", is_printer)
rules.add_perm("certificates.reissue", is_printer)
rules.add_perm("certificates.revoke", is_revoker)


def certificates_visible_to(user):
    """Province-wide roles see every certificate; a unit officer those of their unit's people and units."""
    qs = Certificate.objects.all()
    person_q = unit_scope_q(user, "honour__person__unit")
    if person_q is None:
        return qs
    return qs.filter(person_q | unit_scope_q(user, "honour__unit"))


def batches_visible_to(user):
    return PrintBatch.objects.all() if is_printer(user) else PrintBatch.objects.none()
