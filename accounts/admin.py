from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminSetPasswordForm
from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Laurel"), {"fields": ("full_name", "unit", "must_change_password")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Laurel"), {"fields": ("full_name", "unit", "groups")}),)
    list_display = ["username", "full_name", "unit", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "email", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    change_password_form = AdminSetPasswordForm

    def save_model(self, request, obj, form, change):
        if not change:  # an account an administrator creates starts with a password to be changed
            obj.must_change_password = True
        super().save_model(request, obj, form, change)
