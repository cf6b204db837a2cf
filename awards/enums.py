from django.db import models
from django.utils.translation import gettext_lazy as _


class RecipientKind(models.TextChoices):
    PERSON = "person", _("Person")
    COLLECTIVE = "collective", _("Collective")
    BOTH = "both", _("Person or collective")


class IssuingLevel(models.TextChoices):
    PROVINCIAL_CHAIR = "provincial_chair", _("Chair of the provincial People's Committee")
    UNIT_HEAD = "unit_head", _("Department head or commune chair")


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    THEMATIC = "thematic", _("Thematic")
    ADHOC = "adhoc", _("Ad-hoc")
    LONG_SERVICE = "long_service", _("Long service")


class CertificateKind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Bằng khen (certificate of merit)")
    GIAY_KHEN = "giay_khen", _("Giấy khen (certificate of commendation)")
    FLAG = "flag", _("Emulation flag")
    NONE = "none", _("No certificate")
