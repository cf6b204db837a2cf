from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"
router = SimpleRouter(trailing_slash=True)
router.register("units", views.UnitViewSet, basename="unit")
router.register("par-results", views.ParResultViewSet, basename="par-result")
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("awards", views.HonourViewSet, basename="award")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
         name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[AllowAny],
                                                      authentication_classes=[]), name="docs"),
    path("imports/ratings/", views.RatingImportView.as_view(), name="import_ratings"),
    path("imports/par-results/", views.ParImportView.as_view(), name="import_par"),
    path("imports/heads/", views.HeadImportView.as_view(), name="import_heads"),
    path("imports/assignments/", views.AssignmentImportView.as_view(), name="import_assignments"),
    path("imports/reorganisations/", views.ReorganisationImportView.as_view(), name="import_reorganisations"),
    *router.urls,
]
