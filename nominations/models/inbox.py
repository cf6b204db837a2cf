from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user: shown in the in-app inbox and, when the user has an address, e-mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="laurel_notifications"
    )
    message_type = models.CharField(_("type"), max_length=40)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    # The message's parameters: subject and body are rendered again in the reader's language when shown or
    # e-mailed (subject and body above are the Vietnamese text, for the record and for unknown types).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # Set when sending failed for this message alone (bad address, refused by the server…); the others go on.
    email_failed_at = models.DateTimeField(_("e-mail failed at"), null=True, blank=True)
    email_error = models.CharField(_("e-mail error"), max_length=500, blank=True)
    # Reminders are sent once per key (e.g. "closing:12:2025-11-20").
    dedupe_key = models.CharField(max_length=100, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="inbox_unread")]

    def __str__(self):
        return self.subject

    def _rendered(self, part: str) -> str:
        from ..notifications import MESSAGE_TYPES

        message_type = MESSAGE_TYPES.get(self.message_type)
        if message_type is None or not self.params:
            return getattr(self, part)
        try:
            return str(getattr(message_type, part)) % self.params
        except (KeyError, TypeError, ValueError):
            return getattr(self, part)

    @property
    def shown_subject(self) -> str:
        """The subject in the active language (the reader's)."""
        from config.text import single_line

        return single_line(self._rendered("subject"))[:255]

    @property
    def shown_body(self) -> str:
        return self._rendered("body")
