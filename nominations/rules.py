"""Who may do what in the nomination workflow: `rules` predicates, the one place permissions live.
Views and templates ask these; querysets are scoped through accounts.scoping (see nominations.queries)."""

import rules

from accounts.roles import Role

from .enums import EDITABLE_STATES


def _has(*roles):
    @rules.predicate
    def check(user):
        return bool(user and user.is_authenticated and user.has_role(*roles))

    return check


is_unit_officer = _has(Role.UNIT_OFFICER)
is_reviewer = _has(Role.REVIEWER, Role.ADMINISTRATOR)
is_council_member = _has(Role.COUNCIL_MEMBER)
is_chair = _has(Role.CHAIR, Role.ADMINISTRATOR)
is_board = _has(Role.REVIEWER, Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK, Role.ADMINISTRATOR)


@rules.predicate
def dossier_in_scope(user, dossier):
    if dossier is None or not user.is_authenticated:
        return False
    if user.is_province_wide:
        return True
    return bool(user.unit_id) and dossier.unit.path.startswith(user.unit.path)


@rules.predicate
def dossier_editable(user, dossier):
    return dossier is not None and dossier.state in EDITABLE_STATES


rules.add_perm("nominations.view_dossier", dossier_in_scope)
rules.add_perm("nominations.create_dossier", is_unit_officer)
rules.add_perm("nominations.edit_dossier", is_unit_officer & dossier_in_scope & dossier_editable)
rules.add_perm("nominations.submit_dossier", is_unit_officer & dossier_in_scope)
rules.add_perm("nominations.review_dossier", is_reviewer)
rules.add_perm("nominations.manage_vote", is_reviewer | is_chair)
rules.add_perm("nominations.cast_vote", is_council_member)
rules.add_perm("nominations.approve_nominee", is_chair | is_reviewer)
rules.add_perm("nominations.decide", is_chair)
rules.add_perm("nominations.view_queue", is_reviewer | is_chair)
rules.add_perm("nominations.view_decisions", is_board)
