from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from units.enums import ParClass, ParGroup

from .enums import CampaignKind, CertificateKind, IssuingLevel, RecipientKind


class AwardType(models.Model):
    """An award title or form in the catalogue. The code is the primary key so that imports, rule sets
    and URLs can name it directly (LDTT, BK_TINH …)."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    recipient_kind = models.CharField(
        pgettext_lazy("recipient kind", "recipient"), max_length=20, choices=RecipientKind.choices
    )
    issuing_level = models.CharField(
        pgettext_lazy("issuing level", "issued by"), max_length=30, choices=IssuingLevel.choices
    )
    campaign_kinds = models.JSONField(
        _("campaign kinds"), default=list, help_text=_("Campaign kinds this award may be given in.")
    )
    certificate_kind = models.CharField(
        pgettext_lazy("award type", "certificate"), max_length=20, choices=CertificateKind.choices
    )
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
    is_active = models.BooleanField(pgettext_lazy("rule set", "active"), default=True)

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


# ---------------------------------------------------------------------------------------------------------
# Rule sets: dated, versioned data. The criterion kinds themselves live in code (awards/criteria/).
# ---------------------------------------------------------------------------------------------------------

DEFAULT_BASE_SALARY = Decimal("2340000")


class RuleSet(models.Model):
    """A dated version of the eligibility rules. The one in force for a campaign year is the one with the
    latest `effective_from` on or before 31 December of that year (see awards.rulesets.rule_set_in_force)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    effective_from = models.DateField(_("effective from"), unique=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    base_salary = models.DecimalField(
        _("base salary (VND)"), max_digits=12, decimal_places=0, default=DEFAULT_BASE_SALARY,
        help_text=_("Mức lương cơ sở: cash rewards are multiples of it."),
    )
    cloned_from = models.ForeignKey(
        "self", verbose_name=_("cloned from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="clones",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self):
        return f"{self.name} ({self.effective_from:%Y-%m-%d})"


class AwardRule(models.Model):
    """The rules of one award inside a rule set, for one path of campaign kinds (e.g. the annual path and
    the thematic/ad-hoc path of BK_TINH)."""

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules")
    award = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="rules")
    campaign_kinds = models.JSONField(
        _("campaign kinds"), default=list,
        help_text=_('The campaign kinds this path covers, e.g. ["annual"] or ["thematic", "adhoc"].'),
    )
    vote_threshold = models.CharField(
        _("council vote threshold"), max_length=20, blank=True,
        help_text=_('Share of votes needed, as a fraction ("9/10") or a decimal ("0.9"); empty = no vote.'),
    )
    quorum = models.CharField(
        _("council quorum"), max_length=20, default="2/3",
        help_text=_('Share of council members who must vote, e.g. "2/3".'),
    )
    cash_multiple_person = models.DecimalField(
        _("cash multiple (person)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Empty: the award type's default."),
    )
    cash_multiple_collective = models.DecimalField(
        _("cash multiple (collective)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Empty: the award type's default."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)

    class Meta:
        ordering = ["rule_set", "-award__rank", "id"]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")

    def __str__(self):
        return f"{self.award_id} [{'/'.join(self.campaign_kinds)}] – {self.rule_set.name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .shares import parse_fraction

        errors = {}
        kinds = self.campaign_kinds
        if not isinstance(kinds, list) or not kinds or not all(k in CAMPAIGN_KIND_VALUES for k in kinds):
            errors["campaign_kinds"] = _("Give a non-empty list of campaign kinds among: %(kinds)s.") % {
                "kinds": ", ".join(CAMPAIGN_KIND_VALUES)
            }
        elif self.rule_set_id and self.award_id:
            others = AwardRule.objects.filter(rule_set_id=self.rule_set_id, award_id=self.award_id).exclude(pk=self.pk)
            taken = {k for other in others for k in other.campaign_kinds}
            overlap = sorted(taken & set(kinds))
            if overlap:
                errors["campaign_kinds"] = _("Another rule of this award already covers: %(kinds)s.") % {
                    "kinds": ", ".join(overlap)
                }
        for field in ("vote_threshold", "quorum"):
            value = getattr(self, field)
            if value:
                try:
                    parse_fraction(value)
                except ValueError as exc:
                    errors[field] = str(exc)
        if errors:
            raise ValidationError(errors)


class AppliesTo(models.TextChoices):
    BOTH = "both", _("Person and collective")
    PERSON = "person", _("Person only")
    COLLECTIVE = "collective", _("Collective only")


class Criterion(models.Model):
    """One criterion of an award rule: a kind from the registry in awards/criteria/ and its parameters."""

    rule = models.ForeignKey(AwardRule, verbose_name=_("award rule"), on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short name shown in verdicts, e.g. rating."))
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    applies_to = models.CharField(_("applies to"), max_length=20, choices=AppliesTo.choices, default=AppliesTo.BOTH)
    optional = models.BooleanField(
        _("optional"), default=False,
        help_text=_("Shown in the explanation but never changes the verdict (e.g. a point for the reviewers)."),
    )
    enabled = models.BooleanField(_("enabled"), default=True, help_text=_("Switch a gate off for this rule set."))

    class Meta:
        ordering = ["rule", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["rule", "code", "applies_to"], name="criterion_code_once")]

    def __str__(self):
        return f"{self.code} ({self.kind})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .criteria import validate_criterion

        errors = validate_criterion(self.kind, self.params, self.applies_to)
        if errors:
            raise ValidationError(errors)
        from .criteria import get_kind

        self.params = get_kind(self.kind).normalise(self.params)

    def applies_to_subject(self, subject_kind: str) -> bool:
        return self.applies_to in (AppliesTo.BOTH, subject_kind)


# ---------------------------------------------------------------------------------------------------------
# PAR classification bands, as data per year and unit group.
# ---------------------------------------------------------------------------------------------------------


class ParBandLadder(models.Model):
    """The bands a PAR Index score is classified by, for a unit group, from a year on."""

    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("unit group"), max_length=20, choices=ParGroup.choices)
    effective_from_year = models.PositiveSmallIntegerField(_("effective from year"))
    notes = models.TextField(_("notes"), blank=True, max_length=5000)

    class Meta:
        ordering = ["group", "-effective_from_year"]
        verbose_name = _("PAR band ladder")
        verbose_name_plural = _("PAR band ladders")
        constraints = [
            models.UniqueConstraint(fields=["group", "effective_from_year"], name="par_ladder_once_a_year")
        ]

    def __str__(self):
        return f"{self.name} – {self.get_group_display()} {self.effective_from_year}"


class ParBand(models.Model):
    ladder = models.ForeignKey(ParBandLadder, verbose_name=_("ladder"), on_delete=models.CASCADE, related_name="bands")
    par_class = models.CharField(_("class"), max_length=20, choices=ParClass.choices)
    lower_bound = models.DecimalField(
        _("lower bound (inclusive)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["ladder", "-lower_bound"]
        verbose_name = _("PAR band")
        verbose_name_plural = _("PAR bands")
        constraints = [models.UniqueConstraint(fields=["ladder", "par_class"], name="par_band_class_once")]

    def __str__(self):
        return f"{self.get_par_class_display()} ≥ {self.lower_bound}"


# ---------------------------------------------------------------------------------------------------------
# Re-evaluation log.
# ---------------------------------------------------------------------------------------------------------


class EvaluationChange(models.Model):
    """A verdict that changed when records were re-imported (written by awards.tasks)."""

    consumer = models.CharField(_("consumer"), max_length=60)
    item_key = models.CharField(_("item"), max_length=100)
    subject = models.CharField(pgettext_lazy("consumer", "subject"), max_length=64)
    award = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    old_verdict = models.CharField(_("old verdict"), max_length=20, blank=True)
    new_verdict = models.CharField(_("new verdict"), max_length=20)
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), null=True, on_delete=models.SET_NULL)
    trigger = models.CharField(_("trigger"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evaluation change")
        verbose_name_plural = _("evaluation changes")

    def __str__(self):
        return f"{self.subject} {self.award_id} {self.year}: {self.old_verdict} → {self.new_verdict}"
