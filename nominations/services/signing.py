"""The chair's digital signature on an issued decision: its PDF, signed with the configured signer
(signing/), kept as the decision's legal copy."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from signing.pdf import sign_pdf
from signing.signers import SigningUnavailable

from ..models import Decision
from .common import require
from .decision_pdf import decision_pdf
from .errors import MoveRefused


def signed_file_name(decision) -> str:
    return f"decision-{decision.number.replace('/', '-')}-{decision.year}-signed.pdf"


def sign_decision(decision, by) -> Decision:
    """Sign the decision's PDF once; a second request is told who signed it and when. The PDF is rendered
    and signed under the decision's row lock, so two clicks make one signature; the move is written to
    the admin's action log (a decision has no timeline of its own)."""
    require(by, "nominations.sign_decision")
    with transaction.atomic():
        locked = Decision.objects.select_for_update(of=("self",)).select_related("signed_by").get(pk=decision.pk)
        if locked.signed_at is not None:
            raise MoveRefused(_("Decision %(number)s was already signed by %(who)s on %(when)s.") % {
                "number": locked.number, "who": locked.signed_by or _("someone"),
                "when": formats.date_format(timezone.localtime(locked.signed_at), "SHORT_DATETIME_FORMAT")})
        lines = list(locked.lines.select_related("award", "nominee"))
        try:
            signed = sign_pdf(decision_pdf(locked, lines), location=locked.place,
                              reason=f"Ký ban hành Quyết định số {locked.number}")
        except SigningUnavailable as exc:
            raise MoveRefused(_("The decision could not be signed: %(reason)s") % {"reason": exc}) from exc
        locked.signed_pdf.save(signed_file_name(locked), ContentFile(signed), save=False)
        locked.signed_at, locked.signed_by = timezone.now(), by
        locked.save(update_fields=["signed_pdf", "signed_at", "signed_by"])
        LogEntry.objects.log_actions(by.pk, [locked], CHANGE, single_object=True,
                                     change_message=_("Decision %(number)s signed digitally.")
                                     % {"number": locked.number})
    decision.signed_pdf, decision.signed_at, decision.signed_by = locked.signed_pdf, locked.signed_at, by
    return decision
