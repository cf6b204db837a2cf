from django.contrib import admin

from .models import Campaign, Decision, DecisionRegister, Dossier, Nominee, PublicHoliday, Transition, VoteSession


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "year", "opens_on", "closes_on", "processing_days"]
    list_filter = ["kind", "year"]
    filter_horizontal = ["award_types"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]


@admin.register(DecisionRegister)
class DecisionRegisterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "year", "last_number"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow records change only through nominations.services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleting a dossier would take its audit trail (transitions) with it


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["pk", "title", "unit", "campaign", "state", "due_on"]
    list_filter = ["state"]
    list_select_related = ["unit", "campaign"]


@admin.register(Nominee)
class NomineeAdmin(ReadOnlyAdmin):
    list_display = ["subject_name", "award", "state", "verdict", "flagged"]
    list_filter = ["state", "verdict", "flagged"]
    search_fields = ["subject_name", "subject_code"]


admin.site.register([Transition, VoteSession, Decision], ReadOnlyAdmin)
