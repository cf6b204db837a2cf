"""Certificate records, their templates, registry counters, printer calibration and print batches."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enums import BatchState, CertificateState, OutputMode, RevocationReason
from .layout import validate_layout
from .placeholders import CertificateData

SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def new_token() -> str:
    """144 random bits (24 URL-safe characters): unguessable, and short enough to keep the QR code small."""
    return secrets.token_urlsafe(18)


def new_short_code() -> str:
    raw = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class RegistryCounter(models.Model):
    """The last registry number (Số sổ vàng) given by an issuer in a year. Locked while numbers are taken."""

    issuer_code = models.CharField(_("issuer code"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("registry counter")
        verbose_name_plural = _("registry counters")
        constraints = [models.UniqueConstraint(fields=["issuer_code", "year"], name="registry_counter_key")]

    def __str__(self):
        return f"{self.issuer_code} {self.year}: {self.last_number}"


class CertificateTemplateQuerySet(models.QuerySet):
    def for_award(self, award_code: str, issuer_code: str = ""):
        """The active template for an award, preferring one made for the issuer."""
        qs = self.filter(is_active=True, awards=award_code)
        return (
            qs.filter(issuer_code=issuer_code).order_by("-updated_at").first()
            or qs.filter(issuer_code="").order_by("-updated_at").first()
        )


class CertificateTemplate(models.Model):
    """A certificate design as data: page size in millimetres and a JSON layout of boxes."""

    name = models.CharField(_("name"), max_length=200)
    awards = models.ManyToManyField("awards.AwardType", verbose_name=_("awards"), related_name="certificate_templates")
    issuer_code = models.CharField(
        _("issuer code"), max_length=40, blank=True, help_text=_("Leave empty to use the template for every issuer.")
    )
    page_width_mm = models.FloatField(_("page width (mm)"), default=420)
    page_height_mm = models.FloatField(_("page height (mm)"), default=297)
    layout = models.JSONField(_("layout"), default=dict)
    background = models.FileField(
        _("background (image or PDF)"), upload_to="certificates/backgrounds/", blank=True,
        help_text=_("Optional: drawn under the layout in the full design, never in the overlay."),
    )
    is_active = models.BooleanField(pgettext_lazy("template", "active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self):
        return self.name

    def clean(self):
        errors = validate_layout(self.layout, self.page_width_mm, self.page_height_mm)
        if self.background and not self.background.name.lower().endswith((".png", ".jpg", ".jpeg", ".pdf")):
            errors.append(_("The background must be a PNG or JPEG image or a PDF."))
        if errors:
            raise ValidationError({"layout": errors})

    def save(self, *args, **kwargs):
        errors = validate_layout(self.layout, self.page_width_mm, self.page_height_mm)
        if errors:
            raise ValidationError({"layout": errors})
        super().save(*args, **kwargs)


class PrinterProfile(models.Model):
    """A printer's offset: how far its output lands from where the overlay asked, corrected on print."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    offset_x_mm = models.FloatField(_("x offset (mm)"), default=0, help_text=_("Positive moves the text right."))
    offset_y_mm = models.FloatField(_("y offset (mm)"), default=0, help_text=_("Positive moves the text down."))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("printer profile")
        verbose_name_plural = _("printer profiles")

    def __str__(self):
        return self.name


class CertificateQuerySet(models.QuerySet):
    def printable(self):
        return self.filter(state=CertificateState.ISSUED)


