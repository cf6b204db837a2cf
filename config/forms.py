"""Forms that clean what people type with the one helper of config.text: every text field of a form
using CleanTextMixin is normalised on the server (NFC, no control, bidi or zero-width characters); a
one-line field (a name, a title, a code) also loses its line breaks and repeated spaces. The length
limits are the fields' own max_length, which Django checks on the server, not only in the browser."""

from django import forms

from .text import clean_name, clean_text

# Server-side limits of the free-text fields that have no column size of their own.
COMMENT_MAX = 2000
LONG_TEXT_MAX = 4000


class CleanTextMixin:
    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            value = data.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            if isinstance(field.widget, forms.PasswordInput):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            cleaned = clean_text(value) if multiline else clean_name(value)
            if cleaned != value:
                if field.required and not cleaned:
                    self.add_error(name, field.error_messages["required"])
                    continue
                data[name] = cleaned
        return data


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    """For admin pages editing names (units, people, campaigns, awards)."""


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, whatever the browser's locale (an <input type=date> shows mm/dd/yyyy in an
    en-US browser). The formats accepted are the site's DATE_INPUT_FORMATS (config/formats)."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off",
                 "pattern": r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}", **(attrs or {})}
        attrs.pop("type", None)
        super().__init__(attrs, format=format or "%d/%m/%Y")


class DateTimeInput(forms.DateTimeInput):
    """A date and time typed as dd/mm/yyyy hh:mm (24-hour, the province's time zone), whatever the browser."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        attrs = {"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off", **(attrs or {})}
        attrs.pop("type", None)
        super().__init__(attrs, format=format or "%d/%m/%Y %H:%M")
