"""What a Board needs before a dossier is submitted: the unit council's meeting and vote, and the
documents the campaign kind requires (RequiredDocument rows). Reads only; submit refuses with the list."""

from django.utils.translation import gettext as _

from ..enums import AttachmentKind, NomineeState
from ..models import RequiredDocument


def missing_items(dossier) -> list[str]:
    """Everything still missing, one sentence each; empty when the dossier is complete."""
    missing = []
    if dossier.council_met_on is None:
        missing.append(_("The date of the unit council's meeting."))
    if dossier.council_members is None or dossier.council_votes_for is None or dossier.council_votes_against is None:
        missing.append(_("The unit council's vote: members, votes for and votes against."))
    elif dossier.council_votes_for + dossier.council_votes_against > dossier.council_members:
        missing.append(_("The unit council's votes exceed its members."))
    attachments = list(dossier.attachments.all())
    nominees = [n for n in dossier.nominees.all() if n.state != NomineeState.REJECTED]
    for required in RequiredDocument.objects.filter(campaign_kind=dossier.campaign.kind):
        label = AttachmentKind(required.kind).label
        if not required.per_nominee:
            if not any(a.kind == required.kind for a in attachments):
                missing.append(_("%(document)s.") % {"document": label})
            continue
        for nominee in nominees:
            has_file = any(a.kind == required.kind and a.nominee_id == nominee.pk for a in attachments)
            if has_file or (required.summary_suffices and nominee.achievement.strip()):
                continue
            if required.summary_suffices:
                missing.append(_("%(document)s or a short achievement summary for %(name)s.")
                               % {"document": label, "name": nominee.subject_name})
            else:
                missing.append(_("%(document)s for %(name)s.") % {"document": label, "name": nominee.subject_name})
    return missing
