from rest_framework.permissions import BasePermission


class RulePermission(BasePermission):
    """Asks a view's `rules` permission (`required_perm`), the one the matching web page asks, with the
    object for object views. Superusers get nothing for being superusers (see accounts.models.User)."""

    def has_permission(self, request, view):
        perm = getattr(view, "required_perm", None)
        return bool(request.user and request.user.is_authenticated and (perm is None or request.user.has_perm(perm)))


class IsAdministrator(RulePermission):
    """Only administrators write through the API (the web import page asks the same permission)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("units.import_records"))
