from django.shortcuts import redirect

# What a user who must change their password may still open.
EXEMPT_VIEWS = frozenset({
    "password_change", "password_change_done", "logout", "set_language",
    "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
})


class ForcePasswordChangeMiddleware:
    """An account an administrator created (or whose password an administrator set) must choose its own
    password first: every page but the change-password page redirects there until it is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        return redirect("password_change")
