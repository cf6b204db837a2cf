from rest_framework.permissions import BasePermission

from accounts.roles import Role


class IsAdministrator(BasePermission):
    """Only administrators write through the API."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(Role.ADMINISTRATOR))
