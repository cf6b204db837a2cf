from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecipientKind(models.TextChoices):
    PERSON = "person", _("Person")
    COLLECTIVE = "collective", _("Collective")
    BOTH = "both", _("Person or collective")


class IssuingLevel(models.TextChoices):
    PROVINCIAL_CHAIR = "provincial_chair", _("Chair of the provincial People's Committee")
    UNIT_HEAD = "unit_head", _("Department head or commune chair")
    DEPARTMENT_HEAD = "department_head", _("Head of a provincial department or agency")
    DISTRICT_CHAIR = "district_chair", _("Chair of a district People's Committee")
    COMMUNE_CHAIR = "commune_chair", _("Chair of a commune People's Committee")


class AwardForm(models.TextChoices):
    """What the law calls the award: an emulation title (danh hiệu thi đua) or a form of commendation
    (hình thức khen thưởng)."""

    EMULATION_TITLE = "emulation_title", _("Emulation title")
    COMMENDATION = "commendation", _("Commendation")


class BasisSource(models.TextChoices):
    """Whether a rule is the law's or the province's own choice."""

    LAW = "law", _("The law")
    PROVINCE = "province", _("The province's choice")


class WhenFailed(models.TextChoices):
    INELIGIBLE = "ineligible", _("Not eligible")
    REVIEW = "review", _("Needs review: other paths remain for the reviewers")


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    THEMATIC = "thematic", _("Thematic")
    ADHOC = "adhoc", _("Ad-hoc")
    LONG_SERVICE = "long_service", _("Long service")


class CertificateKind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Bằng khen (certificate of merit)")
    GIAY_KHEN = "giay_khen", _("Giấy khen (certificate of commendation)")
    FLAG = "flag", _("Emulation flag")
    CHUNG_NHAN = "chung_nhan", _("Giấy / Bằng chứng nhận (certificate of recognition)")
    NONE = "none", _("No certificate")


class RunState(models.TextChoices):
    """A campaign-wide eligibility run (awards.EligibilityRun) or one of its chunks."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", pgettext_lazy("eligibility run", "Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


OPEN_RUN_STATES = frozenset({RunState.QUEUED, RunState.RUNNING})
