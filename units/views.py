"""Registry pages. Every object is fetched through accounts.scoping, so another unit's record is a 404."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from accounts.scoping import people_visible_to, units_visible_to

from . import timeline
from .filters import PersonFilter, UnitFilter
from .tables import PersonTable, UnitTable

PER_PAGE = 50


def _table_page(request, queryset, filterset_class, table_class, template, title):
    filterset = filterset_class(request.GET, queryset=queryset)
    table = table_class(filterset.qs)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, template, {"filter": filterset, "table": table, "title": title})


@login_required
def unit_list(request):
    queryset = units_visible_to(request.user).select_related("parent", "cluster", "head")
    return _table_page(request, queryset, UnitFilter, UnitTable, "units/unit_list.html", None)


@login_required
def unit_detail(request, code):
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent", "cluster", "head"), code=code)
    children = unit.children.annotate(people_count=Count("people")).order_by("name")
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": children,
        "people_count": unit.people.count(),
        "subtree_people_count": people_visible_to(request.user).filter(unit__path__startswith=unit.path).count(),
        "par_results": unit.par_results.order_by("-year"),
        "ratings": unit.ratings.order_by("-year"),
        "honours": unit.honours.select_related("award").order_by("-year"),
        "closure": timeline.closure(unit),
        "received": unit.received.select_related("old_unit").order_by("effective_on", "old_unit__code"),
        "headships": unit.headships.select_related("person").order_by("-start_on"),
    }
    return render(request, "units/unit_detail.html", context)


@login_required
def person_list(request):
    queryset = people_visible_to(request.user).select_related("unit")
    return _table_page(request, queryset, PersonFilter, PersonTable, "units/person_list.html", None)


@login_required
def person_detail(request, code):
    person = get_object_or_404(people_visible_to(request.user).select_related("unit"), code=code)
    context = {
        "person": person,
        "ratings": person.ratings.order_by("-year"),
        "discipline_records": person.discipline_records.all(),
        "initiatives": person.initiatives.all(),
        "honours": person.honours.select_related("award").order_by("-year"),
        "headed_units": person.headed_units.all(),
        "assignments": person.assignments.select_related("unit").order_by("-start_on"),
        "headships": person.headships.select_related("unit").order_by("-start_on"),
    }
    return render(request, "units/person_detail.html", context)
