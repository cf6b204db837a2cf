"""The JSON API: read-only registry data scoped to the token's user, and imports for administrators."""

from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scoping import scope_to_user, units_visible_to
from certificates.queries import without_revoked
from nominations.models import Campaign, Decision
from reports.queries import honours_visible_to
from units.models import ParResult

from . import serializers as s
from .importing import BadRows, import_rows, report_data
from .permissions import IsAdministrator, RulePermission

YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Only this year.")


def _year(request):
    value = request.query_params.get("year", "")
    if not value:
        return None
    try:
        year = int(value)
    except ValueError:
        raise serializers.ValidationError({"year": "A whole number is required."}) from None
    if not 1945 <= year <= 2100:
        raise serializers.ValidationError({"year": "Between 1945 and 2100."})
    return year


class YearFilterMixin:
    year_field = "year"

    def by_year(self, queryset):
        year = _year(self.request)
        return queryset.filter(**{self.year_field: year}) if year else queryset


@extend_schema(tags=["registry"])
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units visible to the token's user (a unit officer: their unit and its sub-units)."""

    serializer_class = s.UnitSerializer

    def get_queryset(self):
        return units_visible_to(self.request.user).select_related("parent", "cluster").order_by("path")


@extend_schema(tags=["registry"], parameters=[YEAR])
class ParResultViewSet(YearFilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ParResultSerializer

    def get_queryset(self):
        queryset = scope_to_user(ParResult.objects.select_related("unit"), self.request.user)
        return self.by_year(queryset).order_by("-year", "unit__code", "pk")


@extend_schema(tags=["nominations"], parameters=[YEAR])
class CampaignViewSet(YearFilterMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CampaignSerializer

    def get_queryset(self):
        return self.by_year(Campaign.objects.prefetch_related("award_types")).order_by("-year", "-opens_on", "pk")


@extend_schema(tags=["nominations"], parameters=[YEAR])
class DecisionViewSet(YearFilterMixin, viewsets.ReadOnlyModelViewSet):
    """Award decisions, for those who may open the decision pages (the same permission)."""

    serializer_class = s.DecisionSerializer
    permission_classes = [RulePermission]
    required_perm = "nominations.view_decisions"

    def get_queryset(self):
        queryset = Decision.objects.annotate(awardees=Count("lines"))
        return self.by_year(queryset).order_by("-year", "-sequence", "pk")


@extend_schema(tags=["registry"], parameters=[YEAR])
class HonourViewSet(YearFilterMixin, viewsets.ReadOnlyModelViewSet):
    """Awards held by people and collectives (imported history and Laurel decisions); revoked awards are left out."""

    serializer_class = s.HonourSerializer

    def get_queryset(self):
        queryset = without_revoked(honours_visible_to(self.request.user)).select_related("person__unit", "unit")
        return self.by_year(queryset).order_by("-year", "award_id", "pk")


class _ImportView(APIView):
    kind = ""
    permission_classes = [IsAdministrator]

    def post(self, request):
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
        try:
            report = import_rows(self.kind, request.data, dry_run=dry_run)
        except BadRows as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        data = report_data(report)
        return Response(data, status=status.HTTP_200_OK if report.ok else status.HTTP_400_BAD_REQUEST)


DRY_RUN = OpenApiParameter("dry_run", OpenApiTypes.BOOL, description="Check and count without writing.")
IMPORT_RESPONSES = {200: s.ImportReportSerializer, 400: s.ImportReportSerializer}


class RatingImportView(_ImportView):
    kind = "ratings"

    @extend_schema(tags=["imports"], request=s.RatingRowSerializer(many=True), responses=IMPORT_RESPONSES,
                   parameters=[DRY_RUN], summary="Import annual ratings (all rows or none)")
    def post(self, request):
        return super().post(request)


class ParImportView(_ImportView):
    kind = "par"

    @extend_schema(tags=["imports"], request=s.ParRowSerializer(many=True), responses=IMPORT_RESPONSES,
                   parameters=[DRY_RUN], summary="Import PAR Index results (all rows or none)")
    def post(self, request):
        return super().post(request)


class HeadImportView(_ImportView):
    kind = "heads"

    @extend_schema(tags=["imports"], request=s.HeadRowSerializer(many=True), responses=IMPORT_RESPONSES,
                   parameters=[DRY_RUN], summary="Import dated heads of units (all rows or none)")
    def post(self, request):
        return super().post(request)


class AssignmentImportView(_ImportView):
    kind = "assignments"

    @extend_schema(tags=["imports"], request=s.AssignmentRowSerializer(many=True), responses=IMPORT_RESPONSES,
                   parameters=[DRY_RUN], summary="Import assignments, a person's unit by date (all rows or none)")
    def post(self, request):
        return super().post(request)


class ReorganisationImportView(_ImportView):
    kind = "reorganisations"

    @extend_schema(tags=["imports"], request=s.ReorganisationRowSerializer(many=True), responses=IMPORT_RESPONSES,
                   parameters=[DRY_RUN], summary="Import reorganisations (all rows or none)")
    def post(self, request):
        return super().post(request)
