from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .roles import Role


@login_required
def home(request):
    """Each role's start page: a short list of what that role does in Laurel."""
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {"roles": [Role(role).label for role in sorted(user.roles)], "unit": user.unit},
    )
