from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.navigation import NAV_ITEMS, NavItem

        from . import rules  # noqa: F401  (registers the permissions)

        items = [
            NavItem(_("Certificates"), "certificates:list"),
            NavItem(_("Print batches"), "certificates:batch_list", perm="certificates.print"),
        ]
        known = {item.url_name for item in NAV_ITEMS}
        NAV_ITEMS.extend(item for item in items if item.url_name not in known)
