"""The reviewer queue's filters (django-filter)."""

import django_filters as df
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from awards.par import par_bands
from config.search import fold
from units.enums import ParClass
from units.filters import BootstrapFilterMixin
from units.models import ParResult, Unit

from .enums import CommentState, DossierState, NomineeState, Verdict
from .models import Campaign, Dossier, Nominee, PublicComment
from .queries import overdue_q

YES_NO = [("1", _("Yes")), ("0", _("No"))]


class QueueFilter(BootstrapFilterMixin, df.FilterSet):
    q = df.CharFilter(label=_("Name or code"), method="filter_search")
    campaign = df.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    unit = df.ModelChoiceFilter(queryset=Unit.objects.filter(depth__lte=1), label=_("Unit (with sub-units)"),
                                method="filter_unit")
    award = df.ModelChoiceFilter(queryset=AwardType.objects.all(), label=_("Award"))
    state = df.ChoiceFilter(choices=NomineeState.choices, label=_("Nominee state"))
    dossier_state = df.ChoiceFilter(field_name="dossier__state", choices=DossierState.choices,
                                    label=_("Dossier state"))
    verdict = df.ChoiceFilter(choices=Verdict.choices, label=_("Eligibility"))
    par_class = df.ChoiceFilter(choices=ParClass.choices, label=_("PAR class of the unit"), method="filter_par")
    overdue = df.ChoiceFilter(choices=YES_NO, label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Nominee
        fields = []

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Each branch can use an index (a trigram index on the folded name on PostgreSQL, b-trees on the
        # codes). The name is compared folded: "nguyen hoai an" finds "Nguyễn Hoài An".
        # The unit's dossiers are looked up first: an IN (subquery) inside the OR would force a full scan.
        condition = Q(subject_name__fold__contains=fold(value)) | Q(subject_code__in={value, value.upper()})
        unit_dossiers = list(Dossier.objects.filter(unit__code__iexact=value).values_list("pk", flat=True)[:5000])
        if unit_dossiers:
            condition |= Q(dossier_id__in=unit_dossiers)
        return queryset.filter(condition)

    def filter_unit(self, queryset, name, value):
        return queryset.filter(dossier__unit__path__startswith=value.path)

    def filter_overdue(self, queryset, name, value):
        late = overdue_q("dossier__")
        return queryset.filter(late) if value == "1" else queryset.exclude(late)

    def filter_par(self, queryset, name, value):
        campaign = self.form.cleaned_data.get("campaign")
        year = campaign.year if campaign else timezone.localdate().year
        band = next((b for b in par_bands(year) if b[0] == value), None)
        matches = Q(classification=value)
        if band is not None:
            matches |= Q(classification="", score__gte=band[1], score__lt=band[2])
        results = ParResult.objects.filter(unit=OuterRef("dossier__unit"), year=OuterRef("campaign__year"))
        return queryset.filter(Exists(results.filter(matches)))


class PublicCommentFilter(BootstrapFilterMixin, df.FilterSet):
    """The Board's list of the public's comments (views.comments.comment_list)."""

    q = df.CharFilter(label=_("Nominee"), method="filter_nominee")
    campaign = df.ModelChoiceFilter(field_name="nominee__campaign", queryset=Campaign.objects.all(),
                                    label=_("Campaign"))
    state = df.ChoiceFilter(choices=CommentState.choices, label=_("State"))

    class Meta:
        model = PublicComment
        fields = []

    def filter_nominee(self, queryset, name, value):
        """The nominee's name without diacritics or case: "nguyen hoai an" finds "Nguyễn Hoài An"."""
        value = fold(value)
        return queryset.filter(nominee__subject_name__fold__contains=value) if value else queryset
