from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from units.enums import PAR_CLASS_RANK

from .criteria import REGISTRY
from .models import (
    AwardRule,
    AwardType,
    BaseSalary,
    Criterion,
    IssuingPower,
    ParBand,
    ParBandLadder,
    ParGroupKind,
    RuleSet,
)
from .rulesets import clone_rule_set


def kinds_reference():
    return format_html_join(
        "", "<li><code>{}</code> – {}: {}</li>",
        ((name, spec.label, spec.schema_text()) for name, spec in sorted(REGISTRY.items())),
    )


class IssuingPowerInline(admin.TabularInline):
    model = IssuingPower
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "recipient_kind", "form", "certificate_heading", "rank",
                    "is_active"]
    list_filter = ["recipient_kind", "form", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]
    inlines = [IssuingPowerInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "basis"]


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    fields = ["award", "campaign_kinds", "vote_threshold", "quorum"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "effective_from", "par_basis", "cloned_from"]
    search_fields = ["name"]
    readonly_fields = ["cloned_from", "created_at"]
    inlines = [AwardRuleInline]
    actions = ["clone_selected"]

    @admin.action(description=_("Clone as a new rule set (from 1 January of the next free year)"))
    def clone_selected(self, request, queryset):
        taken = set(RuleSet.objects.values_list("effective_from", flat=True))
        for rule_set in queryset:
            year = max(d.year for d in taken) + 1
            effective = rule_set.effective_from.replace(year=year, month=1, day=1)
            clone = clone_rule_set(rule_set, effective, f"{rule_set.name} ({year})")
            taken.add(clone.effective_from)
        self.message_user(
            request,
            ngettext("%(n)d rule set cloned: edit its name and date before it comes into force.",
                     "%(n)d rule sets cloned: edit their names and dates before they come into force.",
                     queryset.count()) % {"n": queryset.count()},
            messages.SUCCESS,
        )


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "kind", "params", "applies_to", "optional", "enabled", "when_failed", "document",
              "article", "clause", "source", "note", "schema"]
    readonly_fields = ["schema"]
    extra = 1

    @admin.display(description=_("parameters of the kind"))
    def schema(self, obj):
        spec = REGISTRY.get(obj.kind) if obj and obj.kind else None
        return spec.schema_text() if spec else "—"


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    list_display = ["award", "rule_set", "campaign_kinds", "vote_threshold", "quorum"]
    list_filter = ["rule_set", "award"]
    fieldsets = [
        (None, {"fields": ["rule_set", "award", "campaign_kinds", "notes"]}),
        (_("Council vote"), {"fields": ["vote_threshold", "quorum", "vote_document", "vote_article", "vote_clause",
                                        "vote_source"]}),
        (_("Cash reward"), {"fields": ["cash_multiple_person", "cash_multiple_collective", "cash_document",
                                       "cash_article", "cash_clause", "cash_source"]}),
    ]
    list_select_related = ["rule_set", "award"]
    inlines = [CriterionInline]

    def render_change_form(self, request, context, *args, **kwargs):
        context["kinds_reference"] = kinds_reference()
        return super().render_change_form(request, context, *args, **kwargs)

    change_form_template = "admin/awards/awardrule/change_form.html"


class ParBandFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        bands = [
            (f.cleaned_data["par_class"], f.cleaned_data["lower_bound"]) for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("par_class")
            and f.cleaned_data.get("lower_bound") is not None
        ]
        ordered = sorted(bands, key=lambda b: PAR_CLASS_RANK[b[0]])
        bounds = [b[1] for b in ordered]
        if any(later <= earlier for earlier, later in zip(bounds, bounds[1:], strict=False)):
            raise ValidationError(_("A better class needs a higher lower bound than every worse class."))
        if bounds and bounds[0] != 0:
            raise ValidationError(_("The lowest band must start at 0 so that every score is classified."))


class ParBandInline(admin.TabularInline):
    model = ParBand
    formset = ParBandFormSet
    extra = 0


@admin.register(ParBandLadder)
class ParBandLadderAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "effective_from_year"]
    list_filter = ["group"]
    inlines = [ParBandInline]


@admin.register(ParGroupKind)
class ParGroupKindAdmin(admin.ModelAdmin):
    """Which unit kinds the PAR Index scores and the group each ranks in, from a year on."""

    list_display = ["unit_kind", "group", "effective_from_year", "notes"]
    list_filter = ["group", "effective_from_year"]
