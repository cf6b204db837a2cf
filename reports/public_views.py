"""The public registry of awardees (no login)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from . import public
from .forms import PublicSearchForm

PAGE_SIZE = 50


def registry(request):
    form = PublicSearchForm(request.GET)
    rows = public.search(**form.criteria())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/public_registry.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })
