from django.contrib import admin

from . import models


class YearlyRecordAdmin(admin.ModelAdmin):
    list_filter = ["year"]
    list_per_page = 50


@admin.register(models.EmulationCluster)
class EmulationClusterAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "cluster", "head", "dissolved_on"]
    list_filter = ["kind", "cluster", "depth"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "head", "cluster"]
    list_select_related = ["parent", "cluster", "head"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
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
    list_display = ["person", "level", "decided_on", "note"]
    list_filter = ["level", "decided_on"]
    search_fields = ["person__code", "person__full_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "scope", "recognised_on", "recognised_by"]
    list_filter = ["scope", "recognised_on"]
    search_fields = ["title", "person__code", "person__full_name", "recognised_by"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(models.Honour)
class HonourAdmin(YearlyRecordAdmin):
    list_display = ["award", "year", "person", "unit", "decision_number", "decided_on", "source"]
    list_filter = ["year", "award", "source"]
    search_fields = ["person__code", "person__full_name", "unit__code", "unit__name", "decision_number"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit", "award"]


@admin.register(models.ParResult)
class ParResultAdmin(YearlyRecordAdmin):
    list_display = ["unit", "year", "score", "classification", "rank"]
    list_filter = ["year", "classification", "unit__kind"]
    search_fields = ["unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(models.ClusterScore)
class ClusterScoreAdmin(YearlyRecordAdmin):
    list_display = ["year", "cluster", "unit", "score", "rank"]
    list_filter = ["year", "cluster"]
    search_fields = ["unit__code", "unit__name", "cluster__name"]
    autocomplete_fields = ["unit", "cluster"]
    list_select_related = ["unit", "cluster"]
