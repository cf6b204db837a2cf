"""The organisation registry: units, people and the yearly records eligibility is judged from."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enums import (
    DisciplineLevel,
    Gender,
    HonourKind,
    InitiativeKind,
    InitiativeScope,
    ParClass,
    RatingLevel,
    ReorganisationKind,
    StaffKind,
    UnitKind,
)

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class EmulationCluster(models.Model):
    """A group of comparable units that compete for the emulation flag (cụm / khối thi đua)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A node of the province's tree. `path` ("/1/7/42/") is kept so that a whole subtree is one
    indexed prefix query, on SQLite and PostgreSQL alike."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    cluster = models.ForeignKey(
        EmulationCluster, verbose_name=_("emulation cluster"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="units",
    )
    head = models.ForeignKey(
        "Person", verbose_name=_("head of unit"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            # The top of the tree (the queue's unit filter lists depth <= 1) without reading every unit.
            models.Index(fields=["depth", "path"], name="unit_depth_path"),
            # A unit's code typed in any case (the queue's search finds the unit's dossiers).
            models.Index(Upper("code"), name="unit_code_upper"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def name_with_parent(self) -> str:
        """The name followed by its parent's ("Văn phòng Sở — Sở Nội vụ"): many units share a name. The
        province at the root is not repeated after its departments. Select the parent with the unit
        (select_related("unit__parent")) where a list shows many."""
        if not self.parent_id or self.parent.parent_id is None:
            return self.name
        return f"{self.name} — {self.parent.name}"

    def _computed_path(self) -> str:
        parent_path = self.parent.path if self.parent_id else "/"
        return f"{parent_path}{self.pk}/"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs = {}
            old_path = self.path
            self.path = self._computed_path()
            self.depth = self.path.count("/") - 2
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                self._move_descendants(old_path)

    def _move_descendants(self, old_path: str):
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            child.path = self.path + child.path[len(old_path):]
            child.depth = child.path.count("/") - 2
            Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    def subtree(self):
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1] if part]
        return Unit.objects.filter(pk__in=ids).order_by("depth")


class Person(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    full_name = models.CharField(_("full name"), max_length=200, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people")
    position = models.CharField(_("position"), max_length=200, blank=True)
    staff_kind = models.CharField(
        _("staff kind"), max_length=20, choices=StaffKind.choices, default=StaffKind.CIVIL_SERVANT
    )

    class Meta:
        ordering = ["full_name", "code"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.full_name} ({self.code})"


class PersonRating(models.Model):
    """A person's annual task-completion rating (đánh giá, xếp loại)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("rating"), max_length=20, choices=RatingLevel.choices)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("person rating")
        verbose_name_plural = _("person ratings")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="person_rating_once_a_year")]

    def __str__(self):
        return f"{self.person.code} {self.year}: {self.get_rating_display()}"


class UnitRating(models.Model):
    """A collective's annual rating."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("rating"), max_length=20, choices=RatingLevel.choices)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("unit rating")
        verbose_name_plural = _("unit ratings")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_rating_once_a_year")]

    def __str__(self):
        return f"{self.unit.code} {self.year}: {self.get_rating_display()}"


class DisciplineRecord(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="discipline_records"
    )
    level = models.CharField(_("level"), max_length=20, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("decided on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    term_until = models.DateField(
        _("term until"), null=True, blank=True,
        help_text=_("End of the discipline term (for an inspection or investigation: when it closed). Blank: the "
                    "rule set's default term for the level; an inspection without it is still open."),
    )

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        constraints = [
            models.UniqueConstraint(fields=["person", "level", "decided_on"], name="discipline_natural_key")
        ]

    def __str__(self):
        return f"{self.person.code} {self.get_level_display()} {self.decided_on}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(pgettext_lazy("initiative", "title"), max_length=500)
    scope = models.CharField(_("scope"), max_length=20, choices=InitiativeScope.choices)
    recognised_on = models.DateField(_("recognised on"))
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    used_for_award = models.ForeignKey(
        "awards.AwardType", verbose_name=_("used for award"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("The award this initiative already served: it does not count again."),
    )
    used_for_year = models.PositiveSmallIntegerField(_("used for year"), null=True, blank=True)

    class Meta:
        ordering = ["-recognised_on"]
        verbose_name = _("recognised initiative")
        verbose_name_plural = _("recognised initiatives")
        constraints = [models.UniqueConstraint(fields=["person", "title"], name="initiative_natural_key")]

    def __str__(self):
        return self.title


class Honour(models.Model):
    """An award a person or collective holds: imported from before Laurel, or entered by a decision."""

    class Source(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        DECISION = "decision", _("Laurel decision")

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="honours"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="honours"
    )
    award = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.IMPORTED)
    kind = models.CharField(_("kind"), max_length=20, choices=HonourKind.choices, default=HonourKind.ANNUAL)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="honour_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["year", "person", "award"], condition=Q(person__isnull=False), name="honour_person_key"
            ),
            models.UniqueConstraint(
                fields=["year", "unit", "award"], condition=Q(unit__isnull=False), name="honour_unit_key"
            ),
        ]

    def __str__(self):
        subject = self.person or self.unit
        return f"{self.award_id} {self.year} – {subject}"


class ParResult(models.Model):
    """A unit's PAR Index result for a year, with the published classification and rank when given."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="par_results")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    classification = models.CharField(
        _("published classification"), max_length=20, choices=ParClass.choices, blank=True
    )
    rank = models.PositiveIntegerField(_("published rank"), null=True, blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("Blank: counts as published."),
    )

    class Meta:
        ordering = ["-year", "-score"]
        verbose_name = _("PAR result")
        verbose_name_plural = _("PAR results")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="par_once_a_year")]

    def __str__(self):
        return f"PAR {self.year} {self.unit.code}: {self.score}"


class Headship(models.Model):
    """Who headed a unit, from when until when (inclusive; `until` blank: still in office)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="headships")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="headships")
    start_on = models.DateField(_("from"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "-start_on"]
        verbose_name = _("head of unit (dated)")
        verbose_name_plural = _("heads of units (dated)")
        constraints = [models.UniqueConstraint(fields=["unit", "person", "start_on"], name="headship_natural_key")]

    def __str__(self):
        return f"{self.unit.code} ← {self.person.code} {self.start_on}–{self.until or ''}"


class Assignment(models.Model):
    """A person's unit by date (inclusive; `until` blank: still there). `start_on` is blank only for the
    assignment a merge closes when the person's earlier start is not known."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="assignments")
    start_on = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        ordering = ["person", "start_on"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["person", "unit", "start_on"], name="assignment_natural_key")]
        indexes = [models.Index(fields=["unit", "start_on"], name="assignment_unit_start")]

    def __str__(self):
        return f"{self.person.code} → {self.unit.code} {self.start_on or ''}–{self.until or ''}"


class Reorganisation(models.Model):
    """A unit merged into another, split, renamed or abolished on a date: from then on it is closed."""

    effective_on = models.DateField(_("effective on"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReorganisationKind.choices)
    old_unit = models.ForeignKey(Unit, verbose_name=_("old unit"), on_delete=models.CASCADE,
                                 related_name="reorganised")
    new_unit = models.ForeignKey(Unit, verbose_name=_("new unit"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="received")

    class Meta:
        ordering = ["effective_on", "old_unit"]
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        constraints = [
            models.UniqueConstraint(fields=["old_unit", "new_unit", "effective_on", "kind"],
                                    name="reorganisation_natural_key"),
        ]

    def __str__(self):
        return f"{self.effective_on} {self.kind} {self.old_unit.code} → {self.new_unit.code if self.new_unit else ''}"


class ClusterScore(models.Model):
    """A unit's yearly score in its emulation cluster, by the cluster's own scoring (not the PAR Index),
    as a percentage of the maximum; the rank inside the cluster when the cluster published one. The
    emulation flag goes to the leading unit(s) of each cluster (2022 Law Art. 26)."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    cluster = models.ForeignKey(EmulationCluster, verbose_name=_("emulation cluster"), on_delete=models.CASCADE,
                                related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="cluster_scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    rank = models.PositiveIntegerField(_("published rank"), null=True, blank=True,
                                       help_text=_("Empty: derived from the score (ties share a rank)."))

    class Meta:
        ordering = ["-year", "cluster", "-score"]
        verbose_name = _("cluster emulation score")
        verbose_name_plural = _("cluster emulation scores")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="cluster_score_once_a_year")]

    def __str__(self):
        return f"{self.year} {self.cluster} {self.unit.code}: {self.score}"
