"""API tokens in the admin: created here (the key is shown once, on the page that follows), listed with their
prefix and last use, revoked; a full key is never shown again."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import add_never_cache_headers

from .models import ApiToken, new_key


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["key_prefix", "user", "name", "created_at", "expires_at", "last_used_at", "token_status"]
    list_filter = ["expires_at", "last_used_at", "revoked_at"]
    search_fields = ["prefix", "name", "user__username", "user__full_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "expires_at"]
        return ["key_prefix", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["key_prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]

    @admin.display(description=_("key prefix"), ordering="prefix")
    def key_prefix(self, obj):
        return f"{obj.prefix}…"

    @admin.display(description=_("status"))
    def token_status(self, obj):
        return obj.status

    def save_model(self, request, obj, form, change):
        if not change:
            key = new_key()
            obj.set_key(key)
            obj.shown_key = key  # for response_add only; never stored
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        key = getattr(obj, "shown_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "token": obj, "key": key,
                   "title": _("The new API token")}
        response = TemplateResponse(request, "admin/api/apitoken/key_shown.html", context)
        add_never_cache_headers(response)
        return response

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(count)d token(s) revoked.") % {"count": count}, messages.SUCCESS)
