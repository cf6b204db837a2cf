from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_token_permissions(sender, **kwargs):
    """Administrators create API tokens in the admin: give their group the token permissions."""
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import Role

    group = Group.objects.filter(name=Role.ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="api"))


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("JSON API")

    def ready(self):
        post_migrate.connect(grant_token_permissions, dispatch_uid="laurel_api_token_perms")
