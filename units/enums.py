from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    AGENCY = "agency", _("Agency")
    COMMUNE = "commune", _("Commune / ward")
    DISTRICT = "district", _("District (before 2025-07-01)")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other")


class ParGroup(models.TextChoices):
    """The groups a PAR Index ranks units within."""

    AGENCIES = "agencies", _("Agencies")
    COMMUNES = "communes", _("Communes")


PAR_GROUP_OF_KIND = {
    UnitKind.AGENCY: ParGroup.AGENCIES,
    UnitKind.COMMUNE: ParGroup.COMMUNES,
    UnitKind.DISTRICT: ParGroup.COMMUNES,
}


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


DISCIPLINE_RANK = {
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
