"""API tokens, stored hashed: the key is shown once when created and cannot be read back (only its first
characters, to tell tokens apart). A token expires LAUREL_API_TOKEN_DAYS after creation and records its
last use."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

PREFIX_LENGTH = 8
LAST_USED_PRECISION = timedelta(minutes=1)  # last_used_at is written at most once a minute per token


def hash_key(key: str) -> str:
    """Keys are 256-bit random strings, so one round of SHA-256 suffices (no salt or slow hash needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    """A fresh key: 8 hex characters (the prefix shown in lists), "_", and 256 random bits."""
    return secrets.token_hex(PREFIX_LENGTH // 2) + "_" + secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + timedelta(days=settings.LAUREL_API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True,
                            help_text=_("What the token is for, e.g. the system that uses it."))
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, *, name: str = "", days: int | None = None) -> tuple["ApiToken", str]:
        """Create a token; return it with its key, which is not stored and cannot be shown again."""
        key = new_key()
        token = cls(user=user, name=name)
        token.set_key(key)
        if days is not None:
            token.expires_at = token.created_at + timedelta(days=days)
        token.save()
        return token, key

    def set_key(self, key: str) -> None:
        self.prefix, self.key_hash = key[:PREFIX_LENGTH], hash_key(key)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return pgettext("API token", "revoked")
        return pgettext("API token", "expired") if self.is_expired else pgettext("API token", "in use")

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
