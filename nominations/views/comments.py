"""The public's comments on posted nominees, on the Board's side: the list across dossiers, and the answer
(or note) on one comment. The comments are also shown on the dossier page and on the council's vote page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from ..enums import CommentState
from ..filters import PublicCommentFilter
from ..forms import CommentAnswerForm
from ..models import PublicComment
from ..queries import public_comments_visible_to
from ..services.posting import answer_public_comment
from ..tables import PublicCommentTable
from .common import require_perm, run_move

PER_PAGE = 50


@login_required
def comment_list(request):
    """Every comment the user may read (the Board, the chair, the council), newest first; the Board answers
    them on the dossier page each row links to."""
    require_perm(request, "nominations.view_public_comments")
    comments = (public_comments_visible_to(request.user).select_related("nominee__dossier__campaign")
                .order_by("-created_at", "-pk"))
    filterset = PublicCommentFilter(request.GET or None, queryset=comments)
    table = PublicCommentTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, "nominations/comment_list.html", {"filter": filterset, "table": table})


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
        return redirect(comment.get_absolute_url())
    return render(request, "nominations/comment_answer.html", {"comment": comment, "form": form})
