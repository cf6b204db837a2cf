from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def queue_reevaluation(sender=None, kind="", years=(), unit_ids=(), **kwargs):
    """records_imported is sent after an import commits: re-judge the open nominees it may touch."""
    from .tasks import reevaluate_after_import

    reevaluate_after_import.delay(kind, sorted(years), sorted(unit_ids))


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from units.signals import records_imported

        records_imported.connect(queue_reevaluation, dispatch_uid="nominations.queue_reevaluation")
