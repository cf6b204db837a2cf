from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminSetPasswordForm
from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Laurel"), {"fields": ("full_name", "unit", "language", "must_change_password")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Laurel"), {"fields": ("full_name", "unit", "groups")}),)
    list_display = ["username", "full_name", "unit", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "email", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    change_password_form = AdminSetPasswordForm

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) == str(id):
            # administrators who set their own password here chose it themselves
            User.objects.filter(pk=request.user.pk).update(must_change_password=False)
        return response

    def save_model(self, request, obj, form, change):
        if not change:  # an account an administrator creates starts with a password to be changed
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        # An administrator manages logins and their roles (groups) but cannot make anyone a superuser or
        # hand out single permissions (neither gives a workflow right, but both widen the admin).
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields
