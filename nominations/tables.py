"""The reviewer queue table (django-tables2)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Nominee


def _row_class(record):
    return "table-overdue" if record.dossier.is_overdue else ""


class QueueTable(tables.Table):
    pk = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "js-select-all"},
                                                     "td__input": {"class": "js-select-row", "form": "bulk-form"}})
    subject_name = tables.LinkColumn("nominations:dossier_detail", args=[tables.A("dossier_id")],
                                     verbose_name=_("Nominee"))
    subject_code = tables.Column(verbose_name=_("Code"))
    award = tables.Column(accessor="award_id", verbose_name=_("Award"))
    unit = tables.Column(accessor="dossier__unit__name", verbose_name=_("Unit"))
    campaign = tables.Column(accessor="dossier__campaign__title", verbose_name=_("Campaign"),
                             order_by=("campaign__year", "campaign_id"))
    state = tables.Column(verbose_name=_("State"))
    dossier_state = tables.Column(accessor="dossier__state", verbose_name=_("Dossier"))
    verdict = tables.TemplateColumn(
        '<span class="verdict-{{ record.verdict }}">{{ record.get_verdict_display }}</span>'
        '{% if record.flagged %} <span class="badge text-bg-warning">!</span>{% endif %}',
        verbose_name=_("Eligibility"), order_by=("verdict",),
    )
    due_on = tables.DateColumn(accessor="dossier__due_on", verbose_name=_("Due"), format="d/m/Y")

    class Meta:
        model = Nominee
        fields = ()
        sequence = ("pk", "subject_name", "subject_code", "award", "unit", "campaign", "state", "dossier_state",
                    "verdict", "due_on")
        row_attrs = {"class": _row_class}
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("dossier__due_on",)

    def render_dossier_state(self, record):
        return record.dossier.get_state_display()
