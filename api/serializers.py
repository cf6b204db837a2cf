"""What the API publishes of each record. Codes (unit, person, award) identify records across systems."""

from django.conf import settings
from rest_framework import serializers

from nominations.models import Campaign, Decision
from units.importing import SCHEMAS
from units.models import Honour, ParResult, Unit


class UnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)
    cluster = serializers.CharField(source="cluster.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "parent_code", "cluster", "depth", "dissolved_on"]


class ParResultSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ParResult
        fields = ["id", "year", "unit_code", "unit_name", "score", "classification", "rank"]


class CampaignSerializer(serializers.ModelSerializer):
    award_types = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "kind", "year", "title", "opens_on", "closes_on", "processing_days", "award_types"]


class DecisionSerializer(serializers.ModelSerializer):
    awardees = serializers.IntegerField(read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "number", "issuer", "year", "decided_on", "signer_name", "signer_title", "campaign",
                  "base_salary", "total_amount", "awardees", "published_at"]


class HonourSerializer(serializers.ModelSerializer):
    award = serializers.CharField(source="award_id", read_only=True)
    person_code = serializers.CharField(source="person.code", read_only=True, allow_null=True, default=None)
    person_name = serializers.CharField(source="person.full_name", read_only=True, allow_null=True, default=None)
    unit_code = serializers.SerializerMethodField()
    unit_name = serializers.SerializerMethodField()

    class Meta:
        model = Honour
        fields = ["id", "year", "award", "person_code", "person_name", "unit_code", "unit_name",
                  "decision_number", "decided_on", "source"]

    def _unit(self, honour):
        return honour.person.unit if honour.person_id else honour.unit

    def get_unit_code(self, honour) -> str:
        return self._unit(honour).code

    def get_unit_name(self, honour) -> str:
        return self._unit(honour).name


def row_serializer(kind: str) -> type[serializers.Serializer]:
    """A row of an import as JSON: the same columns as the file import, every value a string, number or
    null; the values are checked by units.importing exactly as a file's cells are."""
    fields = {
        column.name: serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False,
                                           max_length=settings.LAUREL_SHEET_MAX_CELL_CHARS)
        for column in SCHEMAS[kind].columns
    }
    name = "".join(part.capitalize() for part in kind.split("_")) + "RowSerializer"
    return type(name, (serializers.Serializer,), fields)


RatingRowSerializer = row_serializer("ratings")
ParRowSerializer = row_serializer("par")
HeadRowSerializer = row_serializer("heads")
AssignmentRowSerializer = row_serializer("assignments")
ReorganisationRowSerializer = row_serializer("reorganisations")


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="1-based position in the submitted list; 0 for the request as a whole.")
    line = serializers.IntegerField(help_text="The line the same rows would have in a file (header = line 1).")
    column = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    errors_omitted = serializers.IntegerField(help_text="Problems found beyond the first 1000, not listed.")
