from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import CleanTextModelForm

from .models import (
    BundleExport,
    Campaign,
    Decision,
    DecisionRegister,
    Dossier,
    Nominee,
    Notification,
    PublicComment,
    PublicHoliday,
    RequiredDocument,
    Transition,
    VoteSession,
)


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CleanTextModelForm  # the title is printed on decisions: normalised like every name
    list_display = ["title", "kind", "year", "opens_on", "closes_on", "processing_days"]
    list_filter = ["kind", "year"]
    filter_horizontal = ["award_types"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(admin.ModelAdmin):
    """What submit requires per campaign kind (nominations.services.completeness)."""

    list_display = ("campaign_kind", "kind", "per_nominee", "summary_suffices", "position")
    list_filter = ("campaign_kind",)
    list_editable = ("per_nominee", "summary_suffices", "position")


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


@admin.register(PublicComment)
class PublicCommentAdmin(ReadOnlyAdmin):
    """Answered or noted from the dossier page (nominations.services.posting)."""

    list_display = ["nominee", "created_at", "state", "answered_by"]
    list_filter = ["state"]
    list_select_related = ["nominee__award", "answered_by"]


admin.site.register([Transition, VoteSession, Decision], ReadOnlyAdmin)


@admin.register(BundleExport)
class BundleExportAdmin(ReadOnlyAdmin):
    """Who downloaded which bundle (an audit record: never edited)."""

    list_display = ["at", "by", "kind", "label", "files", "language"]
    list_filter = ["kind"]
    list_select_related = ["by"]
    search_fields = ["label", "by__username", "by__full_name"]


class EmailStatusFilter(admin.SimpleListFilter):
    title = _("e-mail")
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("failed", pgettext_lazy("e-mail", "failed")), ("pending", pgettext_lazy("e-mail", "not sent yet")),
                ("sent", pgettext_lazy("e-mail", "sent"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(email_failed_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(emailed_at__isnull=True, email_failed_at__isnull=True)
        if self.value() == "sent":
            return queryset.filter(emailed_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """Administrators find the messages whose e-mail failed, with the reason (filter "e-mail: failed")."""

    list_display = ["created_at", "recipient", "subject", "emailed_at", "email_failed_at", "email_error"]
    list_filter = [EmailStatusFilter, "message_type"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__username", "recipient__email"]
