from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("rule-sets/", views.rule_set_list, name="rule_sets"),
    path("rule-sets/<int:pk>/", views.rule_set_detail, name="rule_set_detail"),
]
