from functools import cached_property

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import PROVINCE_WIDE_ROLES, Role


class User(AbstractUser):
    """A Laurel login. A unit officer is bound to the unit they act for; board roles are not."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text=_("For unit officers: the unit they act for (with all its sub-units)."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi",
        help_text=_("The language of the e-mails this user receives."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when an administrator creates the account or sets its password: the user must choose "
                    "a new password before doing anything else."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        # Groups only: being a superuser is no role (see has_perm).
        names = {group.name for group in self.groups.all()}
        return frozenset(names & set(Role.values))

    def has_perm(self, perm, obj=None):
        """Laurel's permissions (registered with `rules`, see accounts/rules.py) are decided by their
        predicates alone, for everyone: a superuser gets none of them for being one. Any other
        permission (the Django admin's model permissions) is Django's as usual."""
        if rules.perm_exists(perm):
            return bool(self.is_active and rules.has_perm(perm, self, obj))
        return super().has_perm(perm, obj)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def is_province_wide(self) -> bool:
        return bool(self.roles & PROVINCE_WIDE_ROLES)
