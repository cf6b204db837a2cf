"""The unit's side: drafting a dossier, its nominees, submitting and resubmitting."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.campaign_rules import CampaignRules

from .. import notifications
from ..eligibility import judge
from ..enums import EDITABLE_STATES, RECALLABLE_STATES, DossierState, Move, NomineeState, Verdict
from ..models import Ballot, Dossier, Nominee
from .common import lock_dossier, record, refuse_stale, require, set_dossier_state
from .completeness import missing_items
from .errors import MoveRefused
from .workdays import add_working_days


class IncompleteDossier(MoveRefused):
    """Submit refused: `missing` lists what the Board still needs, one sentence each."""

    def __init__(self, missing: list[str]):
        super().__init__(_("The dossier is not complete. Missing: %(items)s") % {"items": " ".join(missing)})
        self.missing = missing


class DuplicateNominee(MoveRefused):
    def __init__(self, message, other: Nominee):
        super().__init__(message)
        self.other = other


def create_dossier(campaign, unit, by, **fields) -> Dossier:
    require(by, "nominations.create_dossier")
    if not by.is_province_wide and not (by.unit_id and unit.path.startswith(by.unit.path)):
        raise MoveRefused(_("You can only file dossiers for your own unit."))
    refuse_closed(unit)
    with transaction.atomic():
        dossier = Dossier.objects.create(campaign=campaign, unit=unit, created_by=by, **fields)
        record(dossier, Move.CREATE, by, "", DossierState.DRAFT)
    return dossier


def find_duplicate(campaign, award, person=None, unit=None, exclude_pk=None):
    """The open or decided proposal of the subject for the award in the campaign; a refusal is no duplicate
    (the subject may be proposed again, and the new proposal shows the refusal)."""
    qs = (Nominee.objects.filter(campaign=campaign, award=award).exclude(state=NomineeState.REJECTED)
          .select_related("dossier"))
    qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def duplicate_error(other: Nominee) -> DuplicateNominee:
    return DuplicateNominee(
        _("%(name)s is already nominated for %(award)s in this campaign (dossier %(code)s).")
        % {"name": other.subject_name, "award": other.award_id, "code": other.dossier.code},
        other,
    )


def refuse_closed(unit):
    """A unit closed by a reorganisation (or dissolved) takes no new dossiers or nominations."""
    from units.timeline import is_closed

    if is_closed(unit):
        raise MoveRefused(_("%(unit)s was closed on %(date)s by a reorganisation; file under the unit that "
                            "received it.") % {"unit": unit.name, "date": f"{unit.dissolved_on:%d/%m/%Y}"})


def check_subject(dossier, award, person=None, unit=None):
    """The subject must belong to the dossier's unit subtree and fit the award; the award must be open."""
    if (person is None) == (unit is None):
        raise MoveRefused(_("Choose either a person or a collective."))
    subject_unit = person.unit if person is not None else unit
    if unit is not None:
        refuse_closed(unit)
    if not subject_unit.path.startswith(dossier.unit.path):
        raise MoveRefused(_("The nominee must belong to the dossier's unit or one of its sub-units."))
    if person is not None and not award.for_persons:
        raise MoveRefused(_("%(award)s is not awarded to persons.") % {"award": award.name})
    if unit is not None and not award.for_collectives:
        raise MoveRefused(_("%(award)s is not awarded to collectives.") % {"award": award.name})
    if not dossier.campaign.award_types.filter(pk=award.pk).exists():
        raise MoveRefused(_("%(award)s is not open in this campaign.") % {"award": award.name})


def apply_verdict(nominee: Nominee, stored) -> None:
    nominee.verdict = stored.verdict if stored.verdict in Verdict.values else Verdict.NEEDS_REVIEW
    nominee.criteria = stored.criteria
    nominee.evaluated_at = timezone.now()
    nominee.flagged = nominee.verdict == Verdict.INELIGIBLE


