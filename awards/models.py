from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from units.enums import ParClass, ParGroup, UnitKind

from .enums import (
    AwardForm,
    BasisSource,
    CampaignKind,
    CertificateKind,
    IssuingLevel,
    RecipientKind,
    RunState,
    WhenFailed,
)


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
    certificate_heading = models.CharField(
        _("certificate heading"), max_length=100, blank=True,
        help_text=_("Printed in red on the certificate, e.g. BẰNG KHEN, GIẤY KHEN, GIẤY CHỨNG NHẬN."),
    )
    form = models.CharField(
        _("kind of award"), max_length=20, choices=AwardForm.choices, default=AwardForm.COMMENDATION,
        help_text=_("An emulation title or a form of commendation (2022 Law Art. 5)."),
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

    def issuers_on(self, on) -> list[str]:
        """The issuing levels that may decide this award on a date (IssuingPower rows)."""
        return [p.issuer for p in self.issuing_powers.all() if p.in_force_on(on)]


class IssuingPower(models.Model):
    """Who may issue an award, from a date and until a date (the commune chair's powers changed on
    2025-07-01 with the two-tier local government)."""

    award = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.CASCADE,
                              related_name="issuing_powers")
    issuer = models.CharField(_("issued by"), max_length=30, choices=IssuingLevel.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: still in force."))
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        ordering = ["award", "valid_from", "issuer"]
        verbose_name = _("issuing power")
        verbose_name_plural = _("issuing powers")

    def __str__(self):
        return f"{self.award_id}: {self.get_issuer_display()} {self.valid_from:%Y-%m-%d}–"

    def in_force_on(self, on) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class BaseSalary(models.Model):
    """Mức lương cơ sở, dated: the amount in force on a decision date is the one cash rewards multiply."""

    effective_from = models.DateField(_("effective from"), unique=True)
    amount = models.DecimalField(_("amount (VND)"), max_digits=12, decimal_places=0)
    basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount:,.0f} VND ({self.effective_from:%Y-%m-%d})"


class Basis:
    """The legal basis of a rule: document, article, clause, and whether it is the law's or the
    province's own choice. Built from a model's basis fields (prefix "" / "vote_" / "cash_")."""

    def __init__(self, obj, prefix: str = ""):
        self.document = getattr(obj, f"{prefix}document", "")
        self.article = getattr(obj, f"{prefix}article", "")
        self.clause = getattr(obj, f"{prefix}clause", "")
        self.source = getattr(obj, f"{prefix}source", "")

    @property
    def text(self) -> str:
        from django.utils.translation import gettext

        parts = []
        if self.clause:
            parts.append(gettext("clause %(clause)s") % {"clause": self.clause})
        if self.article:
            parts.append(gettext("Art. %(article)s") % {"article": self.article})
        if self.document:
            parts.append(self.document)
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {"document": self.document, "article": self.article, "clause": self.clause, "source": self.source}

    def __bool__(self):
        return bool(self.document or self.article or self.clause)


DOCUMENT_HELP = _("e.g. Luật 06/2022/QH15, Nghị định 152/2025/NĐ-CP, or the province's own decision.")


def _document(label):
    return models.CharField(label, max_length=120, blank=True, help_text=DOCUMENT_HELP)


def _article():
    return models.CharField(_("article"), max_length=20, blank=True)


def _clause():
    return models.CharField(_("clause"), max_length=20, blank=True)


def _source():
    return models.CharField(_("law or province"), max_length=20, choices=BasisSource.choices,
                            default=BasisSource.LAW)


CAMPAIGN_KIND_VALUES = CampaignKind.values


# ---------------------------------------------------------------------------------------------------------
# Rule sets: dated, versioned data. The criterion kinds themselves live in code (awards/criteria/).
# ---------------------------------------------------------------------------------------------------------

class ParBasis(models.TextChoices):
    SAME_YEAR = "same_year", _("The campaign year's own result")
    LATEST_PUBLISHED = "latest_published", _("The newest result published by the evaluation date")


# Default discipline terms in months by level [to confirm: about 6–12 months for reprimand and warning].
DEFAULT_DISCIPLINE_TERMS = {"reprimand": 6, "warning": 12, "demotion": 12, "dismissal": 12}


def default_discipline_terms():
    return dict(DEFAULT_DISCIPLINE_TERMS)


def default_head_gate_kinds():
    return ["annual"]


