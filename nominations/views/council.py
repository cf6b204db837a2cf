"""Council votes: rounds, ballots (own ballot only until closed), closing and minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from awards.campaign_rules import CampaignRules

from .. import services
from ..enums import BallotChoice, NomineeState, VoteSessionState
from ..forms import VoteOpenForm
from ..models import Ballot, PublicComment, VoteSession
from ..services.council import (
    approve_passed,
    awaiting_approval,
    declare_conflict,
    eligible_voters,
    recusals,
    remove_conflict,
)
from ..services.documents import minutes_docx
from .common import confirm_page, require_perm, run_move


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
    nominees = session.nominees.select_related("award", "dossier__unit__parent").order_by("subject_name", "pk")
    if request.user.has_perm("nominations.view_public_comments"):  # what the public said during the posting
        nominees = nominees.prefetch_related(
            Prefetch("public_comments", queryset=PublicComment.objects.select_related("answered_by")))
    nominees = list(nominees)
    mine = dict(Ballot.objects.filter(session=session, member=request.user).values_list("nominee_id", "choice"))
    closed = session.state == VoteSessionState.CLOSED
    rows = []
    rules = CampaignRules.for_campaign(session.campaign) if closed else None
    recused = recusals(session)
    for nominee in nominees:
        rule = [float(x) for x in rules.vote_rule(nominee.award)] if closed else None
        mine_recused = recused.get(nominee.pk, {}).get(request.user.pk)
        rows.append({"nominee": nominee, "mine": mine.get(nominee.pk), "rule": rule,
                     "recused": mine_recused[1] if mine_recused else None,
                     "eligible": eligible_voters(session, recused, nominee.pk)})
    return render(request, "nominations/vote_detail.html", {
        "session": session, "rows": rows, "closed": closed, "choices": BallotChoice.choices,
        "can_vote": request.user.has_perm("nominations.cast_vote", session),
        "can_close": request.user.has_perm("nominations.close_vote", session),
        "to_approve": closed and request.user.has_perm("nominations.approve_nominee")
        and awaiting_approval(session).count(),
        "can_view_comments": request.user.has_perm("nominations.view_public_comments"),
        "ballots_cast": Ballot.objects.filter(session=session).values("member").distinct().count(),
        "recusal_list": [(n, member, reason) for n in nominees for member, reason in recused.get(n.pk, {}).values()]
        if closed else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def vote_conflicts(request, pk):
    """A council member's conflicts on the nominees of an open round: own unit (by default) and declared."""
    session = get_object_or_404(VoteSession.objects.select_related("campaign"), pk=pk)
    require_perm(request, "nominations.cast_vote", session)
    nominees = {n.pk: n for n in session.nominees.select_related("award", "dossier__unit__parent")
                .order_by("subject_name", "pk")}
    if request.method == "POST":
        nominee = nominees.get(int(request.POST["nominee"])) if request.POST.get("nominee", "").isdigit() else None
        if nominee is None:
            messages.error(request, _("This nominee is not in this vote."))
        elif request.POST.get("action") == "remove":
            run_move(request, remove_conflict, session, nominee, request.user,
                     success=_("Conflict withdrawn: you may vote on %(name)s.") % {"name": nominee.subject_name})
        else:
            run_move(request, declare_conflict, session, nominee, request.user, request.POST.get("reason", ""),
                     success=_("Conflict declared: you will not vote on %(name)s.") % {"name": nominee.subject_name})
        return redirect("nominations:vote_conflicts", session.pk)
    mine = recusals(session)
    declared = set(session.conflicts.filter(member=request.user, removed_at=None, automatic=False)
                   .values_list("nominee_id", flat=True))
    rows = [{"nominee": n, "reason": mine.get(n.pk, {}).get(request.user.pk, (None, None))[1],
             "declared": n.pk in declared} for n in nominees.values()]
    return render(request, "nominations/vote_conflicts.html", {"session": session, "rows": rows})


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
    if count:
        messages.success(request, _("%(count)s votes recorded.") % {"count": count})
    if unchanged:
        messages.info(request, _("%(count)s of your votes were already recorded as chosen; nothing changed.")
                      % {"count": unchanged})
    return redirect("nominations:vote_detail", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def vote_close(request, pk):
    """GET: who voted and what closing means; POST: close, count, and go on to the approval of what passed."""
    session = get_object_or_404(VoteSession.objects.select_related("campaign"), pk=pk)
    if request.method == "GET":
        require_perm(request, "nominations.close_vote", session)
        voted = Ballot.objects.filter(session=session).values("member").distinct().count()
        return confirm_page(
            request, title=_("Close “%(title)s”?") % {"title": session.title},
            lead=_("%(voted)s of %(members)s members have voted on %(count)s nominees. Closing counts the ballots "
                   "against each award's threshold and quorum; no ballot can be cast or changed afterwards.")
            % {"voted": voted, "members": session.members_total, "count": session.nominees.count()},
            warning=_("%(missing)s members have not voted yet.") % {"missing": session.members_total - voted}
            if voted < session.members_total else "",
            button_label=_("Close voting and count"), button_class="btn-warning",
            cancel_url=reverse("nominations:vote_detail", args=[session.pk]))
    _s, ok = run_move(request, services.close_vote, session, request.user,
                      success=_("Voting closed; results counted."))
    if ok and request.user.has_perm("nominations.approve_nominee") and awaiting_approval(session).exists():
        return redirect("nominations:vote_approve", session.pk)
    return redirect("nominations:vote_detail", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def vote_approve(request, pk):
    """After the count: the nominees who passed, with their results, approved together on one confirmation;
    the POST reports row by row."""
    require_perm(request, "nominations.approve_nominee")
    session = get_object_or_404(VoteSession.objects.select_related("campaign"), pk=pk,
                                state=VoteSessionState.CLOSED)
    if request.method == "POST":  # the report: one message for the approved, one per refusal
        ids = [int(v) for v in request.POST.getlist("nominee") if v.isdigit()]
        report = approve_passed(session, request.user, ids)
        approved = sum(1 for row in report if row["ok"])
        if approved:
            messages.success(request, ngettext("%(count)s nominee approved.", "%(count)s nominees approved.",
                                               approved) % {"count": approved})
        for row in report:
            if not row["ok"]:
                messages.error(request, f"{row['nominee'].subject_name}: {row['message']}")
        if not report:
            messages.info(request, _("Nothing was approved: no nominee of this vote was chosen."))
        return redirect("nominations:vote_approve", session.pk)
    passed = list(awaiting_approval(session))
    not_passed = list(session.nominees.filter(vote_passed=False).select_related("award", "dossier__unit__parent")
                      .order_by("award_id", "subject_name", "pk"))
    return render(request, "nominations/vote_approve.html", {
        "session": session, "passed": passed, "not_passed": not_passed,
        "approved_count": session.nominees.filter(state=NomineeState.APPROVED).count(),
        "can_decide": request.user.has_perm("nominations.decide"),
    })


@login_required
def vote_minutes(request, pk):
    require_perm(request, "nominations.view_votes")
    session = get_object_or_404(VoteSession.objects.select_related("campaign"), pk=pk, state=VoteSessionState.CLOSED)
    nominees = list(session.nominees.select_related("award").order_by("subject_name", "pk"))
    campaign_rules = CampaignRules.for_campaign(session.campaign)
    rules = {n.pk: campaign_rules.vote_rule(n.award) for n in nominees}
    recused = recusals(session)
    response = HttpResponse(minutes_docx(session, nominees, rules, recused), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="minutes-{session.pk}.docx"'
    return response