class Certificate(models.Model):
    """One printed certificate of one honour. Everything it prints is a snapshot taken at issue, so the
    legal document never changes when the registry does. A duplicate is a new row with the next edition
    and the same registry number; the edition it replaces becomes superseded."""

    honour = models.ForeignKey(
        "units.Honour", verbose_name=_("honour"), on_delete=models.PROTECT, related_name="certificates"
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    supersedes = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    state = models.CharField(_("state"), max_length=20, choices=CertificateState.choices,
                             default=CertificateState.ISSUED)
    token = models.CharField(_("verification token"), max_length=64, unique=True, default=new_token, editable=False)
    short_code = models.CharField(_("short code"), max_length=9, unique=True, default=new_short_code,
                                  editable=False)
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("template"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # The snapshot.
    issuer_code = models.CharField(_("issuer code"), max_length=40)
    issuer_line = models.CharField(pgettext_lazy("certificate", "issuer"), max_length=255)
    year = models.PositiveSmallIntegerField(_("registry year"))
    registry_number = models.PositiveIntegerField(_("registry number"), null=True, blank=True)
    salutation = models.CharField(_("salutation"), max_length=10, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=255)
    position_line = models.CharField(_("position and unit"), max_length=500, blank=True)
    heading = models.CharField(_("heading"), max_length=100)
    award_name = models.CharField(_("award"), max_length=255)
    achievement = models.TextField(_("achievement"))
    decision_number = models.CharField(_("decision number"), max_length=64)
    decided_on = models.DateField(_("decided on"), null=True)
    place = models.CharField(_("place"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=200)
    signer_name = models.CharField(_("signer's name"), max_length=200)
    # The issuer's digital signature (signing/): the single PDF as signed, kept so that every download of
    # this edition is the same signed file.
    signed_pdf = models.FileField(_("signed PDF"), upload_to="certificates/signed/", blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # The record of moves.
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revocation_reason = models.TextField(_("internal note on the revocation"), blank=True)
    public_reason = models.CharField(_("public reason for revocation"), max_length=30,
                                     choices=RevocationReason.choices, blank=True)
    public_reason_text = models.CharField(
        _("public reason, as written"), max_length=500, blank=True,
        help_text=_("Shown on the verification page when the public reason is “other”."),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["issuer_code", "year", "registry_number", "edition"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["honour", "edition"], name="certificate_edition_key"),
            models.UniqueConstraint(
                fields=["issuer_code", "year", "registry_number", "edition"],
                condition=Q(registry_number__isnull=False), name="certificate_registry_key",
            ),
        ]

    def __str__(self):
        number = self.registry_number or "—"
        return f"{self.heading} {number}/{self.year} – {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("certificates:detail", args=[self.pk])

    def verify_path(self) -> str:
        return reverse("certificates:verify", args=[self.token])

    def verify_url(self) -> str:
        return settings.LAUREL_PUBLIC_BASE_URL.rstrip("/") + self.verify_path()

    @property
    def is_valid(self) -> bool:
        return self.state == CertificateState.ISSUED

    @property
    def public_revocation_reason(self) -> str:
        """What the public is told about a revocation: the chosen reason, or the text written for the public."""
        if self.public_reason == RevocationReason.OTHER:
            return self.public_reason_text
        if self.public_reason in RevocationReason.values:
            return str(RevocationReason(self.public_reason).label)
        return ""

    def data(self, verify_url: str | None = None) -> CertificateData:
        return CertificateData(
            salutation=self.salutation, recipient_name=self.recipient_name, position_line=self.position_line,
            heading=self.heading, award_name=self.award_name, issuer_line=self.issuer_line,
            achievement=self.achievement, decision_number=self.decision_number, decided_on=self.decided_on,
            registry_number=self.registry_number, year=self.year, place=self.place, signed_on=self.decided_on,
            signer_title=self.signer_title, signer_name=self.signer_name, short_code=self.short_code,
            verify_url=verify_url or self.verify_url(), edition=self.edition,
        )


class CertificateEvent(models.Model):
    """The history of a certificate: issue, revocation, duplicate."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Duplicate issued")
        SIGNED = "signed", _("Signed digitally")

    certificate = models.ForeignKey(Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE,
                                    related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class PrintBatch(models.Model):
    """A print run: a frozen list of certificates rendered by a Celery task into one combined PDF (and
    optionally a ZIP of single PDFs)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    title = models.CharField(_("title"), max_length=255)
    certificates = models.ManyToManyField(Certificate, verbose_name=_("certificates"), related_name="batches")
    mode = models.CharField(_("output"), max_length=20, choices=OutputMode.choices, default=OutputMode.FULL)
    printer = models.ForeignKey(PrinterProfile, verbose_name=_("printer"), null=True, blank=True,
                                on_delete=models.SET_NULL)
    with_zip = models.BooleanField(_("also a ZIP of single PDFs"), default=False)
    state = models.CharField(_("state"), max_length=20, choices=BatchState.choices, default=BatchState.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    error = models.TextField(_("error"), blank=True)
    combined_pdf = models.FileField(_("combined PDF"), blank=True)
    zip_file = models.FileField(_("ZIP of single PDFs"), blank=True)
    # The combined file carries one signature over the whole batch (signing/); who signed, as certified.
    signed_by_name = models.CharField(_("signed by"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # What the batch prints (its certificates and output options), hashed: a second batch of the same
    # while one is queued or running is refused by the database (see batches.create_batch).
    fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], name="one_open_batch_per_fingerprint",
                condition=models.Q(state__in=["queued", "running"]) & ~models.Q(fingerprint=""),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("certificates:batch_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
