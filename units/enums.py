from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    AGENCY = "agency", _("Agency")
    COMMUNE = "commune", _("Commune / ward")
    DISTRICT = "district", _("District (before 2025-07-01)")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    ENTERPRISE = "enterprise", _("Enterprise")
    OFFICE = "office", _("Internal office (phòng, ban, văn phòng)")
    OTHER = "other", _("Other")


class ParGroup(models.TextChoices):
    """The groups a PAR Index ranks units within."""

    AGENCIES = "agencies", _("Agencies")
    COMMUNES = "communes", _("Communes")
    DISTRICTS = "districts", _("Districts")


# Which unit kinds the PAR Index scores, and the group each ranks in, are data: awards.models.ParGroupKind.

# Unit kinds that are collectives in their own right when attached to another unit: their staff are not
# members of the unit above them. Internal offices (UnitKind.OFFICE) are the opposite: their staff also
# count as members of the agency or commune they belong to.
INTERNAL_KINDS = frozenset({UnitKind.OFFICE})


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class StaffKind(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    WORKER = "worker", _("Worker")
    OTHER = "other", _("Other")


class RatingLevel(models.TextChoices):
    """Annual task-completion rating, best first. RANK gives an order to compare levels."""

    EXCELLENT = "excellent", _("Excellent (hoàn thành xuất sắc nhiệm vụ)")
    GOOD = "good", _("Good (hoàn thành tốt nhiệm vụ)")
    COMPLETED = "completed", _("Completed (hoàn thành nhiệm vụ)")
    NOT_COMPLETED = "not_completed", _("Not completed (không hoàn thành nhiệm vụ)")


RATING_RANK = {
    RatingLevel.NOT_COMPLETED: 0,
    RatingLevel.COMPLETED: 1,
    RatingLevel.GOOD: 2,
    RatingLevel.EXCELLENT: 3,
}


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    DEMOTION = "demotion", _("Demotion (hạ bậc lương / giáng chức)")
    DISMISSAL = "dismissal", _("Dismissal (buộc thôi việc)")
    UNDER_REVIEW = "under_review", _("Under inspection or investigation (chưa xét khen thưởng)")


DISCIPLINE_RANK = {
    DisciplineLevel.UNDER_REVIEW: 0,  # not a discipline: it only holds an award back while open
    DisciplineLevel.REPRIMAND: 1,
    DisciplineLevel.WARNING: 2,
    DisciplineLevel.DEMOTION: 3,
    DisciplineLevel.DISMISSAL: 4,
}


class InitiativeScope(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    PROVINCIAL = "provincial", _("Provincial")
    NATIONAL = "national", _("National")


SCOPE_RANK = {InitiativeScope.GRASSROOTS: 1, InitiativeScope.PROVINCIAL: 2, InitiativeScope.NATIONAL: 3}


class ParClass(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


PAR_CLASS_RANK = {
    ParClass.WEAK: 0,
    ParClass.AVERAGE: 1,
    ParClass.FAIR: 2,
    ParClass.GOOD: 3,
    ParClass.EXCELLENT: 4,
}


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative (sáng kiến)")
    RESEARCH = "research", _("Research result (đề tài, đề án, công trình khoa học)")
    MODEL = "model", _("Model (mô hình)")


class HonourKind(models.TextChoices):
    """Only annual honours build consecutive-year chains (Decree 152/2025, Art. 4)."""

    ANNUAL = "annual", _("Annual")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc")
    LONG_SERVICE = "long_service", _("Long service")


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    ABOLISH = "abolish", _("Abolish")
