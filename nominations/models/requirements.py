from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import CampaignKind

from ..enums import AttachmentKind


class RequiredDocument(models.Model):
    """A document a dossier of a campaign kind must hold before it is submitted (rules as data: the
    administrator edits these rows). `per_nominee`: one for every nominee (attached to that nominee);
    `summary_suffices`: for such a document, the nominee's written achievement summary is enough (ad-hoc)."""

    campaign_kind = models.CharField(_("campaign kind"), max_length=20, choices=CampaignKind.choices)
    kind = models.CharField(_("document kind"), max_length=30, choices=AttachmentKind.choices)
    per_nominee = models.BooleanField(_("one per nominee"), default=False)
    summary_suffices = models.BooleanField(
        _("a written summary suffices"), default=False,
        help_text=_("For a per-nominee document: the nominee's achievement summary counts instead of a file."))
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["campaign_kind", "position", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [models.UniqueConstraint(fields=["campaign_kind", "kind"], name="required_document_once")]

    def __str__(self):
        return f"{self.get_campaign_kind_display()}: {self.get_kind_display()}"
