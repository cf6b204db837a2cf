from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .enums import CampaignKind, CertificateKind, IssuingLevel, RecipientKind


class AwardType(models.Model):
    """An award title or form in the catalogue. The code is the primary key so that imports, rule sets
    and URLs can name it directly (LDTT, BK_TINH …)."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    recipient_kind = models.CharField(_("recipient"), max_length=20, choices=RecipientKind.choices)
    issuing_level = models.CharField(_("issued by"), max_length=30, choices=IssuingLevel.choices)
    campaign_kinds = models.JSONField(
        _("campaign kinds"), default=list, help_text=_("Campaign kinds this award may be given in.")
    )
    certificate_kind = models.CharField(_("certificate"), max_length=20, choices=CertificateKind.choices)
    cash_multiple_person = models.DecimalField(
        _("cash multiple (person)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        help_text=_("Multiple of the base salary; a rule set may override it."),
    )
    cash_multiple_collective = models.DecimalField(
        _("cash multiple (collective)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks are suggested first when several awards fit.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-rank", "code"]
        verbose_name = _("award type")
        verbose_name_plural = _("award types")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def for_persons(self) -> bool:
        return self.recipient_kind in (RecipientKind.PERSON, RecipientKind.BOTH)

    @property
    def for_collectives(self) -> bool:
        return self.recipient_kind in (RecipientKind.COLLECTIVE, RecipientKind.BOTH)

    def allows_campaign_kind(self, kind: str) -> bool:
        return kind in self.campaign_kinds


CAMPAIGN_KIND_VALUES = CampaignKind.values
