"""Every date typed into a form reads dd/mm/yyyy, whatever the browser's language (config.forms.DateInput):
no date field is left a plain text box without the hint and the pattern."""

import datetime
import importlib
import inspect

from django import forms
from django.urls import reverse

from config.forms import DateInput, DateTimeInput

FORM_MODULES = ["accounts.forms", "awards.forms", "certificates.forms", "nominations.forms", "reports.forms",
                "units.importing.forms"]


def project_forms():
    for name in FORM_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_field_takes_dd_mm_yyyy():
    checked = 0
    for cls in project_forms():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateTimeField):
                assert isinstance(field.widget, DateTimeInput), f"{cls.__name__}.{name}"
            elif isinstance(field, forms.DateField):
                assert isinstance(field.widget, DateInput), f"{cls.__name__}.{name}"
                checked += 1
    assert checked >= 5


def test_the_check_pages_evaluation_date_is_typed_dd_mm_yyyy(db, client, make_user):
    from accounts.roles import Role

    client.force_login(make_user(Role.REVIEWER))
    page = client.get(reverse("awards:check"))
    html = page.content.decode()
    assert 'name="on"' in html and 'placeholder="dd/mm/yyyy"' in html
    form = page.context["form"].__class__({"subject_kind": "person", "code": "X", "award": "LDTT", "year": 2026,
                                          "campaign_kind": "annual", "on": "02/12/2026"})
    form.is_valid()
    assert form.cleaned_data.get("on") == datetime.date(2026, 12, 2)  # 2 December, not 12 February
