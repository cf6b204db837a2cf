from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.navigation import BOARD, NAV_ITEMS, NavItem
        from accounts.roles import Role

        from . import rules  # noqa: F401  (registers the permissions)

        items = [
            NavItem(_("Certificates"), "certificates:list", BOARD | {Role.UNIT_OFFICER}),
            NavItem(_("Print batches"), "certificates:batch_list",
                    frozenset({Role.CLERK, Role.CHAIR, Role.ADMINISTRATOR})),
        ]
        known = {item.url_name for item in NAV_ITEMS}
        NAV_ITEMS.extend(item for item in items if item.url_name not in known)
