from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import BallotChoice, VoteSessionState


class VoteSession(models.Model):
    """A council voting round on the nominees accepted in a campaign. Ballots stay secret until closed."""

    campaign = models.ForeignKey(
        "nominations.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="vote_sessions"
    )
    title = models.CharField(_("title"), max_length=255)
    state = models.CharField(
        _("state"), max_length=20, choices=VoteSessionState.choices, default=VoteSessionState.SCHEDULED
    )
    opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    members_total = models.PositiveSmallIntegerField(_("council members"), default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("council vote")
        verbose_name_plural = _("council votes")

    def __str__(self):
        return self.title


class Ballot(models.Model):
    # Ballots are never deleted: neither a nominee nor a round with ballots can be deleted.
    session = models.ForeignKey(VoteSession, on_delete=models.PROTECT, related_name="ballots")
    nominee = models.ForeignKey("nominations.Nominee", on_delete=models.PROTECT, related_name="ballots")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=BallotChoice.choices)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["nominee", "member"], name="one_ballot_per_member")]

    def __str__(self):
        return f"{self.session_id}/{self.nominee_id}"


class Conflict(models.Model):
    """A council member's conflict of interest on a nominee of a voting round: the member does not vote on
    that nominee, and the nominee's threshold and quorum are counted without them. Declared by the member
    (a named person or collective), or recorded automatically when the round closes for nominees of the
    member's own unit or its sub-units (`automatic`). Never deleted: a removal is stamped, for the audit."""

    session = models.ForeignKey(VoteSession, on_delete=models.PROTECT, related_name="conflicts")
    nominee = models.ForeignKey("nominations.Nominee", verbose_name=_("nominee"), on_delete=models.PROTECT,
                                related_name="conflicts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("council member"),
                               on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=255)
    automatic = models.BooleanField(_("own unit"), default=False)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["nominee", "member"], condition=models.Q(removed_at=None),
                                               name="one_active_conflict_per_member")]

    def __str__(self):
        return f"{self.member_id} ↛ {self.nominee_id}"


class DecisionRegister(models.Model):
    """The numbering register of one issuer for one year. Its row is locked while a number is taken."""

    issuer = models.CharField(_("issuer"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("decision register")
        verbose_name_plural = _("decision registers")
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="register_per_issuer_year")]

    def __str__(self):
        return f"QĐ-{self.issuer} {self.year}: {self.last_number}"


class Decision(models.Model):
    campaign = models.ForeignKey(
        "nominations.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="decisions"
    )
    issuer = models.CharField(_("issuer"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    # Registers restart every year, so "1/QĐ-UBND" comes back each January: unique per issuer and year only.
    number = models.CharField(_("number"), max_length=64)
    decided_on = models.DateField(_("date"))
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200)
    issuer_line = models.CharField(
        _("issuer line on certificates"), max_length=255, blank=True,
        help_text=_("Printed in red at the top of each certificate, e.g. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"),
    )
    place = models.CharField(_("place of signing"), max_length=100, blank=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True,
        help_text=_("When set, the decision's awardees appear in the public registry."),
    )
    # The chair's digital signature (signing/): the signed PDF as it was signed, kept as the legal copy.
    signed_pdf = models.FileField(_("signed PDF"), upload_to="decisions/signed/", blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    base_salary = models.PositiveIntegerField(_("base salary (VND)"))
    total_amount = models.PositiveBigIntegerField(_("total (VND)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "sequence"], name="decision_sequence_once"),
            models.UniqueConstraint(fields=["issuer", "year", "number"], name="decision_number_per_issuer_year"),
        ]

    def __str__(self):
        return self.number


class DecisionLine(models.Model):
    """One awardee in a decision's annex."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    nominee = models.OneToOneField("nominations.Nominee", on_delete=models.PROTECT, related_name="decision_line")
    award = models.ForeignKey("awards.AwardType", on_delete=models.PROTECT)
    subject_name = models.CharField(_("awardee"), max_length=255)
    unit_name = models.CharField(_("unit"), max_length=255)
    multiple = models.DecimalField(_("multiple of base salary"), max_digits=5, decimal_places=2)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")

    def __str__(self):
        return f"{self.subject_name} – {self.award_id}"
