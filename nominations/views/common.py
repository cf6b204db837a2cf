from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..queries import dossiers_visible_to, nominees_visible_to
from ..services import MoveRefused


def get_dossier(request, pk, *, for_update=False):
    """The dossier if the user may see it; another unit's dossier answers 404."""
    return get_object_or_404(dossiers_visible_to(request.user).select_related("unit", "campaign"), pk=pk)


def get_nominee(request, pk):
    return get_object_or_404(
        nominees_visible_to(request.user).select_related("dossier__unit", "dossier__campaign", "award"), pk=pk
    )


def require_perm(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def run_move(request, fn, *args, success=None, **kwargs):
    """Call a service move; a refused move becomes a polite error message instead of a 500."""
    try:
        result = fn(*args, **kwargs)
    except MoveRefused as exc:
        messages.error(request, exc.message)
        return None, False
    if success:
        messages.success(request, success)
    return result, True


def posted_comment(request) -> str | None:
    """The optional comment of a one-button form (submit, bulk actions), checked as CommentForm checks it
    (length limit, cleaned text); None after showing the errors as messages when it is refused."""
    from ..forms import CommentForm

    form = CommentForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["comment"]
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return None


def confirm_page(request, *, title, button_label, cancel_url, items=(), lead="", blockers=(), blockers_title="",
                 warning="", button_class="btn-primary", with_comment=False):
    """The server-side confirmation step of an irreversible move: what will happen, and one button that
    POSTs back to the same URL: the page is a GET, the move happens only on that POST."""
    from django.shortcuts import render

    return render(request, "nominations/confirm.html", {
        "title": title, "lead": lead, "items": list(items), "blockers": list(blockers),
        "blockers_title": blockers_title, "warning": warning, "action_url": request.path,
        "button_label": button_label, "button_class": button_class, "cancel_url": cancel_url,
        "with_comment": with_comment,
    })