def add_nominee(dossier, by, *, award, person=None, unit=None, achievement="", justification="") -> Nominee:
    """Add a nominee to a draft or returned dossier, judging its eligibility at once. An ineligible
    nominee is accepted only with a justification, and is flagged."""
    require(by, "nominations.edit_dossier", dossier)
    check_subject(dossier, award, person, unit)
    other = find_duplicate(dossier.campaign, award, person, unit)
    if other is not None:
        raise duplicate_error(other)
    nominee = Nominee(dossier=dossier, campaign=dossier.campaign, person=person, unit=unit, award=award,
                      achievement=achievement, justification=justification)
    nominee.fill_subject_copy()
    apply_verdict(nominee, judge(CampaignRules.for_campaign(dossier.campaign), [(nominee.subject, award)])[0])
    if nominee.flagged and not justification.strip():
        raise MoveRefused(_("%(name)s is not eligible for %(award)s: give a justification to file anyway.")
                          % {"name": nominee.subject_name, "award": award.name})
    try:
        with transaction.atomic():
            locked = lock_dossier(dossier)
            refuse_stale(locked, EDITABLE_STATES, _("add a nominee"))
            nominee.save()
            record(dossier, Move.ADD_NOMINEE, by, "", nominee.state, _describe(nominee), nominee=nominee)
    except IntegrityError as exc:  # a concurrent duplicate
        other = find_duplicate(dossier.campaign, award, person, unit)
        if other is None:
            raise
        raise duplicate_error(other) from exc
    return nominee


def refuse_if_refused(nominee, action_label: str):
    if nominee.is_refused:
        raise MoveRefused(_("Cannot %(move)s %(name)s: a refusal stays on the record (reason: %(reason)s). "
                            "Propose the nominee again if the unit wants the case reconsidered.")
                          % {"move": action_label, "name": nominee.subject_name,
                             "reason": nominee.refusal_reason or "—"})


def _describe(nominee) -> str:
    return f"{nominee.subject_name} ({nominee.subject_code}) – {nominee.award.name} ({nominee.award_id})"


DOSSIER_FIELDS = ("title", "letter_number", "council_met_on", "council_members", "council_votes_for",
                  "council_votes_against")


def update_dossier(dossier, by, **fields) -> Dossier:
    """Change a draft or returned dossier's own fields; the audit row names the fields changed."""
    require(by, "nominations.edit_dossier", dossier)
    unknown = set(fields) - set(DOSSIER_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, EDITABLE_STATES, _("edit the dossier"))
        changed = [name for name, value in fields.items() if getattr(dossier, name) != value]
        if not changed:
            return dossier
        for name in changed:
            setattr(dossier, name, fields[name])
        dossier.save(update_fields=[*changed, "updated_at"])
        labels = ", ".join(str(Dossier._meta.get_field(name).verbose_name) for name in changed)
        record(dossier, Move.EDIT, by, comment=labels)
    return dossier


def update_nominee(nominee, by, *, achievement, justification) -> Nominee:
    require(by, "nominations.edit_dossier", nominee.dossier)
    refuse_if_refused(nominee, _("edit"))
    if nominee.flagged and not justification.strip():
        raise MoveRefused(_("An ineligible nominee needs a justification."))
    with transaction.atomic():
        dossier = lock_dossier(nominee.dossier_id)
        refuse_stale(dossier, EDITABLE_STATES, _("edit the nominee"))
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
        if (nominee.achievement, nominee.justification) == (achievement, justification):
            return nominee
        nominee.achievement, nominee.justification = achievement, justification
        nominee.save(update_fields=["achievement", "justification"])
        record(dossier, Move.EDIT_NOMINEE, by, comment=_describe(nominee), nominee=nominee)
    return nominee


def remove_nominee(nominee, by) -> None:
    """Take a proposed nominee out of a draft or returned dossier. A nominee that was put to a vote (or
    holds ballots) is never removed: ballots are never deleted. The audit row keeps the name."""
    require(by, "nominations.edit_dossier", nominee.dossier)
    with transaction.atomic():
        dossier = lock_dossier(nominee.dossier_id)
        refuse_stale(dossier, EDITABLE_STATES, _("remove the nominee"))
        nominee = Nominee.objects.select_for_update(of=("self",)).filter(pk=nominee.pk).first()
        if nominee is None:  # removed meanwhile
            return
        refuse_if_refused(nominee, _("remove"))
        if (nominee.state != NomineeState.PROPOSED or nominee.vote_session_id is not None
                or Ballot.objects.filter(nominee=nominee).exists()):
            raise MoveRefused(_("%(name)s was put to the council's vote and cannot be removed.")
                              % {"name": nominee.subject_name})
        for attachment in nominee.attachments.all():  # its files go with it, each with its own row
            record(dossier, Move.DETACH, by, comment=attachment.original_name)
            storage, name = attachment.file.storage, attachment.file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.exists(name) and storage.delete(name))
        record(dossier, Move.REMOVE_NOMINEE, by, nominee.state, "", _describe(nominee))
        nominee.delete()


