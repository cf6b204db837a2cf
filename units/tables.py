import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Person, Unit


class UnitTable(tables.Table):
    code = tables.LinkColumn("units:unit_detail", args=[tables.A("code")], verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    parent = tables.Column(accessor="parent__name", verbose_name=_("Parent unit"), order_by="parent__name")
    cluster = tables.Column(accessor="cluster__name", verbose_name=_("Emulation cluster"))
    head = tables.Column(accessor="head__full_name", verbose_name=_("Head of unit"))

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "cluster", "head"]
        attrs = {"class": "table table-sm table-hover align-middle"}


class PersonTable(tables.Table):
    code = tables.LinkColumn("units:person_detail", args=[tables.A("code")], verbose_name=_("Code"))
    full_name = tables.Column(verbose_name=_("Full name"))
    gender = tables.Column(verbose_name=_("Gender"))
    birth_date = tables.DateColumn(verbose_name=_("Birth date"), format="d/m/Y")
    unit = tables.Column(accessor="unit__name", verbose_name=_("Unit"), order_by="unit__name")
    position = tables.Column(verbose_name=_("Position"))

    class Meta:
        model = Person
        fields = ["code", "full_name", "gender", "birth_date", "unit", "position"]
        attrs = {"class": "table table-sm table-hover align-middle"}
