"""Querysets scoped to a user (through accounts.scoping, the one place scoping is decided)."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.scoping import scope_to_user

from .enums import REVIEW_STATES, DossierState, Move, NomineeState
from .models import Attachment, Dossier, Nominee, PublicComment, Transition


def dossiers_visible_to(user):
    return scope_to_user(Dossier.objects.all(), user, field="unit")


def overdue_q(prefix: str = "") -> Q:
    """Dossiers past their processing deadline while the Board has them (Dossier.is_overdue, as a filter)."""
    return Q(**{f"{prefix}state__in": REVIEW_STATES, f"{prefix}due_on__lt": timezone.localdate()})


# The dossier list's filters (?state=…, ?overdue=1), which the home page's to-do counts link to.
def filter_dossiers(queryset, params):
    state = params.get("state", "")
    if state in DossierState.values:
        queryset = queryset.filter(state=state)
    if params.get("overdue") == "1":
        queryset = queryset.filter(overdue_q())
    return queryset


def dossier_filter_label(params) -> str:
    """What filter_dossiers applies, in words (the list says it is filtered)."""
    from django.utils.translation import gettext

    parts = []
    if params.get("state", "") in DossierState.values:
        parts.append(str(DossierState(params["state"]).label))
    if params.get("overdue") == "1":
        parts.append(gettext("Overdue"))
    return ", ".join(parts)


def nominees_visible_to(user):
    return scope_to_user(Nominee.objects.all(), user, field="dossier__unit")


def public_comments_visible_to(user):
    return scope_to_user(PublicComment.objects.all(), user, field="nominee__dossier__unit")


def attachments_visible_to(user):
    return scope_to_user(Attachment.objects.all(), user, field="dossier__unit")


def _refusals_like_outer():
    """Refused proposals of the outer nominee's subject for the same award and campaign, itself excepted."""
    return (Nominee.objects.filter(state=NomineeState.REJECTED, campaign=OuterRef("campaign"), award=OuterRef("award"))
            .filter(Q(person=OuterRef("person")) | Q(unit=OuterRef("unit"))).exclude(pk=OuterRef("pk")))


def with_earlier_refusal(queryset):
    """Annotate `refused_before` and the newest such refusal's reason, for the queue's flag (no extra query)."""
    refusals = _refusals_like_outer()
    return queryset.annotate(
        refused_before=Exists(refusals),
        earlier_refusal_reason=Subquery(refusals.order_by("-pk").values("refusal_reason")[:1]),
    )


def with_public_comment_count(queryset):
    """Annotate `public_comment_count`, the comments the public sent on each nominee (one subquery, no extra
    query per row)."""
    counts = (PublicComment.objects.filter(nominee=OuterRef("pk")).order_by().values("nominee")
              .annotate(total=Count("pk")).values("total"))
    return queryset.annotate(public_comment_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


def earlier_refusals(nominees) -> dict[int, list]:
    """{nominee pk: the refused proposals of its subject for its award and campaign}, newest first, each with
    its dossier and `refused_at`; one query for a page of nominees."""
    nominees = list(nominees)
    if not nominees:
        return {}
    people = {n.person_id for n in nominees if n.person_id}
    units = {n.unit_id for n in nominees if n.unit_id}
    refused_at = (Transition.objects.filter(nominee=OuterRef("pk"), move=Move.REJECT).order_by("-at", "-pk")
                  .values("at")[:1])
    refusals = list(
        Nominee.objects.filter(state=NomineeState.REJECTED, campaign__in={n.campaign_id for n in nominees},
                               award__in={n.award_id for n in nominees})
        .filter(Q(person__in=people) | Q(unit__in=units))
        .select_related("dossier__campaign").annotate(refused_at=Subquery(refused_at)).order_by("-pk")
    )
    found = {}
    for nominee in nominees:
        same = [r for r in refusals if r.pk != nominee.pk and r.campaign_id == nominee.campaign_id
                and r.award_id == nominee.award_id and r.person_id == nominee.person_id
                and r.unit_id == nominee.unit_id]
        if same:
            found[nominee.pk] = same
    return found
