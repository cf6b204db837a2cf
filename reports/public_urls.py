from django.urls import path

from . import public_views

app_name = "public"
urlpatterns = [
    path("awardees/", public_views.registry, name="registry"),
]
