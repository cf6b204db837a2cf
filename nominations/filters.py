"""The reviewer queue's filters (django-filter)."""

from functools import reduce
from operator import and_

import django_filters as df
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
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


class ListedChoices(ModelChoiceIterator):
    """A choice list read in one query: ModelChoiceIterator reads it through iterator(), a server-side cursor
    on PostgreSQL (DECLARE, FETCH, CLOSE: three round trips for a few dozen rows, on every queue page)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class QueueFilter(BootstrapFilterMixin, df.FilterSet):
    q = df.CharFilter(label=_("Name or code"), method="filter_search")
    campaign = df.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    unit = df.ModelChoiceFilter(queryset=Unit.objects.filter(depth__lte=1), label=_("Unit (with sub-units)"),
                                method="filter_unit")
    award = df.ModelChoiceFilter(queryset=AwardType.objects.all(), label=_("Award"))
    state = df.ChoiceFilter(choices=NomineeState.choices, label=_("Nominee state"))
    dossier_state = df.ChoiceFilter(choices=DossierState.choices, label=_("Dossier state"),
                                    method="filter_dossier_state")
    verdict = df.ChoiceFilter(choices=Verdict.choices, label=_("Eligibility"))
    par_class = df.ChoiceFilter(choices=ParClass.choices, label=_("PAR class of the unit"), method="filter_par")
    overdue = df.ChoiceFilter(choices=YES_NO, label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Nominee
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("campaign", "unit", "award"):
            field = self.form.fields[name]
            field.iterator = ListedChoices
            field.widget.choices = field.choices

    def filter_queryset(self, queryset):
        """The nominee's own filters, then the conditions on its dossier (state, unit, overdue, PAR class)
        together, in the form that suits a page sorted by the nominee's columns: a page walks an index of
        nominees in the sort order and tests each one, and excluding the dossiers that do not match is one
        hashed subplan on PostgreSQL, where "dossier in (matching)" becomes a join probed row by row.
        `joined_qs` keeps the "in" form: for a page sorted by the dossier's columns (the planner then walks
        the dossiers in order and tests each once) and for the row estimate (the planner gets the "in" form
        right; for a NOT IN it guesses half the rows)."""
        self._dossier_conditions = []
        queryset = super().filter_queryset(queryset)
        if self._dossier_conditions:
            condition = reduce(and_, self._dossier_conditions)
            # A nominee's campaign is its dossier's: with a campaign chosen, only its dossiers are hashed.
            campaign = self.form.cleaned_data.get("campaign")
            dossiers = Dossier.objects.filter(campaign=campaign) if campaign else Dossier.objects.all()
            self._joined_qs = queryset.filter(dossier__in=dossiers.filter(condition))
            queryset = queryset.exclude(dossier__in=dossiers.exclude(condition))
        return queryset

    @property
    def joined_qs(self):
        shown = self.qs  # filters first
        return getattr(self, "_joined_qs", shown)

    def _on_dossier(self, queryset, condition):
        self._dossier_conditions.append(condition)
        return queryset

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
        return self._on_dossier(queryset, Q(unit__path__startswith=value.path))

    def filter_dossier_state(self, queryset, name, value):
        return self._on_dossier(queryset, Q(state=value))

    def filter_overdue(self, queryset, name, value):
        late = overdue_q()
        return self._on_dossier(queryset, late if value == "1" else ~late)

    def filter_par(self, queryset, name, value):
        campaign = self.form.cleaned_data.get("campaign")
        year = campaign.year if campaign else timezone.localdate().year
        band = next((b for b in par_bands(year) if b[0] == value), None)
        matches = Q(classification=value)
        if band is not None:
            matches |= Q(classification="", score__gte=band[1], score__lt=band[2])
        results = ParResult.objects.filter(unit=OuterRef("unit"), year=OuterRef("campaign__year"))
        return self._on_dossier(queryset, Exists(results.filter(matches)))


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
