"""Shared pieces of the move functions: locking, the stale-move message, the audit row."""

from django.utils import formats
from django.utils.translation import gettext as _

from ..enums import DossierState, NomineeState
from ..models import Dossier, Nominee, Transition
from .errors import MoveRefused, NotAllowed


def require(user, perm: str, obj=None):
    if not user.has_perm(perm, obj):
        raise NotAllowed()


def lock_dossier(dossier) -> Dossier:
    """Re-read the dossier with its row locked for the rest of the transaction."""
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    return Dossier.objects.select_for_update(of=("self",)).select_related("unit", "campaign").get(pk=pk)


def lock_nominee(nominee) -> Nominee:
    pk = nominee.pk if isinstance(nominee, Nominee) else nominee
    return Nominee.objects.select_for_update(of=("self",)).select_related("award", "person", "unit").get(pk=pk)


def _who_and_when(transition) -> dict:
    return {
        "who": str(transition.actor) if transition and transition.actor else _("someone"),
        "when": formats.date_format(transition.at, "SHORT_DATETIME_FORMAT") if transition else "",
    }


def refuse_stale(dossier: Dossier, allowed, move_label: str):
    """Refuse a move whose starting state no longer holds, naming who moved the dossier last."""
    if dossier.state in allowed:
        return
    last = dossier.transitions.select_related("actor").order_by("-at", "-pk").first()
    raise MoveRefused(
        _("Cannot %(move)s: the dossier is already “%(state)s” (by %(who)s, %(when)s).")
        % {"move": move_label, "state": DossierState(dossier.state).label, **_who_and_when(last)}
    )


def refuse_stale_nominee(nominee: Nominee, allowed, move_label: str):
    if nominee.state in allowed:
        return
    last = (
        Transition.objects.filter(nominee=nominee).select_related("actor").order_by("-at", "-pk").first()
    )
    raise MoveRefused(
        _("Cannot %(move)s %(name)s: the nominee is already “%(state)s” (by %(who)s, %(when)s).")
        % {"move": move_label, "name": nominee.subject_name, "state": NomineeState(nominee.state).label,
           **_who_and_when(last)}
    )


def record(dossier, move, by, from_state="", to_state="", comment="", nominee=None) -> Transition:
    return Transition.objects.create(
        dossier_id=getattr(dossier, "pk", dossier), nominee=nominee, move=move, actor=by, from_state=from_state,
        to_state=to_state, comment=comment,
    )


def set_dossier_state(dossier, to_state, move, by, comment="", **extra_fields):
    from_state = dossier.state
    dossier.state = to_state
    for name, value in extra_fields.items():
        setattr(dossier, name, value)
    dossier.save(update_fields=["state", "updated_at", *extra_fields])
    return record(dossier, move, by, from_state, to_state, comment)


def set_nominee_state(nominee, to_state, move, by, comment="", **extra_fields):
    from_state = nominee.state
    nominee.state = to_state
    for name, value in extra_fields.items():
        setattr(nominee, name, value)
    nominee.save(update_fields=["state", *extra_fields])
    return record(nominee.dossier_id, move, by, from_state, to_state, comment, nominee=nominee)
