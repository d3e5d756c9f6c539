import json

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budget.core.serializers import MoneyField
from budget.ledger.models import Bucket, Category, Location
from budget.ledger.serializers import OwnedRefField

from .csvfile import COLUMN_ROLES, DATE_FORMATS
from .models import Duplicate, Format, Import, ImportRow, Status

MAPPING_KEYS = (*COLUMN_ROLES, "date_format", "decimal", "delimiter")


@extend_schema_field(
    {
        "type": "string",
        "description": "JSON text of an object: date, description, amount (or debit and credit) columns, "
        "date_format, decimal, delimiter.",
    }
)
class MappingField(serializers.Field):
    """The CSV mapping: a JSON object (in a multipart form, its JSON text)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            if not data.strip():
                return None
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError("Give the mapping as a JSON object.") from None
        if not isinstance(data, dict):
            raise serializers.ValidationError("Give the mapping as a JSON object.")
        unknown = set(data) - set(MAPPING_KEYS)
        if unknown:
            raise serializers.ValidationError(
                f"Unknown keys {sorted(unknown)}; use {', '.join(MAPPING_KEYS)}."
            )
        if any(
            value is not None and (not isinstance(value, str) or len(value) > 255) for value in data.values()
        ):
            raise serializers.ValidationError("Every mapping value is a column name or option (text).")
        if data.get("date_format") and data["date_format"] not in DATE_FORMATS:
            raise serializers.ValidationError(f"date_format is one of {', '.join(DATE_FORMATS)}.")
        if data.get("decimal") and data["decimal"] not in (".", ","):
            raise serializers.ValidationError('decimal is "." or ",".')
        if data.get("delimiter") and data["delimiter"] not in (",", ";", "\t", "|"):
            raise serializers.ValidationError('delimiter is one of ",", ";", "|" or a tab.')
        has_amount = data.get("amount") or (data.get("debit") and data.get("credit"))
        if any(data.get(key) for key in COLUMN_ROLES) and not (
            data.get("date") and data.get("description") and has_amount
        ):
            raise serializers.ValidationError(
                "Name the date, description and amount columns (or debit and credit) together."
            )
        return {key: value for key, value in data.items() if value}

    def to_representation(self, value):
        return value


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    location = OwnedRefField(Location)
    format = serializers.ChoiceField(Format.choices, required=False, allow_null=True, default=None)
    mapping = MappingField(required=False, allow_null=True, default=None)


class ProgressSerializer(serializers.Serializer):
    rows_total = serializers.IntegerField()
    rows_done = serializers.IntegerField()


class CountsSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    new = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    possible_duplicate = serializers.IntegerField()
    invalid = serializers.IntegerField()


EMPTY_COUNTS = {"rows": 0, "new": 0, "duplicate": 0, "possible_duplicate": 0, "invalid": 0}


class ImportSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(Status.choices)
    mapping = serializers.DictField(allow_null=True)
    progress = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Import
        fields = [
            "id",
            "household",
            "location",
            "filename",
            "format",
            "mapping",
            "status",
            "progress",
            "counts",
            "error",
            "created_at",
            "committed_at",
            "created",
        ]
        read_only_fields = fields

    def get_progress(self, obj) -> ProgressSerializer:
        return {"rows_total": obj.rows_total, "rows_done": obj.rows_done}

    def get_counts(self, obj) -> CountsSerializer:
        return {**EMPTY_COUNTS, **(obj.counts or {})}


class ImportRowSerializer(serializers.ModelSerializer):
    amount = MoneyField(allow_null=True)
    duplicate = serializers.ChoiceField(Duplicate.choices)

    class Meta:
        model = ImportRow
        fields = [
            "line",
            "date",
            "description",
            "amount",
            "category",
            "bucket",
            "split_income",
            "duplicate",
            "duplicate_of",
            "include",
            "error",
        ]
        read_only_fields = fields


class ImportRowUpdateSerializer(serializers.Serializer):
    category = OwnedRefField(Category, required=False, allow_null=True)
    bucket = OwnedRefField(Bucket, required=False, allow_null=True)
    split_income = serializers.BooleanField(required=False)
    include = serializers.BooleanField(required=False)
