"""Who may see what: the dashboard is for every signed-in role (scoped to the user's units); the
province-wide reports and their exports are for the Board's roles."""

import rules

from accounts.roles import PROVINCE_WIDE_ROLES


@rules.predicate
def is_board(user):
    return bool(user and user.is_authenticated and user.has_role(*PROVINCE_WIDE_ROLES))


rules.add_perm("reports.view_reports", is_board)
