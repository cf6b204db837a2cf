from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from config.forms import COMMENT_MAX, LONG_TEXT_MAX, CleanTextMixin, DateInput, DateTimeInput
from units.models import Person, Unit
from units.pickers import PersonPickerField, UnitPickerField
from units.timeline import open_units_q

from .enums import AttachmentKind, CommentState
from .models import Campaign, Dossier


class DossierForm(CleanTextMixin, forms.ModelForm):
    unit = UnitPickerField(Unit.objects.none(), label=_("Unit"))

    class Meta:
        model = Dossier
        fields = ["campaign", "unit", "title", "letter_number", "council_met_on", "council_members",
                  "council_votes_for", "council_votes_against"]
        widgets = {"council_met_on": DateInput()}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(open_units_q()) if units is not None else Unit.objects.none()
        today = timezone.localdate()  # only campaigns whose submission window is open today are offered
        self.fields["campaign"].queryset = Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today)
        if self.instance.pk:  # campaign and unit are fixed once the dossier exists
            del self.fields["campaign"]
            del self.fields["unit"]

    def clean(self):
        data = super().clean()
        members, votes_for, against = (data.get("council_members"), data.get("council_votes_for"),
                                       data.get("council_votes_against"))
        if members is not None and ((votes_for or 0) + (against or 0)) > members:
            raise forms.ValidationError(_("The unit council cannot cast more votes than it has members."))
        return data


class NomineeForm(CleanTextMixin, forms.Form):
    person = PersonPickerField(Person.objects.none(), label=_("Person"), required=False)
    collective = UnitPickerField(Unit.objects.none(), label=_("Collective"), required=False)
    award = forms.ModelChoiceField(AwardType.objects.none(), label=_("Award"))
    achievement = forms.CharField(label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=LONG_TEXT_MAX)
    justification = forms.CharField(label=_("Justification (if ineligible)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}), max_length=LONG_TEXT_MAX)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        subtree = dossier.unit.path
        self.fields["person"].queryset = Person.objects.filter(
            open_units_q(prefix="unit__"), unit__path__startswith=subtree).order_by("full_name")
        self.fields["collective"].queryset = Unit.objects.filter(open_units_q(), path__startswith=subtree)
        self.fields["person"].within(dossier.unit)
        self.fields["collective"].within(dossier.unit)
        self.fields["award"].queryset = dossier.campaign.award_types.all()
        if dossier.campaign.short_summary_only:
            self.fields["achievement"].label = _("Short achievement summary")
            self.fields["achievement"].max_length = 1000  # checked on the server too, not only by the browser
            self.fields["achievement"].widget.attrs["maxlength"] = 1000
            self.fields["achievement"].validators.append(MaxLengthValidator(1000))

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("collective")):
            raise forms.ValidationError(_("Choose either a person or a collective."))
        return data


class NomineeEditForm(CleanTextMixin, forms.Form):
    achievement = forms.CharField(label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                  max_length=LONG_TEXT_MAX)
    justification = forms.CharField(label=_("Justification (if ineligible)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}), max_length=LONG_TEXT_MAX)


class AttachmentForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    nominee = forms.TypedChoiceField(label=_("Nominee"), required=False, coerce=int, empty_value=None)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].choices = [("", _("The whole dossier"))] + [
            (n.pk, str(n)) for n in dossier.nominees.select_related("award")
        ]


class BulkNomineeForm(CleanTextMixin, forms.Form):
    file = forms.FileField(label=_("XLSX or CSV list"),
                           help_text=_("Columns: kind (person/collective), code, award, achievement, justification."))


class CommentForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=COMMENT_MAX)


class ForwardForm(CommentForm):
    posting_from = forms.DateField(label=_("Public posting from"), required=False,
                                   widget=DateInput())
    posting_until = forms.DateField(label=_("Public posting until"), required=False,
                                    widget=DateInput())


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX)


class CommentAnswerForm(CleanTextMixin, forms.Form):
    """The Board's answer to a public comment, or its note (the button pressed says which)."""

    answer = forms.CharField(label=_("Answer or note"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=COMMENT_MAX)
    state = forms.ChoiceField(choices=[(CommentState.ANSWERED, _("Answer")), (CommentState.NOTED, _("Mark as noted"))],
                              widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("state") == CommentState.ANSWERED and not data.get("answer"):
            self.add_error("answer", _("Write the answer."))
        return data


class ReturnForm(CommentForm):
    """A comment for the dossier plus one field per nominee (note_<id>)."""

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.nominee_fields = []
        for nominee in nominees:
            name = f"note_{nominee.pk}"
            self.fields[name] = forms.CharField(label=str(nominee), required=False, max_length=COMMENT_MAX,
                                                widget=forms.Textarea(attrs={"rows": 2}))
            self.nominee_fields.append(name)

    def nominee_comments(self) -> dict:
        return {int(name[5:]): self.cleaned_data.get(name, "") for name in self.nominee_fields}


class VoteOpenForm(CleanTextMixin, forms.Form):
    campaign = forms.ModelChoiceField(Campaign.objects.all(), label=_("Campaign"))
    title = forms.CharField(label=_("Title"), max_length=255)
    closes_at = forms.DateTimeField(label=_("Voting closes"), required=False,
                                    widget=DateTimeInput())


class DecisionForm(CleanTextMixin, forms.Form):
    decided_on = forms.DateField(label=_("Date"), widget=DateInput())
    signer_name = forms.CharField(label=_("Signer"), max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200)
    base_salary = forms.IntegerField(label=_("Base salary (VND)"), min_value=1, required=False,
                                     help_text=_("Empty: the base salary in force on the decision date."))
    issuer = forms.CharField(label=_("Issuer"), max_length=30)
    issuer_line = forms.CharField(label=_("Issuer line on certificates"), max_length=255, required=False)
    place = forms.CharField(label=_("Place of signing"), max_length=100, required=False)
