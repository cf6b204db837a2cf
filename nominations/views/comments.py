"""The Board's answer (or note) on a comment the public sent on a posted nominee. The comments themselves
are shown on the dossier page and on the council's vote page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..enums import CommentState
from ..forms import CommentAnswerForm
from ..models import PublicComment
from ..services.posting import answer_public_comment
from .common import require_perm, run_move


@login_required
def comment_answer(request, pk):
    require_perm(request, "nominations.answer_public_comment")
    comment = get_object_or_404(PublicComment.objects.select_related("nominee__dossier", "answered_by"), pk=pk)
    form = CommentAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        state = form.cleaned_data["state"]
        done = _("Answer saved.") if state == CommentState.ANSWERED else _("Comment noted.")
        run_move(request, answer_public_comment, comment, request.user, state, form.cleaned_data["answer"],
                 success=done)
        return redirect(comment_url(comment))
    return render(request, "nominations/comment_answer.html", {"comment": comment, "form": form})


def comment_url(comment) -> str:
    return reverse("nominations:dossier_detail", args=[comment.nominee.dossier_id]) + f"#comment-{comment.pk}"
