"""The public posting of proposed awardees (no login): the list of nominees posted today and, for each, a
form to send the Board a comment. Outside its posting window a nominee is neither listed nor commented on:
its page answers 404, the same as for a nominee never posted."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.lockout import client_ip, over_limit
from nominations.services.posting import PostingClosed, TooManyComments, add_public_comment, sender_hash

from . import challenge, posting
from .forms import PostingSearchForm, PublicCommentForm

PAGE_SIZE = 100
ATTEMPT_WINDOW_SECONDS = 600


def posting_list(request):
    form = PostingSearchForm(request.GET)
    page = Paginator(posting.search(form.query()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/posting_list.html", {
        "form": form, "page": page, "groups": posting.by_campaign(page.object_list), "query": query.urlencode(),
    })


def _closed(request):
    return render(request, "reports/posting_closed.html", status=404)


def _busy(request, message, text=""):
    """The 429 page, with the comment the sender typed (nothing typed is lost)."""
    return render(request, "reports/posting_busy.html", {"message": message, "text": text}, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def posting_nominee(request, pk):
    nominee = posting.posted(pk)
    if nominee is None:
        return _closed(request)
    form = PublicCommentForm(request.POST or None, subject=pk)
    if request.method == "POST":
        sender = sender_hash(client_ip(request))
        if over_limit(f"public-comment:attempts:{sender}", settings.LAUREL_PUBLIC_COMMENT_ATTEMPTS,
                      ATTEMPT_WINDOW_SECONDS):
            return _busy(request, _("Too many attempts; try again later."), request.POST.get("text", ""))
        if form.is_valid():
            data = form.cleaned_data
            try:
                add_public_comment(pk, data["text"], data["contact"], sender)
            except PostingClosed:
                return _closed(request)
            except TooManyComments as exc:
                return _busy(request, exc.message, data["text"])
            messages.success(request, _("Thank you: your comment was sent to the Board."))
            return redirect("public:posting_nominee", pk)
    return render(request, "reports/posting_nominee.html", {
        "nominee": nominee, "form": form, "challenge": challenge.issue(pk),
    })
