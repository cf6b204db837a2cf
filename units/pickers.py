"""Person and unit fields as pickers: a text input holding the code, which static/laurel/picker.js turns
into a search-as-you-type list (name without diacritics, code or unit; each entry shows code, unit and
position) over the JSON views in lookup_views.py. Without JavaScript the field still takes a code.

The field also takes an id (as the select it replaces did), so links and scripts that post ids keep
working; either way the value is looked up in the field's queryset, the user's scope."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import lookup


class PickerInput(forms.TextInput):
    def __init__(self, url, attrs=None):
        base = {"class": "form-control", "autocomplete": "off", "spellcheck": "false",
                "data-picker-url": url, "placeholder": _("Type a name, code or unit"),
                "data-picker-empty": _("Nothing found")}
        super().__init__({**base, **(attrs or {})})


class PickedBoundField(BoundField):
    """Renders the chosen entry's name and details next to its code (picker.js shows them), so a form shown
    again (errors, "check eligibility") still says whom the code stands for."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        entry = self.field.entry_for(self.value())
        if entry:
            attrs["data-picker-picked"] = f"{entry['label']} — {entry['detail']}"
        return attrs


class PickerField(forms.ModelChoiceField):
    url = None
    entry = None  # a function of one object giving {value, label, detail} (units/lookup.py)
    related = ()  # what `entry` reads, fetched with the object

    def __init__(self, queryset, *, within=None, **kwargs):
        kwargs.setdefault("widget", PickerInput(self.url))
        super().__init__(queryset, to_field_name="code", **kwargs)
        if within is not None:
            self.within(within)

    def within(self, unit):
        """Offer only the subtree of `unit` (the queryset is narrowed by the form as well)."""
        self.widget.attrs["data-picker-within"] = str(unit.pk)

    def get_bound_field(self, form, field_name):
        return PickedBoundField(form, self, field_name)

    def entry_for(self, value):
        if value in self.empty_values or self.entry is None:
            return None
        try:
            found = self.to_python(value)
        except ValidationError:
            return None
        return self.entry(found) if found is not None else None

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        queryset = self.queryset.select_related(*self.related)
        found = queryset.filter(code=value).first()
        if found is None and str(value).isdigit():
            found = queryset.filter(pk=int(value)).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return found


class PersonPickerField(PickerField):
    url = reverse_lazy("units:lookup_people")
    entry = staticmethod(lookup.person_entry)
    related = ("unit",)


class UnitPickerField(PickerField):
    url = reverse_lazy("units:lookup_units")
    entry = staticmethod(lookup.unit_entry)
    related = ("parent",)
