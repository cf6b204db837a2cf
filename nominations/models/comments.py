from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import CommentState


class PublicComment(models.Model):
    """A comment anyone sent on a nominee while it was posted publicly (nominations.services.posting).
    The sender's address is kept only as a keyed hash, for the rate limit and the record. `state` and the
    answer are written only by nominations.services.posting."""

    nominee = models.ForeignKey(
        "nominations.Nominee", verbose_name=_("nominee"), on_delete=models.CASCADE, related_name="public_comments"
    )
    text = models.TextField(_("comment"))
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    ip_hash = models.CharField(_("sender's address (hashed)"), max_length=64, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=CommentState.choices, default=CommentState.NEW)
    answer = models.TextField(_("Board's answer or note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        indexes = [models.Index(fields=["ip_hash", "created_at"], name="public_comment_sender")]  # the limit

    def __str__(self):
        return f"{self.nominee_id} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        """The comment on its dossier's page, where the Board answers it (its anchor)."""
        return reverse("nominations:dossier_detail", args=[self.nominee.dossier_id]) + f"#comment-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == CommentState.NEW
