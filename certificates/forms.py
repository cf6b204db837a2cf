from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from config.forms import CleanTextMixin, DateInput
from config.search import fold
from units.pickers import PickerInput

from .enums import CertificateState, OutputMode, RevocationReason
from .models import Certificate, PrinterProfile


class RevokeForm(CleanTextMixin, forms.Form):
    public_reason = forms.ChoiceField(label=_("Public reason"), choices=RevocationReason.choices,
                                      help_text=_("Shown on the public verification page."))
    public_text = forms.CharField(label=_("Public reason, as written"), max_length=500, required=False,
                                  help_text=_("Required with “other”: the text the public will read."))
    reason = forms.CharField(label=_("Internal note (not published)"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)
    revoked_on = forms.DateField(label=_("Revoked on"), required=False,
                                 widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("public_reason") == RevocationReason.OTHER and not (data.get("public_text") or "").strip():
            self.add_error("public_text", _("Write the reason the public will see."))
        return data


class ReissueForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the duplicate"), max_length=500, required=False)


class DownloadForm(forms.Form):
    overlay = forms.BooleanField(label=_("Overlay for pre-printed blanks"), required=False)
    printer = forms.ModelChoiceField(label=_("Printer"), queryset=PrinterProfile.objects.all(), required=False)


class ShortCodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20,
                           widget=forms.TextInput(attrs={"placeholder": "XXXX-XXXX", "autocomplete": "off"}))


class BatchForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False,
                                      help_text=_("Print every valid certificate of this decision."),
                                      widget=PickerInput(reverse_lazy("nominations:lookup_decisions"),
                                                         attrs={"placeholder": "2/QĐ-UBND"}))
    award = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.all(), required=False)
    year = forms.IntegerField(label=_("Registry year"), required=False, min_value=1990, max_value=2100)
    issuer_code = forms.CharField(label=_("Issuer code"), max_length=40, required=False)
    mode = forms.ChoiceField(label=_("Output"), choices=OutputMode.choices, initial=OutputMode.FULL)
    printer = forms.ModelChoiceField(label=_("Printer (for overlays)"), queryset=PrinterProfile.objects.all(),
                                     required=False)
    with_zip = forms.BooleanField(label=_("Also a ZIP of single PDFs"), required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("decision_number", "award", "year", "issuer_code")):
            raise forms.ValidationError(_("Choose a decision number or at least one filter."))
        if not self.certificates().exists():
            raise forms.ValidationError(_("No valid certificate matches this choice."))
        return data

    def certificates(self):
        data = self.cleaned_data
        qs = Certificate.objects.filter(state=CertificateState.ISSUED)
        if data.get("decision_number"):
            # Typed by hand: "2/QD-UBND" finds "2/QĐ-UBND" (case and diacritics ignored).
            qs = qs.filter(decision_number__fold=fold(data["decision_number"]))
        if data.get("award"):
            qs = qs.filter(honour__award=data["award"])
        if data.get("year"):
            qs = qs.filter(year=data["year"])
        if data.get("issuer_code"):
            qs = qs.filter(issuer_code=data["issuer_code"].strip())
        return qs

    def default_title(self) -> str:
        data = self.cleaned_data
        parts = [data.get("decision_number"), data.get("award") and data["award"].code,
                 data.get("year") and str(data["year"]), data.get("issuer_code")]
        return data.get("title") or " · ".join(p for p in parts if p)
