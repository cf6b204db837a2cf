"""Who may see what: the dashboard is for every signed-in role (scoped to the user's units); the
province-wide reports and their exports are for the Board's roles."""

import rules

from accounts.rules import is_board

rules.add_perm("reports.view_reports", is_board)
