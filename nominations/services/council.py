"""The council's side: voting rounds, ballots (secret until closed), results against the vote rule."""

from fractions import Fraction

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.campaign_rules import CampaignRules

from .. import notifications
from ..enums import BallotChoice, DossierState, Move, NomineeState, VoteSessionState
from ..models import Ballot, Nominee, VoteSession
from .common import lock_dossier, lock_nominee, record, refuse_stale, refuse_stale_nominee, require, set_nominee_state
from .errors import MoveRefused


def votable_nominees(campaign, today=None):
    """Accepted nominees of dossiers in council, not yet in a round, whose public posting has ended."""
    today = today or timezone.localdate()
    return Nominee.objects.filter(
        campaign=campaign, state=NomineeState.ACCEPTED, vote_session__isnull=True,
        dossier__state=DossierState.IN_COUNCIL,
    ).filter(Q(dossier__posting_until__isnull=True) | Q(dossier__posting_until__lt=today))


def open_vote(campaign, by, title: str, closes_at=None) -> VoteSession:
    """Open a voting round on every votable nominee of the campaign and tell the council members."""
    require(by, "nominations.manage_vote")
    if closes_at is not None and closes_at <= timezone.now():
        raise MoveRefused(_("The voting window must close in the future."))
    with transaction.atomic():
        nominees = list(votable_nominees(campaign).select_for_update(of=("self",)))
        if not nominees:
            raise MoveRefused(_("No accepted nominee is waiting for a vote in this campaign."))
        members = list(notifications.council_members())
        if not members:
            raise MoveRefused(_("The council has no members."))
        session = VoteSession.objects.create(
            campaign=campaign, title=title, state=VoteSessionState.OPEN, opens_at=timezone.now(),
            closes_at=closes_at, members_total=len(members), opened_by=by,
        )
        Nominee.objects.filter(pk__in=[n.pk for n in nominees]).update(vote_session=session)
        for dossier_id in sorted({n.dossier_id for n in nominees}):
            record(dossier_id, Move.VOTE_OPENED, by, comment=title)
        notifications.notify(
            notifications.VOTE_OPENED, members,
            {"title": title, "count": len(nominees),
             "closes": f"{timezone.localtime(closes_at):%d/%m/%Y %H:%M}" if closes_at else "—"},
            url=reverse("nominations:vote_detail", args=[session.pk]),
        )
    return session


def cast_vote(session, nominee, member, choice: str) -> Ballot:
    """Record (or change) a member's ballot while the round is open. The same ballot cast again (a double
    click, a resent form) changes nothing: the ballot is returned with `unchanged` set."""
    require(member, "nominations.cast_vote")
    if choice not in BallotChoice.values:
        raise MoveRefused(_("Unknown vote."))
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.state != VoteSessionState.OPEN:
            raise MoveRefused(_("This vote is closed."))
        if session.closes_at and timezone.now() > session.closes_at:
            raise MoveRefused(_("The voting window closed at %(when)s.")
                              % {"when": f"{timezone.localtime(session.closes_at):%d/%m/%Y %H:%M}"})
        if not session.nominees.filter(pk=nominee.pk).exists():
            raise MoveRefused(_("This nominee is not in this vote."))
        ballot = Ballot.objects.filter(nominee=nominee, member=member, session=session, choice=choice).first()
        if ballot is not None:
            ballot.unchanged = True
            return ballot
        ballot, _created = Ballot.objects.update_or_create(
            nominee=nominee, member=member, defaults={"session": session, "choice": choice}
        )
    ballot.unchanged = False
    return ballot


def tally(session):
    """{nominee_id: {"for":…, "against":…, "abstain":…}}; only meaningful (and shown) once closed."""
    rows = Ballot.objects.filter(session=session).values("nominee_id").annotate(
        n_for=Count("pk", filter=Q(choice=BallotChoice.FOR)),
        n_against=Count("pk", filter=Q(choice=BallotChoice.AGAINST)),
        n_abstain=Count("pk", filter=Q(choice=BallotChoice.ABSTAIN)),
    )
    return {r["nominee_id"]: {"for": r["n_for"], "against": r["n_against"], "abstain": r["n_abstain"]} for r in rows}


