from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardType
from units.models import Honour

from .queries import Filters

YEAR_FIELD = {"min_value": 1945, "max_value": 2100, "required": False}


class StyledForm(forms.Form):
    """Bootstrap classes on every widget (templates render fields one by one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")


class ReportFilterForm(StyledForm):
    year_from = forms.IntegerField(label=_("From year"), **YEAR_FIELD)
    year_to = forms.IntegerField(label=_("To year"), **YEAR_FIELD)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources")), *Honour.Source.choices]
    )

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(year_from=data["year_from"], year_to=data["year_to"], source=data["source"] or None)


class DashboardForm(forms.Form):
    campaign = forms.IntegerField(required=False, min_value=1)
    year = forms.IntegerField(label=_("Year"), **YEAR_FIELD)


class PublicSearchForm(StyledForm):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), required=False, max_length=100)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), **YEAR_FIELD)
    award = forms.ChoiceField(label=_("Award"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = [("", _("All awards"))] + [
            (award.code, award.name) for award in AwardType.objects.order_by("-rank", "code")
        ]

    def criteria(self) -> dict:
        if not self.is_valid():
            return {"name": "", "unit": "", "year": None, "award": ""}
        return dict(self.cleaned_data)
