from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Laurel in production: the health check, backups, request ids and structured logs."""

    name = "ops"
    verbose_name = _("Operations")