def reevaluate(nominees) -> int:
    """Re-judge nominees still open (e.g. after the registry or the rule set changed)."""
    nominees = [n for n in nominees if n.state == NomineeState.PROPOSED]
    by_campaign = {}
    for nominee in nominees:
        by_campaign.setdefault(nominee.campaign_id, []).append(nominee)
    for group in by_campaign.values():
        campaign = group[0].campaign
        verdicts = judge(CampaignRules.for_campaign(campaign), [(n.subject, n.award) for n in group])
        for nominee, stored in zip(group, verdicts, strict=True):
            apply_verdict(nominee, stored)
        Nominee.objects.bulk_update(group, ["verdict", "criteria", "evaluated_at", "flagged"])
    return len(nominees)


def _check_ready(dossier):
    nominees = list(dossier.nominees.all())
    if not nominees:
        raise MoveRefused(_("Add at least one nominee before submitting."))
    missing = [n.subject_name for n in nominees if n.flagged and not n.justification.strip()]
    if missing:
        raise MoveRefused(_("Give a justification for: %(names)s.") % {"names": ", ".join(missing)})
    missing = missing_items(dossier)
    if missing:
        raise IncompleteDossier(missing)
    return nominees


def _notify_reviewers(dossier, message_type, count):
    notifications.notify(
        message_type, notifications.reviewers(),
        {"code": dossier.code, "unit": dossier.unit.name, "title": dossier.title, "count": count,
         "due": f"{dossier.due_on:%d/%m/%Y}"},
        url=reverse("nominations:dossier_detail", args=[dossier.pk]),
    )


def submit(dossier, by, comment="") -> Dossier:
    """Draft → submitted. Refused when the campaign's window is closed (the closing date is named)."""
    require(by, "nominations.submit_dossier", dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, {DossierState.DRAFT}, _("submit"))
        campaign = dossier.campaign
        today = timezone.localdate()
        if today > campaign.closes_on:
            raise MoveRefused(_("The submission window closed on %(date)s.")
                              % {"date": f"{campaign.closes_on:%d/%m/%Y}"})
        if today < campaign.opens_on:
            raise MoveRefused(_("The submission window opens on %(date)s.")
                              % {"date": f"{campaign.opens_on:%d/%m/%Y}"})
        nominees = _check_ready(dossier)
        set_dossier_state(dossier, DossierState.SUBMITTED, Move.SUBMIT, by, comment, submitted_at=timezone.now(),
                          due_on=add_working_days(today, campaign.processing_days))
        _notify_reviewers(dossier, notifications.SUBMITTED, len(nominees))
    return dossier


def resubmit(dossier, by, comment="") -> Dossier:
    """Returned → submitted again; the processing clock starts afresh."""
    require(by, "nominations.submit_dossier", dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, {DossierState.RETURNED}, _("resubmit"))
        nominees = _check_ready(dossier)
        today = timezone.localdate()
        set_dossier_state(dossier, DossierState.SUBMITTED, Move.RESUBMIT, by, comment, submitted_at=timezone.now(),
                          due_on=add_working_days(today, dossier.campaign.processing_days))
        _notify_reviewers(dossier, notifications.RESUBMITTED, len(nominees))
    return dossier


def recall(dossier, by, comment="") -> Dossier:
    """Submitted → back with the unit, while the Board has not received it: to the draft, or to
    "returned" when it was a resubmission. The processing clock stops."""
    require(by, "nominations.recall_dossier", dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, RECALLABLE_STATES, _("recall"))
        last = dossier.transitions.filter(move__in=[Move.SUBMIT, Move.RESUBMIT]).order_by("-at", "-pk").first()
        back_to = DossierState.RETURNED if last and last.move == Move.RESUBMIT else DossierState.DRAFT
        set_dossier_state(dossier, back_to, Move.RECALL, by, comment, submitted_at=None, due_on=None)
    return dossier


def delete_draft(dossier, by) -> None:
    """Delete a draft never submitted, with its nominees and files (the files once the deletion is
    committed). Its audit trail goes with it, so the deletion is logged in the admin's action log."""
    from django.contrib.admin.models import DELETION, LogEntry

    require(by, "nominations.delete_draft", dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier)
        refuse_stale(dossier, {DossierState.DRAFT}, _("delete the draft"))
        names = [n.subject_name for n in dossier.nominees.all()]
        files = [(a.file.storage, a.file.name) for a in dossier.attachments.all() if a.file.name]
        LogEntry.objects.log_actions(
            by.pk, [dossier], DELETION, single_object=True,
            change_message=_("Draft %(code)s “%(title)s” of %(unit)s deleted with %(count)s nominees (%(names)s) "
                             "and %(files)s files.")
            % {"code": dossier.code, "title": dossier.title, "unit": dossier.unit.name, "count": len(names),
               "names": ", ".join(names) or "—", "files": len(files)})
        dossier.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.exists(name) and storage.delete(name))

