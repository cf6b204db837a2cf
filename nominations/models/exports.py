from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BundleExport(models.Model):
    """Who downloaded a dossier's or a decision's bundle (PDF and attachments, zipped), and when: the audit
    of what left the system for archiving or for the central level. Never edited; the label (the dossier's
    code or the decision's number) keeps the row readable if a draft is deleted."""

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("Dossier")
        DECISION = "decision", _("Decision")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    dossier = models.ForeignKey("nominations.Dossier", verbose_name=_("dossier"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="bundle_exports")
    decision = models.ForeignKey("nominations.Decision", verbose_name=_("decision"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="bundle_exports")
    label = models.CharField(_("exported"), max_length=100)
    files = models.PositiveIntegerField(_("files"), default=0)
    language = models.CharField(_("language"), max_length=8)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("bundle export")
        verbose_name_plural = _("bundle exports")

    def __str__(self):
        return f"{self.label} {self.at:%Y-%m-%d %H:%M}"
