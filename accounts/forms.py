"""Password forms: choosing one's own password clears the forced change an administrator set; a forced
change must pick a password other than the one the administrator gave."""

from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class ChoosesOwnPasswordMixin:
    """The user sets their own password: the forced change is done."""

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = False
        if commit:
            user.save()
        return user


class LaurelSetPasswordForm(ChoosesOwnPasswordMixin, SetPasswordForm):
    """The last step of the reset by e-mail."""


class LaurelPasswordChangeForm(ChoosesOwnPasswordMixin, PasswordChangeForm):
    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise forms.ValidationError(_("The new password must differ from the current one."),
                                        code="password_unchanged")
        return password


class AdminSetPasswordForm(AdminPasswordChangeForm):
    """An administrator sets someone's password (in the admin): that person must change it at next login."""

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = True
        if commit:
            user.save()
        return user
