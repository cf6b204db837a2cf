from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LaurelPasswordChangeForm, LaurelSetPasswordForm

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's own flows; the templates are in templates/registration/.
    path("password/change/", auth_views.PasswordChangeView.as_view(form_class=LaurelPasswordChangeForm),
         name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(form_class=LaurelSetPasswordForm),
         name="password_reset_confirm"),
    path("password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
