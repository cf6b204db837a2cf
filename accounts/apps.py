from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

LAUREL_APPS = ("accounts", "units", "awards", "nominations", "certificates")


def grant_administrator_permissions(sender, **kwargs):
    """The administrator group manages every Laurel model in the admin. Permissions exist only after
    migrate has run, so this runs on post_migrate rather than in a data migration."""
    from django.contrib.auth.models import Group, Permission

    from .roles import Role

    group = Group.objects.filter(name=Role.ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=LAUREL_APPS))


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Runs after every app so that permissions of apps listed later exist too.
        post_migrate.connect(grant_administrator_permissions, dispatch_uid="laurel_admin_perms")
