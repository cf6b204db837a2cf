"""Person and unit fields as pickers: a text input holding the code, which static/laurel/picker.js turns
into a search-as-you-type list (name without diacritics, code or unit; each entry shows code, unit and
position) over the JSON views in lookup_views.py. Without JavaScript the field still takes a code.

The field also takes an id (as the select it replaces did), so links and scripts that post ids keep
working; either way the value is looked up in the field's queryset, the user's scope."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class PickerInput(forms.TextInput):
    def __init__(self, url, attrs=None):
        base = {"class": "form-control", "autocomplete": "off", "spellcheck": "false",
                "data-picker-url": url, "placeholder": _("Type a name, code or unit"),
                "data-picker-empty": _("Nothing found")}
        super().__init__({**base, **(attrs or {})})


class PickerField(forms.ModelChoiceField):
    url = None

    def __init__(self, queryset, *, within=None, **kwargs):
        kwargs.setdefault("widget", PickerInput(self.url))
        super().__init__(queryset, to_field_name="code", **kwargs)
        if within is not None:
            self.within(within)

    def within(self, unit):
        """Offer only the subtree of `unit` (the queryset is narrowed by the form as well)."""
        self.widget.attrs["data-picker-within"] = str(unit.pk)

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        found = self.queryset.filter(code=value).first()
        if found is None and str(value).isdigit():
            found = self.queryset.filter(pk=int(value)).first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return found


class PersonPickerField(PickerField):
    url = reverse_lazy("units:lookup_people")


class UnitPickerField(PickerField):
    url = reverse_lazy("units:lookup_units")
