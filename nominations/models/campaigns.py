from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import CampaignKind

YEAR_HELP = _("The year whose achievements are judged.")


class PublicHoliday(models.Model):
    """A day off that deadlines in working days skip (Tết, 30/4, 1/5, 2/9 …); edited by administrators."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class Campaign(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year"), help_text=YEAR_HELP)
    title = models.CharField(_("title"), max_length=255)
    award_types = models.ManyToManyField("awards.AwardType", verbose_name=_("award types open"), blank=True)
    opens_on = models.DateField(_("submissions open on"))
    closes_on = models.DateField(_("submissions close on"))
    processing_days = models.PositiveSmallIntegerField(
        _("processing limit (working days)"), default=20,
        help_text=_("Counted from submission, skipping weekends and public holidays."),
    )
    rule_set = models.ForeignKey(
        "awards.RuleSet", verbose_name=_("rule set"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Empty: the rule set in force for the campaign's year."),
    )
    decision_issuer = models.CharField(
        _("decision issuer"), max_length=30, default="UBND",
        help_text=_("Suffix of decision numbers, e.g. UBND gives 123/QĐ-UBND."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-opens_on"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"{self.title} ({self.year})"

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The window cannot close before it opens.")})

    @property
    def short_summary_only(self) -> bool:
        """Ad-hoc campaigns take a short achievement summary instead of a full report."""
        return self.kind == CampaignKind.ADHOC

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on
