"""Who may do what: the one mechanism for Laurel's permissions.

The role predicates live here; each app's `rules.py` registers its permissions (``app.move``) built from
them, with object and state predicates of its own. Views, templates (``{% has_perm %}`` or booleans a view
computed with `can`), the navigation, the API and the services all ask these permissions, and nothing else:
no code compares role names or `is_superuser` to decide a right.

Superusers get no right from being superusers: `accounts.models.User.has_perm` sends every permission
registered with `rules` to its predicate for every user. `is_superuser` keeps its meaning only for the
Django admin's model permissions, where the workflow records are read-only anyway.

Convention: asked without an object, a permission says whether the role may make the move at all (views
and services ask this, so that a stale move still gets the service's polite "already done by …");
asked with the object, the state predicates also say whether the move is open for that record now
(templates ask this to show a button). Editing is the exception: a record in a final state is never
editable, so `edit_*` permissions are asked with the object everywhere.
"""

import rules

from .roles import PROVINCE_WIDE_ROLES, Role


def has_role(*roles: str):
    """A predicate true for an active, signed-in user holding any of `roles` (a role is a group)."""
    names = frozenset(roles)

    def check(user):
        return bool(user is not None and user.is_authenticated and user.is_active and user.has_role(*names))

    return rules.predicate(check, name="has_role:" + ",".join(sorted(names)))


is_signed_in = rules.is_authenticated
is_unit_officer = has_role(Role.UNIT_OFFICER)
is_council_member = has_role(Role.COUNCIL_MEMBER)
is_administrator = has_role(Role.ADMINISTRATOR)
# The Board's work and the chair's are also open to administrators (README, "Roles").
is_reviewer = has_role(Role.REVIEWER, Role.ADMINISTRATOR)
is_chair = has_role(Role.CHAIR, Role.ADMINISTRATOR)
is_printer = has_role(Role.CLERK, Role.CHAIR, Role.ADMINISTRATOR)
is_revoker = has_role(Role.CHAIR, Role.ADMINISTRATOR)
is_board = has_role(*PROVINCE_WIDE_ROLES)
has_any_role = has_role(*Role.values)


def registered_permissions() -> list[str]:
    """Every permission registered with `rules` (for the tests that keep them apart from Django's)."""
    from rules.permissions import permissions

    return sorted(permissions)


rules.add_perm("units.import_records", is_administrator)
# The pickers' searches (units/lookup_views.py); what each role finds is its scope (accounts.scoping).
rules.add_perm("units.lookup", has_any_role)
# The home page's to-do item for failed e-mails (the list itself is the Django admin's).
rules.add_perm("accounts.view_failed_emails", is_administrator)