class RuleSet(models.Model):
    """A dated version of the eligibility rules. The one in force for a campaign year is the one with the
    latest `effective_from` on or before 31 December of that year (see awards.rulesets.rule_set_in_force)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    effective_from = models.DateField(_("effective from"), unique=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    par_basis = models.CharField(
        _("PAR result the gates read"), max_length=20, choices=ParBasis.choices, default=ParBasis.SAME_YEAR,
        help_text=_("The campaign year's own PAR result, or the newest one published on or before the evaluation "
                    "date (31 December of the campaign year)."),
    )
    head_gate_campaign_kinds = models.JSONField(
        _("campaign kinds the head-of-unit gate applies to"), default=default_head_gate_kinds, blank=True,
        help_text=_('e.g. ["annual"]; other campaign kinds are not gated by the headed unit\'s PAR class.'),
    )
    discipline_terms = models.JSONField(
        _("default discipline terms (months)"), default=default_discipline_terms, blank=True,
        help_text=_("Months by level, used when a record gives no end of term [to confirm]."),
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
    vote_document = _document(_("legal basis of the vote rule"))
    vote_article = _article()
    vote_clause = _clause()
    vote_source = _source()
    cash_document = _document(_("legal basis of the cash multiples"))
    cash_article = _article()
    cash_clause = _clause()
    cash_source = _source()
    notes = models.TextField(_("notes"), blank=True, max_length=5000)

    class Meta:
        ordering = ["rule_set", "-award__rank", "id"]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")

    def __str__(self):
        return f"{self.award_id} [{'/'.join(self.campaign_kinds)}] – {self.rule_set.name}"

    @property
    def vote_basis(self) -> Basis:
        return Basis(self, "vote_")

    @property
    def cash_basis(self) -> Basis:
        return Basis(self, "cash_")

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
    when_failed = models.CharField(
        _("when it fails"), max_length=20, choices=WhenFailed.choices, default=WhenFailed.INELIGIBLE,
        help_text=_("Needs review when the law offers other paths only the reviewers can judge."),
    )
    document = _document(_("legal basis"))
    article = _article()
    clause = _clause()
    source = _source()
    note = models.TextField(_("note"), blank=True, help_text=_("e.g. where sources read the law differently."))

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

    @property
    def basis(self) -> Basis:
        return Basis(self)

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


class ParGroupKind(models.Model):
    """Which unit kinds the PAR Index scores, and the group each ranks in, from a year on (rules as data).
    For a year, the row of a unit kind with the latest `effective_from_year` not after it applies; a kind with
    no row in force, or whose row has no group, is not scored: the PAR gates do not apply to its units."""

    unit_kind = models.CharField(_("unit kind"), max_length=20, choices=UnitKind.choices)
    group = models.CharField(
        _("PAR group"), max_length=20, choices=ParGroup.choices, blank=True,
        help_text=_("The group this unit kind is ranked in; blank: not scored by the PAR Index from this year."),
    )
    effective_from_year = models.PositiveSmallIntegerField(_("effective from year"))
    notes = models.TextField(_("notes"), blank=True, max_length=5000)

    class Meta:
        ordering = ["effective_from_year", "unit_kind"]
        verbose_name = _("PAR group of a unit kind")
        verbose_name_plural = _("PAR groups of unit kinds")
        constraints = [
            models.UniqueConstraint(fields=["unit_kind", "effective_from_year"], name="par_group_kind_once_a_year")
        ]

    def __str__(self):
        group = self.get_group_display() if self.group else _("not scored")
        return f"{self.get_unit_kind_display()} → {group} ({self.effective_from_year})"


class EligibilityRun(models.Model):
    """Every person and unit of the registry judged for every award of a campaign, in chunks on the Celery
    workers (awards.judging). Progress is counted per finished chunk; the report (counts per award and
    verdict) is written when the last chunk is in."""

    campaign = models.ForeignKey("nominations.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE,
                                 related_name="eligibility_runs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(_("state"), max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    awards = models.JSONField(_("awards"), default=list)  # the award codes judged, fixed when the run starts
    on = models.DateField(_("evaluation date"))
    chunk_size = models.PositiveIntegerField(_("chunk size"))
    total_chunks = models.PositiveIntegerField(_("chunks"), default=0)
    done_chunks = models.PositiveIntegerField(_("chunks done"), default=0)
    failed_chunks = models.PositiveIntegerField(_("chunks failed"), default=0)
    subjects = models.PositiveIntegerField(_("subjects"), default=0)
    done_subjects = models.PositiveIntegerField(_("subjects judged"), default=0)
    counts = models.JSONField(_("verdicts per award"), default=dict)  # {award: {verdict: n}}, when done
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("eligibility run")
        verbose_name_plural = _("eligibility runs")

    def __str__(self):
        return f"{self.campaign} #{self.pk}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("awards:run_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(100 * self.done_subjects / self.subjects) if self.subjects else (100 if self.is_over else 0)

    @property
    def is_over(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)


class EligibilityChunk(models.Model):
    """One task's share of a run: the persons or the units whose ids lie in [first_id, last_id]."""

    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    subject_kind = models.CharField(max_length=20)  # person | collective
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    subjects = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    verdicts = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="eligibility_chunk_once")]

    def __str__(self):
        return f"{self.run_id}/{self.index} {self.subject_kind} {self.first_id}–{self.last_id}"


class EligibilityResult(models.Model):
    """One verdict of a run. `reasons`: the codes of the criteria not passed, comma-separated. A chunk's
    results are replaced as a whole (delete, then insert, in one transaction), so a retried chunk never
    doubles or loses a verdict; the unique constraint guards it."""

    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="results")
    chunk = models.PositiveIntegerField()
    subject_kind = models.CharField(max_length=20)
    subject_id = models.BigIntegerField()
    subject_code = models.CharField(max_length=32)
    subject_name = models.CharField(max_length=255)
    unit_id = models.BigIntegerField()  # the person's unit, or the unit itself
    award = models.CharField(max_length=20)
    verdict = models.CharField(max_length=20)
    reasons = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "subject_kind", "subject_id", "award"],
                                               name="eligibility_result_once")]
        indexes = [models.Index(fields=["run", "chunk"], name="eligibility_result_chunk")]

    def __str__(self):
        return f"{self.award} {self.subject_code}: {self.verdict}"
