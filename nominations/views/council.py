"""Council votes: rounds, ballots (own ballot only until closed), closing and minutes."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.campaign_rules import CampaignRules

from .. import services
from ..enums import BallotChoice, VoteSessionState
from ..forms import VoteOpenForm
from ..models import Ballot, VoteSession
from ..services.documents import minutes_docx
from .common import require_perm, run_move


@login_required
def vote_list(request):
    require_perm(request, "nominations.view_votes")
    qs = VoteSession.objects.select_related("campaign").annotate(nominee_count=Count("nominees")).order_by("-pk")
    return render(request, "nominations/vote_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "can_manage": request.user.has_perm("nominations.manage_vote"),
    })


@login_required
def vote_open(request):
    require_perm(request, "nominations.manage_vote")
    form = VoteOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session, ok = run_move(request, services.open_vote, data["campaign"], request.user, data["title"],
                               data["closes_at"], success=_("Voting is open; the council members are notified."))
        if ok:
            return redirect("nominations:vote_detail", session.pk)
    return render(request, "nominations/vote_open.html", {"form": form})


@login_required
def vote_detail(request, pk):
    require_perm(request, "nominations.view_votes")
    session = get_object_or_404(VoteSession.objects.select_related("campaign", "closed_by"), pk=pk)
    nominees = list(session.nominees.select_related("award", "dossier__unit").order_by("subject_name", "pk"))
    mine = dict(Ballot.objects.filter(session=session, member=request.user).values_list("nominee_id", "choice"))
    closed = session.state == VoteSessionState.CLOSED
    rows = []
    rules = CampaignRules.for_campaign(session.campaign) if closed else None
    for nominee in nominees:
        rule = [float(x) for x in rules.vote_rule(nominee.award)] if closed else None
        rows.append({"nominee": nominee, "mine": mine.get(nominee.pk), "rule": rule})
    return render(request, "nominations/vote_detail.html", {
        "session": session, "rows": rows, "closed": closed, "choices": BallotChoice.choices,
        "can_vote": request.user.has_perm("nominations.cast_vote", session),
        "can_close": request.user.has_perm("nominations.close_vote", session),
        "ballots_cast": Ballot.objects.filter(session=session).values("member").distinct().count(),
    })


@login_required
@require_POST
def vote_cast(request, pk):
    session = get_object_or_404(VoteSession, pk=pk)
    nominees = {n.pk: n for n in session.nominees.all()}
    count = unchanged = 0
    for key, choice in request.POST.items():
        if key.startswith("n_") and key[2:].isdigit() and int(key[2:]) in nominees:
            ballot, ok = run_move(request, services.cast_vote, session, nominees[int(key[2:])], request.user, choice)
            if ok and ballot.unchanged:
                unchanged += 1
            else:
                count += ok
    from django.contrib import messages

    if count:
        messages.success(request, _("%(count)s votes recorded.") % {"count": count})
    if unchanged:
        messages.info(request, _("%(count)s of your votes were already recorded as chosen; nothing changed.")
                      % {"count": unchanged})
    return redirect("nominations:vote_detail", session.pk)


@login_required
@require_POST
def vote_close(request, pk):
    session = get_object_or_404(VoteSession, pk=pk)
    run_move(request, services.close_vote, session, request.user, success=_("Voting closed; results counted."))
    return redirect("nominations:vote_detail", session.pk)


@login_required
def vote_minutes(request, pk):
    require_perm(request, "nominations.view_votes")
    session = get_object_or_404(VoteSession.objects.select_related("campaign"), pk=pk, state=VoteSessionState.CLOSED)
    nominees = list(session.nominees.select_related("award").order_by("subject_name", "pk"))
    campaign_rules = CampaignRules.for_campaign(session.campaign)
    rules = {n.pk: campaign_rules.vote_rule(n.award) for n in nominees}
    response = HttpResponse(minutes_docx(session, nominees, rules), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="minutes-{session.pk}.docx"'
    return response
