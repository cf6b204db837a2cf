from django.urls import path

from . import run_views, views

app_name = "awards"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("rule-sets/", views.rule_set_list, name="rule_sets"),
    path("rule-sets/<int:pk>/", views.rule_set_detail, name="rule_set_detail"),
    path("runs/", run_views.campaign_runs, name="campaign_runs"),
    path("campaigns/<int:campaign_pk>/judge/", run_views.run_start, name="run_start"),
    path("runs/<int:pk>/", run_views.run_detail, name="run_detail"),
    path("runs/<int:pk>/status/", run_views.run_status, name="run_status"),
    path("runs/<int:pk>/eligible.<str:fmt>", run_views.run_export, name="run_export"),
]
