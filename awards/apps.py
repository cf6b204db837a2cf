from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from accounts.navigation import NAV_ITEMS, NavItem

        from . import criteria, rules  # noqa: F401  (register the criterion kinds and the permissions)

        item = NavItem(_("Campaign eligibility"), "awards:campaign_runs", perm="awards.view_eligibility_runs")
        if item.url_name not in {i.url_name for i in NAV_ITEMS}:
            NAV_ITEMS.append(item)
