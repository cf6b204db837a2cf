from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardType
from config.forms import COMMENT_MAX, CleanTextMixin
from units.models import Honour

from . import challenge
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


class PostingSearchForm(StyledForm):
    q = forms.CharField(label=_("Name or unit"), required=False, max_length=100)

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


class PublicCommentForm(CleanTextMixin, forms.Form):
    """A comment from anyone on a posted nominee. The question against robots is rendered by the template
    from a fresh reports.challenge.Challenge each time (the typed text stays when it fails); `website` is a
    field people never see and leave empty."""

    text = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}))
    contact = forms.CharField(label=_("Your contact (optional)"), required=False, max_length=200,
                              help_text=_("An e-mail address or a telephone number, if you want the Board to "
                                          "contact you. It is not published."))
    answer = forms.IntegerField(label=_("Answer"), min_value=0, max_value=99)
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, subject: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The comment could not be accepted."))
        if "answer" in data and not self.has_error("token"):
            try:
                challenge.check(data["token"], data["answer"], self.subject)
            except challenge.ChallengeFailed as exc:
                self.add_error("answer", exc.message)
        return data