def vote_passes(counts: dict, members_total: int, threshold: Fraction, quorum: Fraction) -> bool:
    """Quorum: members who voted / members; threshold: votes for / members. Exact fractions."""
    voters = counts["for"] + counts["against"] + counts["abstain"]
    if members_total <= 0 or Fraction(voters, members_total) < quorum:
        return False
    return Fraction(counts["for"], members_total) >= threshold


def close_vote(session, by) -> VoteSession:
    """Open → closed: count each nominee's ballots against the award's threshold and quorum."""
    require(by, "nominations.manage_vote")
    with transaction.atomic():
        # Only the session's row: PostgreSQL refuses FOR UPDATE on the nullable side of the closed_by join.
        session = (VoteSession.objects.select_for_update(of=("self",)).select_related("campaign", "closed_by")
                   .get(pk=session.pk))
        if session.state != VoteSessionState.OPEN:
            raise MoveRefused(_("This vote was already closed by %(who)s.") % {"who": session.closed_by or "—"})
        counts = tally(session)
        zero = {"for": 0, "against": 0, "abstain": 0}
        nominees = list(session.nominees.select_related("award"))
        rules = CampaignRules.for_campaign(session.campaign)
        for nominee in nominees:
            c = counts.get(nominee.pk, zero)
            threshold, quorum = rules.vote_rule(nominee.award)
            nominee.votes_for, nominee.votes_against, nominee.votes_abstain = c["for"], c["against"], c["abstain"]
            nominee.vote_passed = vote_passes(c, session.members_total, threshold, quorum)
        Nominee.objects.bulk_update(nominees, ["votes_for", "votes_against", "votes_abstain", "vote_passed"])
        for nominee in nominees:
            record(nominee.dossier_id, Move.VOTE_CLOSED, by, nominee=nominee,
                   comment=_("%(for)s for, %(against)s against, %(abstain)s abstain of %(total)s: %(result)s") % {
                       "for": nominee.votes_for, "against": nominee.votes_against, "abstain": nominee.votes_abstain,
                       "total": session.members_total,
                       "result": _("passed") if nominee.vote_passed else _("not passed")})
        session.state, session.closed_by, session.closed_at = VoteSessionState.CLOSED, by, timezone.now()
        session.save(update_fields=["state", "closed_by", "closed_at"])
    return session


def approve_nominee(nominee, by, comment="") -> Nominee:
    """Accepted → approved, only when the council vote passed."""
    require(by, "nominations.approve_nominee")
    with transaction.atomic():
        dossier = lock_dossier(nominee.dossier_id)
        refuse_stale(dossier, {DossierState.IN_COUNCIL}, _("approve"))
        nominee = lock_nominee(nominee)
        refuse_stale_nominee(nominee, {NomineeState.ACCEPTED}, _("approve"))
        if not nominee.vote_passed:
            raise MoveRefused(_("%(name)s did not pass the council vote.") % {"name": nominee.subject_name})
        set_nominee_state(nominee, NomineeState.APPROVED, Move.APPROVE, by, comment)
    return nominee


def awaiting_approval(session):
    """The nominees of a closed round that passed and still wait for the approval."""
    return (session.nominees.filter(state=NomineeState.ACCEPTED, vote_passed=True,
                                    dossier__state=DossierState.IN_COUNCIL)
            .select_related("award", "dossier__unit", "dossier__campaign").order_by("award_id", "subject_name", "pk"))


def approve_passed(session, by, nominee_ids) -> list[dict]:
    """Approve the confirmed nominees of a round one by one through approve_nominee; each row reports
    {"nominee", "ok", "message"} (a refusal does not stop the others)."""
    require(by, "nominations.approve_nominee")
    report = []
    for nominee in session.nominees.filter(pk__in=nominee_ids).select_related("dossier").order_by("subject_name", "pk"):
        try:
            approve_nominee(nominee, by)
            report.append({"nominee": nominee, "ok": True, "message": _("Approved.")})
        except MoveRefused as exc:
            report.append({"nominee": nominee, "ok": False, "message": exc.message})
    return report
