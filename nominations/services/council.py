"""The council's side: voting rounds, ballots (secret until closed), results against the vote rule."""

from fractions import Fraction

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.campaign_rules import CampaignRules

from .. import notifications
from ..enums import BallotChoice, DossierState, Move, NomineeState, VoteSessionState
from ..models import Ballot, Conflict, Nominee, VoteSession
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
        reason = recused_from(session, member).get(nominee.pk)
        if reason is not None:
            raise MoveRefused(_("You are recused from voting on %(name)s (%(reason)s).")
                              % {"name": nominee.subject_name, "reason": reason})
        ballot = Ballot.objects.filter(nominee=nominee, member=member, session=session, choice=choice).first()
        if ballot is not None:
            ballot.unchanged = True
            return ballot
        ballot, _created = Ballot.objects.update_or_create(
            nominee=nominee, member=member, defaults={"session": session, "choice": choice}
        )
    ballot.unchanged = False
    return ballot


def tally(session, recused=None):
    """{nominee_id: {"for":…, "against":…, "abstain":…}}; only meaningful (and shown) once closed. A ballot
    of a member recused from that nominee (a conflict declared after voting) is not counted."""
    recused = recusals(session) if recused is None else recused
    counts = {}
    for nominee_id, member_id, choice in Ballot.objects.filter(session=session).values_list(
            "nominee_id", "member_id", "choice"):
        if member_id in recused.get(nominee_id, {}):
            continue
        row = counts.setdefault(nominee_id, {"for": 0, "against": 0, "abstain": 0})
        row[{BallotChoice.FOR: "for", BallotChoice.AGAINST: "against"}.get(choice, "abstain")] += 1
    return counts


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
        record_own_unit_conflicts(session)
        recused = recusals(session)
        counts = tally(session, recused)
        zero = {"for": 0, "against": 0, "abstain": 0}
        nominees = list(session.nominees.select_related("award"))
        rules = CampaignRules.for_campaign(session.campaign)
        for nominee in nominees:
            c = counts.get(nominee.pk, zero)
            threshold, quorum = rules.vote_rule(nominee.award)
            nominee.votes_for, nominee.votes_against, nominee.votes_abstain = c["for"], c["against"], c["abstain"]
            nominee.eligible_voters = eligible_voters(session, recused, nominee.pk)
            nominee.vote_passed = vote_passes(c, nominee.eligible_voters, threshold, quorum)
        Nominee.objects.bulk_update(nominees, ["votes_for", "votes_against", "votes_abstain", "vote_passed"])
        for nominee in nominees:
            record(nominee.dossier_id, Move.VOTE_CLOSED, by, nominee=nominee,
                   comment=_("%(for)s for, %(against)s against, %(abstain)s abstain of %(total)s: %(result)s") % {
                       "for": nominee.votes_for, "against": nominee.votes_against, "abstain": nominee.votes_abstain,
                       "total": nominee.eligible_voters,
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
            .select_related("award", "dossier__unit__parent", "dossier__campaign")
            .order_by("award_id", "subject_name", "pk"))


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


# -- recusal -----------------------------------------------------------------------------------------------

def _nominee_units(nominee):
    """The units a nominee belongs to: the proposing unit, and the person's unit or the collective itself."""
    units = [nominee.dossier.unit]
    if nominee.unit_id:
        units.append(nominee.unit)
    elif nominee.person_id:
        units.append(nominee.person.unit)
    return [unit for unit in units if unit is not None]


def own_unit_conflict(member, nominee) -> bool:
    """A member is in conflict, by default, on the nominees of their own unit and its sub-units; a member
    without a unit has none."""
    unit = member.unit
    return unit is not None and any(u.path.startswith(unit.path) for u in _nominee_units(nominee))


def _session_nominees(session):
    return session.nominees.select_related("dossier__unit", "unit", "person__unit")


def recusals(session) -> dict:
    """{nominee_id: {member_id: (member, reason)}}: the active declared conflicts and, while the round is
    open, the own-unit conflicts of the council members (recorded as rows when the round closes)."""
    result = {}
    for conflict in session.conflicts.filter(removed_at=None).select_related("member"):
        result.setdefault(conflict.nominee_id, {})[conflict.member_id] = (conflict.member, conflict.reason)
    if session.state == VoteSessionState.OPEN:
        members = [m for m in notifications.council_members().select_related("unit") if m.unit_id]
        if members:
            for nominee in _session_nominees(session):
                for member in members:
                    if own_unit_conflict(member, nominee):
                        result.setdefault(nominee.pk, {}).setdefault(member.pk, (member, _own_unit_reason(member)))
    return result


def _own_unit_reason(member) -> str:
    return _("Own unit: %(unit)s") % {"unit": member.unit.name}


def recused_from(session, member) -> dict:
    """{nominee_id: reason} for one member of the round."""
    return {nominee_id: members[member.pk][1] for nominee_id, members in recusals(session).items()
            if member.pk in members}


def eligible_voters(session, recused, nominee_id) -> int:
    """The members who may vote on a nominee: the round's members less those recused from it."""
    return max(session.members_total - len(recused.get(nominee_id, {})), 0)


def record_own_unit_conflicts(session):
    """At closing, the own-unit conflicts become rows, so the minutes keep them whatever changes later."""
    members = [m for m in notifications.council_members().select_related("unit") if m.unit_id]
    declared = set(session.conflicts.filter(removed_at=None).values_list("nominee_id", "member_id"))
    rows = [Conflict(session=session, nominee=nominee, member=member, reason=_own_unit_reason(member), automatic=True)
            for nominee in _session_nominees(session) for member in members
            if (nominee.pk, member.pk) not in declared and own_unit_conflict(member, nominee)]
    Conflict.objects.bulk_create(rows)


def declare_conflict(session, nominee, member, reason: str) -> Conflict:
    """A council member declares a conflict on a nominee of an open round (a relative, a close colleague…)."""
    require(member, "nominations.cast_vote", session)
    reason = (reason or "").strip()
    if not reason:
        raise MoveRefused(_("Give the reason for the conflict."))
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.state != VoteSessionState.OPEN:
            raise MoveRefused(_("This vote is closed."))
        if not session.nominees.filter(pk=nominee.pk).exists():
            raise MoveRefused(_("This nominee is not in this vote."))
        existing = session.conflicts.filter(nominee=nominee, member=member, removed_at=None).first()
        if existing is not None:
            return existing
        return Conflict.objects.create(session=session, nominee=nominee, member=member, reason=reason[:255])


def remove_conflict(session, nominee, member) -> int:
    """Withdraw a declared conflict while the round is open; the row stays, stamped with the removal time.
    The own-unit conflict cannot be withdrawn."""
    require(member, "nominations.cast_vote", session)
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.state != VoteSessionState.OPEN:
            raise MoveRefused(_("This vote is closed."))
        return session.conflicts.filter(nominee=nominee, member=member, removed_at=None, automatic=False).update(
            removed_at=timezone.now())
