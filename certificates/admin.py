from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Certificate, CertificateEvent, CertificateTemplate, PrintBatch, PrinterProfile, RegistryCounter


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "issuer_code", "page_width_mm", "page_height_mm", "is_active", "updated_at"]
    list_filter = ["is_active", "awards"]
    filter_horizontal = ["awards"]
    change_form_template = "certificates/admin/template_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["preview_url"] = reverse("certificates:template_preview", args=[object_id, "png"])
        extra_context["preview_pdf_url"] = reverse("certificates:template_preview", args=[object_id, "pdf"])
        extra_context["live_url"] = reverse("certificates:template_preview_live", args=[object_id])
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(PrinterProfile)
class PrinterProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "offset_x_mm", "offset_y_mm", "calibration"]

    @admin.display(description=_("Calibration page"))
    def calibration(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("certificates:printer_calibration", args=[obj.pk]),
                           _("Print test page"))


class CertificateEventInline(admin.TabularInline):
    model = CertificateEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the history of a certificate is an audit trail


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates change only through their moves (revoke, duplicate) on the site."""

    list_display = ["__str__", "issuer_code", "decision_number", "edition", "state"]
    list_filter = ["state", "issuer_code", "year"]
    search_fields = ["recipient_name", "decision_number", "short_code"]
    inlines = [CertificateEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegistryCounter)
class RegistryCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer_code", "year", "last_number"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PrintBatch)
class PrintBatchAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "done", "total", "created_at"]
    readonly_fields = ["certificates", "state", "done", "total", "error", "combined_pdf", "zip_file",
                       "started_at", "finished_at"]
