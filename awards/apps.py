from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def queue_reevaluation(sender=None, kind="", years=(), unit_ids=(), **kwargs):
    """records_imported is sent after the import commits; queue the re-evaluation."""
    from .tasks import reevaluate_after_import

    reevaluate_after_import.delay(kind, sorted(years), sorted(unit_ids))


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from units.signals import records_imported

        from . import criteria  # noqa: F401  (registers the criterion kinds)

        records_imported.connect(queue_reevaluation, dispatch_uid="awards.queue_reevaluation")
