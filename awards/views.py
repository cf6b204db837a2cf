"""The eligibility check page: any person or unit the user may see, any award, year and campaign kind."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.scoping import people_visible_to, units_visible_to
from units.enums import ParGroup, UnitKind

from .campaign_rules import CampaignRules
from .criteria import REGISTRY
from .forms import CheckForm
from .models import BaseSalary, IssuingPower, RuleSet
from .par import Ladders


def find_subject(user, kind: str, code: str):
    """The person or unit with this code inside the user's scope, or None (also for another unit's)."""
    queryset = people_visible_to(user).select_related("unit") if kind == "person" else units_visible_to(user)
    return queryset.filter(code=code.strip()).first()


@login_required
def check(request):
    form = CheckForm(request.GET or None)
    context = {"form": form}
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        subject = find_subject(request.user, data["subject_kind"], data["code"])
        if subject is None:
            form.add_error("code", _("Nothing with this code is visible to you."))
            status = 404
        else:
            context["subject"] = subject
            rules = CampaignRules.for_year(data["year"], data["campaign_kind"], on=data.get("on"))
            context["verdict"] = rules.evaluate(subject, data["award"])
            context["suggestion"] = rules.suggest_highest(subject)
    return render(request, "awards/check.html", context, status=status)


@login_required
def rule_set_list(request):
    return render(request, "awards/rule_set_list.html", {"rule_sets": RuleSet.objects.all()})


@login_required
def rule_set_detail(request, pk):
    """Every rule of a rule set with its legal basis: each criterion, vote rule, quota and cash multiple,
    and whether it is the law's or the province's own choice."""
    rule_set = get_object_or_404(RuleSet, pk=pk)
    year = rule_set.effective_from.year
    ladders = Ladders.load()
    groups = dict(ParGroup.choices)
    par_groups = [(label, groups.get(ladders.group_of(kind, year))) for kind, label in UnitKind.choices]
    rules = list(rule_set.rules.select_related("award").prefetch_related("criteria").order_by("-award__rank", "id"))
    return render(request, "awards/rule_set_detail.html", {
        "rule_set": rule_set, "rules": rules, "kinds": REGISTRY,
        "base_salaries": BaseSalary.objects.all(),
        "par_groups": par_groups, "par_groups_year": year,
        "powers": IssuingPower.objects.select_related("award").order_by("-award__rank", "valid_from", "issuer"),
    })
