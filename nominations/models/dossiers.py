from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import REVIEW_STATES, AttachmentKind, DossierState, Move, NomineeState, Verdict


class Dossier(models.Model):
    """A unit's nomination dossier (hồ sơ đề nghị) for one campaign. `state` is written only by
    nominations.services."""

    campaign = models.ForeignKey(
        "nominations.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="dossiers"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="dossiers")
    title = models.CharField(_("title"), max_length=255)
    state = models.CharField(
        _("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT, db_index=True
    )
    letter_number = models.CharField(_("proposal letter number"), max_length=64, blank=True)
    council_met_on = models.DateField(_("unit council met on"), null=True, blank=True)
    council_members = models.PositiveSmallIntegerField(_("unit council members"), null=True, blank=True)
    council_votes_for = models.PositiveSmallIntegerField(_("votes for (secret ballot)"), null=True, blank=True)
    council_votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_on = models.DateField(_("processing due on"), null=True, blank=True, db_index=True)
    posting_from = models.DateField(_("public posting from"), null=True, blank=True)
    posting_until = models.DateField(_("public posting until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"HS-{self.campaign.year if self.campaign_id else 0}-{self.pk or 0:06d}"

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_on and self.state in REVIEW_STATES and self.due_on < timezone.localdate())


class Nominee(models.Model):
    """A person or collective proposed in a dossier for one award. The eligibility verdict is stored so
    that the queue filters by it without re-evaluating."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="nominees")
    # Copied from the dossier so the duplicate rule is a database constraint.
    campaign = models.ForeignKey("nominations.Campaign", on_delete=models.PROTECT, related_name="+", editable=False)
    person = models.ForeignKey(
        "units.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("collective"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="nominations",
    )
    award = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT)
    subject_name = models.CharField(_("name"), max_length=255, db_index=True, editable=False)
    subject_code = models.CharField(_("code"), max_length=32, db_index=True, editable=False)
    achievement = models.TextField(_("achievements"), blank=True)
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Required when filing a nominee the rules find ineligible.")
    )
    flagged = models.BooleanField(_("filed although ineligible"), default=False, db_index=True)
    verdict = models.CharField(
        _("eligibility"), max_length=20, choices=Verdict.choices, default=Verdict.NEEDS_REVIEW, db_index=True
    )
    criteria = models.JSONField(_("eligibility reasons"), default=list, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=NomineeState.choices, default=NomineeState.PROPOSED, db_index=True
    )
    return_comment = models.TextField(_("comment on return"), blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    vote_session = models.ForeignKey(
        "nominations.VoteSession", verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="nominees",
    )
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), null=True, blank=True)
    vote_passed = models.BooleanField(_("vote passed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["subject_name", "pk"]
        verbose_name = _("nominee")
        verbose_name_plural = _("nominees")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="nominee_has_one_subject",
            ),
            # A refusal stays on the record (its row is never deleted), and the subject may be proposed
            # again beside it: the new proposal shows the refusal to the Board.
            models.UniqueConstraint(
                fields=["campaign", "person", "award"],
                condition=Q(person__isnull=False) & ~Q(state=NomineeState.REJECTED),
                name="nominee_person_once_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit", "award"],
                condition=Q(unit__isnull=False) & ~Q(state=NomineeState.REJECTED),
                name="nominee_unit_once_per_campaign",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "verdict"], name="nominee_state_verdict"),
            models.Index(fields=["campaign", "state", "verdict"], name="nominee_queue"),
            # The queue's "refused before" flag looks up refusals of the same subject, award and campaign.
            models.Index(fields=["campaign", "award", "person"], condition=Q(state=NomineeState.REJECTED),
                         name="nominee_refused_person"),
            models.Index(fields=["campaign", "award", "unit"], condition=Q(state=NomineeState.REJECTED),
                         name="nominee_refused_unit"),
        ]

    def __str__(self):
        return f"{self.subject_name} – {self.award.name} ({self.award_id})"  # a name, its code beside it

    @property
    def shown_criteria(self) -> list[dict]:
        """The eligibility reasons in the reader's language."""
        from ..eligibility import shown_criteria

        return shown_criteria(self.criteria)

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def is_refused(self) -> bool:
        """Refused nominees stay on the record: neither edited nor removed."""
        return self.state == NomineeState.REJECTED

    def fill_subject_copy(self):
        subject = self.subject
        self.subject_name = subject.full_name if self.person_id else subject.name
        self.subject_code = subject.code


class Attachment(models.Model):
    """An uploaded document. Stored under MEDIA_ROOT with a random name; served only by a checked view."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="attachments"
    )
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("nominee"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    file = models.FileField(_("file"), upload_to="nominations/%Y/%m/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Transition(models.Model):
    """One row of the audit trail: a move of a dossier (or of one nominee in it)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="transitions"
    )
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("nominee"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    move = models.CharField(_("move"), max_length=20, choices=Move.choices)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self):
        return f"{self.dossier_id} {self.move} {self.at:%Y-%m-%d %H:%M}"

    def _state_label(self, value: str) -> str:
        # A nominee's row may outlive the nominee (SET_NULL), so both enums are tried, the likelier first.
        for states in (NomineeState, DossierState) if self.nominee_id else (DossierState, NomineeState):
            if value in states.values:
                return states(value).label
        return value

    @property
    def from_label(self) -> str:
        return self._state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self._state_label(self.to_state)
