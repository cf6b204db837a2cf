"""The reviewer queue table (django-tables2: columns, sorting, pagination). The body is rendered by
`rows_html` with format_html, one pass per row, so that a page of 50 rows stays cheap on a busy queue."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .enums import REVIEW_STATES, DossierState, NomineeState, Verdict
from .models import Nominee, PublicComment


def award_names_by_code() -> dict[str, str]:
    """Award names in the reader's language, by code (one query per page, not one per row)."""
    from awards.models import AwardType

    return {award.code: award.name for award in AwardType.objects.only("code", "name_vi", "name_en")}


FLAG = mark_safe(' <span class="badge text-bg-warning">!</span>')  # noqa: S308 - a constant


def refused_badge(nominee):
    """The flag of a subject already refused for this award in this campaign, the reason on hover."""
    if not getattr(nominee, "refused_before", False):
        return ""
    return format_html(' <span class="badge text-bg-danger" title="{}: {}">{}</span>', _("Reason for refusal"),
                       nominee.earlier_refusal_reason or "—", _("refused before"))


def comments_badge(nominee):
    """How many comments the public sent on the nominee during its posting (annotated by the queue)."""
    count = getattr(nominee, "public_comment_count", 0)
    if not count:
        return ""
    label = _("Public comments")
    return format_html(' <span class="badge text-bg-info public-comment-count" title="{}">{}'
                       '<span class="visually-hidden"> {}</span></span>', label, count, label)


class QueueTable(tables.Table):
    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "js-select-all",
                                                                   "aria-label": _("Select all")}})
    # Every order ends with the primary key, so that a page holds the same rows whichever way the database
    # breaks ties; a dossier's column is followed by the dossier, so that a page walks whole dossiers.
    subject_name = tables.Column(verbose_name=_("Nominee"), order_by=("subject_name", "pk"))
    subject_code = tables.Column(verbose_name=_("Code"), order_by=("subject_code", "pk"))
    award = tables.Column(accessor="award_id", verbose_name=_("Award"), order_by=("award_id", "pk"))
    unit = tables.Column(accessor="dossier__unit__name", verbose_name=_("Unit"),
                         order_by=("dossier__unit__name", "dossier_id", "pk"))
    campaign = tables.Column(accessor="dossier__campaign__title", verbose_name=_("Campaign"),
                             order_by=("campaign__year", "campaign_id", "pk"))
    state = tables.Column(verbose_name=_("State"), order_by=("state", "pk"))
    dossier_state = tables.Column(accessor="dossier__state", verbose_name=_("Dossier"),
                                  order_by=("dossier__state", "dossier_id", "pk"))
    verdict = tables.Column(verbose_name=_("Eligibility"), order_by=("verdict", "pk"))
    due_on = tables.DateColumn(accessor="dossier__due_on", verbose_name=_("Due"), format="d/m/Y",
                               order_by=("dossier__due_on", "dossier_id", "pk"))
    DOSSIER_SORTS = frozenset({"unit", "dossier_state", "due_on"})

    class Meta:
        model = Nominee
        fields = ()
        sequence = ("pk", "subject_name", "subject_code", "award", "unit", "campaign", "state", "dossier_state",
                    "verdict", "due_on")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("subject_name",)
        template_name = "nominations/queue_table.html"

    @classmethod
    def sorts_by_dossier(cls, sort: str | None) -> bool:
        """Whether ?sort= orders the rows by a column of their dossier (the planner then walks the dossiers)."""
        return (sort or "").lstrip("-") in cls.DOSSIER_SORTS

    def rows_html(self):
        """The page's rows as HTML, cells in the order of the visible columns."""
        state_labels = {k: str(v) for k, v in NomineeState.choices}
        dossier_labels = {k: str(v) for k, v in DossierState.choices}
        verdict_labels = {k: str(v) for k, v in Verdict.choices}
        award_names = award_names_by_code()
        today = timezone.localdate()
        link = reverse("nominations:dossier_detail", args=[0])[:-2]  # ".../dossiers/" + pk + "/"
        cells = {
            "pk": lambda n, d: format_html('<input type="checkbox" name="pk" value="{}" form="bulk-form" '
                                           'class="js-select-row" aria-label="{}">', n.pk,
                                           _("Select %(name)s") % {"name": n.subject_name}),
            "subject_name": lambda n, d: format_html('<a href="{}{}/">{}</a>{}{}', link, n.dossier_id, n.subject_name,
                                                     refused_badge(n), comments_badge(n)),
            "subject_code": lambda n, d: n.subject_code,
            "award": lambda n, d: award_names.get(n.award_id, n.award_id),
            "unit": lambda n, d: d.unit.name_with_parent,
            "campaign": lambda n, d: d.campaign.title,
            "state": lambda n, d: state_labels.get(n.state, n.state),
            "dossier_state": lambda n, d: dossier_labels.get(d.state, d.state),
            "verdict": lambda n, d: format_html('<span class="verdict-{}">{}</span>{}', n.verdict,
                                                verdict_labels.get(n.verdict, n.verdict), FLAG if n.flagged else ""),
            "due_on": lambda n, d: d.due_on.strftime("%d/%m/%Y") if d.due_on else "—",
        }
        names = [column.name for column in self.columns]
        rows = []
        for nominee in self.page.object_list.data if hasattr(self.page.object_list, "data") else self.page.object_list:
            dossier = nominee.dossier
            overdue = dossier.due_on and dossier.state in REVIEW_STATES and dossier.due_on < today
            rows.append(format_html(
                '<tr class="{}">{}</tr>', "table-overdue" if overdue else "",
                format_html_join("", "<td>{}</td>", ((cells[name](nominee, dossier),) for name in names)),
            ))
        return mark_safe("".join(rows))  # noqa: S308 - every part is escaped by format_html


class PublicCommentTable(tables.Table):
    """The public's comments across dossiers, newest first; each row opens the comment on its dossier's page.
    The view selects the nominee, its dossier and campaign with the comments: a page costs the same queries
    however many rows it holds."""

    created_at = tables.DateTimeColumn(verbose_name=_("Sent at"), format="d/m/Y H:i", order_by=("created_at", "pk"))
    nominee = tables.Column(accessor="nominee__subject_name", verbose_name=_("Nominee"),
                            order_by=("nominee__subject_name", "pk"), linkify=lambda record: record.get_absolute_url())
    dossier = tables.Column(accessor="nominee__dossier__code", verbose_name=_("Dossier"),
                            order_by=("nominee__dossier",))
    campaign = tables.Column(accessor="nominee__dossier__campaign__title", verbose_name=_("Campaign"),
                             order_by=("nominee__campaign__year", "nominee__campaign_id"))
    text = tables.TemplateColumn("{{ value|truncatechars:160 }}", verbose_name=_("Comment"), orderable=False)
    state = tables.TemplateColumn(
        '<span class="badge {% if record.is_open %}text-bg-warning{% else %}text-bg-secondary{% endif %}">'
        "{{ record.get_state_display }}</span>", verbose_name=_("State"))

    class Meta:
        model = PublicComment
        fields = ()
        sequence = ("created_at", "nominee", "dossier", "campaign", "text", "state")
        attrs = {"class": "table table-sm table-hover align-middle public-comment-list"}
        order_by = ("-created_at",)
        empty_text = _("Nothing matches these filters.")
