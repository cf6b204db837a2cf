"""Shared querysets about certificates that other apps ask (the public registry, the API)."""

from django.db.models import Exists, OuterRef, Q

from units.models import Honour

from .enums import CertificateState


def revoked_honours():
    """Awards whose certificate was revoked (revocation revokes every edition)."""
    return Honour.objects.filter(certificates__state=CertificateState.REVOKED)


def without_revoked(honours):
    """Honours minus the revoked ones."""
    return honours.exclude(pk__in=revoked_honours().values("pk"))


def line_is_revoked():
    """An Exists() for DecisionLine rows: the award the line gave (same subject, award and campaign year)
    has been revoked."""
    return Exists(
        revoked_honours()
        .filter(award=OuterRef("award_id"), year=OuterRef("decision__campaign__year"))
        .filter(Q(person=OuterRef("nominee__person")) | Q(unit=OuterRef("nominee__unit")))
    )


def awaiting_print(certificates):
    """Valid certificates no finished print batch has printed yet (the clerk's to-do, the list's filter)."""
    from .enums import BatchState
    from .models import PrintBatch

    printed = PrintBatch.objects.filter(certificates=OuterRef("pk"), state=BatchState.DONE)
    return certificates.filter(state=CertificateState.ISSUED).exclude(Exists(printed))
