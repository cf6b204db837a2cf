from django.urls import path

from . import import_views, lookup_views, views

app_name = "units"
urlpatterns = [
    path("lookup/people/", lookup_views.people, name="lookup_people"),
    path("lookup/units/", lookup_views.units, name="lookup_units"),
    path("people/", views.person_list, name="person_list"),
    path("people/<str:code>/", views.person_detail, name="person_detail"),
    path("imports/", import_views.import_upload, name="import"),
    path("", views.unit_list, name="unit_list"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
]
