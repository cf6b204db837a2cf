"""The roles of Laurel. Each is a Django group created by a migration; a user may hold several."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    REVIEWER = "board_reviewer", _("Board reviewer")
    COUNCIL_MEMBER = "council_member", _("Council member")
    CHAIR = "chair", _("Chair (signer)")
    CLERK = "clerk", _("Clerk (printing)")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work for the province as a whole and so see every unit's records.
PROVINCE_WIDE_ROLES = frozenset(
    {Role.REVIEWER, Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK, Role.ADMINISTRATOR}
)
