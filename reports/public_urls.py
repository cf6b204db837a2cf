from django.urls import path

from . import posting_views, public_views

app_name = "public"
urlpatterns = [
    path("awardees/", public_views.registry, name="registry"),
    path("posting/", posting_views.posting_list, name="posting"),
    path("posting/<int:pk>/", posting_views.posting_nominee, name="posting_nominee"),
]
