import hashlib

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render

from .lockout import client_ip, over_limit
from .roles import Role
from .todo import deadlines_for, todo_for

RESET_MAILS_PER_ADDRESS = 5  # per e-mail address and hour
RESET_REQUESTS_PER_CLIENT = 20  # per client address and hour


@login_required
def home(request):
    """Each role's start page: its to-do list, with counts linking to the lists they count."""
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {"roles": [Role(role).label for role in sorted(user.roles)], "unit": user.unit,
         "todo": todo_for(user), "deadlines": deadlines_for(user)},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by e-mail, which never says whether an address has an account. Beyond a few requests
    an hour for one e-mail address or from one client no message is sent, and the answer is the same, so the
    form cannot be used to flood someone's mailbox."""

    def form_valid(self, form):
        email = hashlib.sha256(form.cleaned_data["email"].strip().lower().encode()).hexdigest()
        hour = 3600
        flooded = over_limit(f"accounts:reset:client:{client_ip(self.request)}", RESET_REQUESTS_PER_CLIENT, hour)
        flooded = over_limit(f"accounts:reset:email:{email}", RESET_MAILS_PER_ADDRESS, hour) or flooded
        if flooded:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
