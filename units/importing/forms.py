from django import forms
from django.utils.translation import gettext_lazy as _

from .schemas import KIND_CHOICES


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("File (CSV UTF-8 or XLSX)"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check and count only, write nothing"), required=False, initial=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".csv,.xlsx"})
        self.fields["dry_run"].widget.attrs["class"] = "form-check-input"
