from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from config.forms import DateInput
from units.pickers import PickerInput

from .enums import CampaignKind
from .models import AwardType
from .rounds import current_round_year

SUBJECT_KINDS = [("person", _("Person")), ("unit", _("Unit (collective)"))]


class CheckForm(forms.Form):
    subject_kind = forms.ChoiceField(label=_("Check a"), choices=SUBJECT_KINDS, initial="person")
    # A picker: people or units depending on "Check a" (static/laurel/picker.js); the value is the code.
    code = forms.CharField(label=_("Code"), max_length=32, help_text=_("The person's or unit's code, e.g. P0001."),
                           widget=PickerInput(reverse_lazy("units:lookup_people"), attrs={
                               "data-picker-kind-select": "id_subject_kind",
                               "data-picker-url-person": reverse_lazy("units:lookup_people"),
                               "data-picker-url-unit": reverse_lazy("units:lookup_units")}))
    award = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.filter(is_active=True),
                                   to_field_name="code")
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    campaign_kind = forms.ChoiceField(label=_("Campaign kind"), choices=CampaignKind.choices,
                                      initial=CampaignKind.ANNUAL)
    on = forms.DateField(label=_("Evaluation date"), required=False, widget=DateInput(),
                         help_text=_("What had been published by this date counts (e.g. PAR results); empty: today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = current_round_year()
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
