import django_filters
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from config.search import fold

from .enums import Gender, StaffKind, UnitKind
from .models import EmulationCluster, Person, Unit
from .pickers import PickerInput


class BootstrapFilterMixin:
    """Bootstrap classes on every filter widget (shared by every filter set of the project)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if getattr(field, "choices", None) is not None else "form-control"
            field.widget.attrs.setdefault("class", css)


class SearchFilterMixin(BootstrapFilterMixin):
    """A free-text search each filter set defines with `search_q`."""

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(self.search_q(value))


class UnitFilter(SearchFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search name or code"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    cluster = django_filters.ModelChoiceFilter(queryset=EmulationCluster.objects.all(), label=_("Cluster"))

    class Meta:
        model = Unit
        fields = ["q", "kind", "cluster"]

    @staticmethod
    def search_q(value):
        return Q(name__fold__contains=fold(value)) | Q(code__iexact=value)


class PersonFilter(SearchFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search name or code"))
    unit = django_filters.CharFilter(method="in_unit", label=_("Unit code (with sub-units)"),
                                     widget=PickerInput(reverse_lazy("units:lookup_units")))
    gender = django_filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))
    staff_kind = django_filters.ChoiceFilter(choices=StaffKind.choices, label=_("Staff kind"))

    class Meta:
        model = Person
        fields = ["q", "unit", "gender", "staff_kind"]

    @staticmethod
    def search_q(value):
        return Q(full_name__fold__contains=fold(value)) | Q(code__iexact=value)

    def in_unit(self, queryset, name, value):
        unit = Unit.objects.filter(code__iexact=value.strip()).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(unit__path__startswith=unit.path)
