from django.contrib import admin

from config.forms import CleanTextModelForm

from . import models


class YearlyRecordAdmin(admin.ModelAdmin):
    list_filter = ["year"]
    list_per_page = 50


@admin.register(models.EmulationCluster)
class EmulationClusterAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    search_fields = ["name"]


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    form = CleanTextModelForm  # names normalised (config.text) as at import
    list_display = ["code", "name", "kind", "parent", "cluster", "head", "dissolved_on"]
    list_filter = ["kind", "cluster", "depth"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "head", "cluster"]
    list_select_related = ["parent", "cluster", "head"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ["code", "full_name", "gender", "birth_date", "unit", "position", "staff_kind"]
    list_filter = ["gender", "staff_kind", "unit__kind"]
    search_fields = ["code", "full_name", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(models.PersonRating)
class PersonRatingAdmin(YearlyRecordAdmin):
    list_display = ["person", "year", "rating", "score"]
    list_filter = ["year", "rating"]
    search_fields = ["person__code", "person__full_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.UnitRating)
class UnitRatingAdmin(YearlyRecordAdmin):
    list_display = ["unit", "year", "rating", "score"]
    list_filter = ["year", "rating", "unit__kind"]
    search_fields = ["unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(models.DisciplineRecord)
class DisciplineRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "level", "decided_on", "term_until", "note"]
    list_filter = ["level", "decided_on"]
    search_fields = ["person__code", "person__full_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "kind", "scope", "recognised_on", "recognised_by", "used_for_award",
                    "used_for_year"]
    list_filter = ["kind", "scope", "recognised_on"]
    search_fields = ["title", "person__code", "person__full_name", "recognised_by"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.Honour)
class HonourAdmin(YearlyRecordAdmin):
    """Imported history can be corrected here (the admin's history logs each change); an honour entered
    by a Laurel decision is a decided record and is read-only for everyone, superusers included."""

    list_display = ["award", "year", "person", "unit", "decision_number", "decided_on", "kind", "source"]
    list_filter = ["year", "award", "kind", "source"]
    search_fields = ["person__code", "person__full_name", "unit__code", "unit__name", "decision_number"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit", "award"]

    @staticmethod
    def _decided(obj) -> bool:
        return obj is not None and obj.source == models.Honour.Source.DECISION

    def has_change_permission(self, request, obj=None):
        return not self._decided(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._decided(obj) and super().has_delete_permission(request, obj)


@admin.register(models.ParResult)
class ParResultAdmin(YearlyRecordAdmin):
    list_display = ["unit", "year", "score", "classification", "rank", "published_on"]
    list_filter = ["year", "classification", "unit__kind"]
    search_fields = ["unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(models.Headship)
class HeadshipAdmin(admin.ModelAdmin):
    list_display = ["unit", "person", "start_on", "until"]
    search_fields = ["unit__code", "unit__name", "person__code", "person__full_name"]
    autocomplete_fields = ["unit", "person"]
    list_select_related = ["unit", "person"]


@admin.register(models.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "start_on", "until", "position"]
    search_fields = ["unit__code", "unit__name", "person__code", "person__full_name"]
    autocomplete_fields = ["unit", "person"]
    list_select_related = ["unit", "person"]


@admin.register(models.Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ["effective_on", "kind", "old_unit", "new_unit"]
    list_filter = ["kind", "effective_on"]
    search_fields = ["old_unit__code", "old_unit__name", "new_unit__code", "new_unit__name"]
    autocomplete_fields = ["old_unit", "new_unit"]
    list_select_related = ["old_unit", "new_unit"]


@admin.register(models.ClusterScore)
class ClusterScoreAdmin(YearlyRecordAdmin):
    list_display = ["year", "cluster", "unit", "score", "rank"]
    list_filter = ["year", "cluster"]
    search_fields = ["unit__code", "unit__name", "cluster__name"]
    autocomplete_fields = ["unit", "cluster"]
    list_select_related = ["unit", "cluster"]
