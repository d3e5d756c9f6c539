"""HTTP for imports: parse, call one service or selector, answer."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from budget.households.access import HouseholdScoped
from budget.ledger.apis import parse

from . import services
from .models import Duplicate, Import, ImportRow
from .selectors import import_list, import_rows
from .serializers import (
    ImportRowSerializer,
    ImportRowUpdateSerializer,
    ImportSerializer,
    ImportUploadSerializer,
)

ROW_STATUSES = [*Duplicate.values, "INVALID"]


class ImportViewSet(
    HouseholdScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Import.objects.none()  # for the schema; requests use get_queryset
    serializer_class = ImportSerializer

    def get_queryset(self):
        return import_list(**self.scope()).order_by("-created_at", "-id")

    def get_parsers(self):
        # Only the upload takes multipart; `action` is not set yet when the parsers are chosen.
        request = getattr(self, "request", None)
        if request is not None and getattr(self, "action_map", {}).get(request.method.lower()) == "create":
            return [MultiPartParser()]
        return super().get_parsers()

    @extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses={202: ImportSerializer})
    def create(self, request):
        data = parse(ImportUploadSerializer, request, household=self.household)
        upload = data["file"]
        content = upload.read(services.MAX_BYTES + 1)
        statement = services.import_create(
            user=request.user,
            household=self.household,
            location=data["location"],
            filename=upload.name or "statement",
            content=content,
            format=data["format"],
            mapping=data["mapping"],
        )
        return Response(
            ImportSerializer(self.get_queryset().get(pk=statement.pk)).data, status=status.HTTP_202_ACCEPTED
        )

    def perform_destroy(self, instance):
        services.import_delete(statement=instance, user=self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=ROW_STATUSES, description="Only rows of this kind.")
        ],
        responses={200: ImportRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], url_path="rows")
    def rows(self, request, pk=None):
        statement = self.get_object()
        wanted = request.query_params.get("status") or None
        if wanted is not None and wanted not in ROW_STATUSES:
            raise ValidationError({"status": [f"Use one of {', '.join(ROW_STATUSES)}."]})
        page = self.paginate_queryset(import_rows(statement=statement, status=wanted))
        return self.get_paginated_response(ImportRowSerializer(page, many=True).data)

    @extend_schema(request=ImportRowUpdateSerializer, responses={200: ImportRowSerializer})
    @action(detail=True, methods=["patch"], url_path=r"rows/(?P<line>[0-9]{1,9})")
    def row(self, request, pk=None, line=None):
        statement = self.get_object()
        data = parse(ImportRowUpdateSerializer, request, household=statement.household_id, partial=True)
        try:
            row = services.import_row_update(statement=statement, line=int(line), user=request.user, **data)
        except ImportRow.DoesNotExist as exc:
            raise NotFound(str(exc)) from None
        return Response(ImportRowSerializer(row).data)

    @extend_schema(
        request={
            "application/json": {"type": "object", "maxProperties": 0, "description": "Empty, or no body."}
        },
        responses={202: ImportSerializer},
    )
    @action(detail=True, methods=["post"], url_path="commit")
    def commit(self, request, pk=None):
        request.data  # noqa: B018  (no body is needed, but one that cannot be read is refused as anywhere)
        statement = services.import_commit_request(statement=self.get_object(), user=request.user)
        return Response(
            ImportSerializer(get_object_or_404(self.get_queryset(), pk=statement.pk)).data,
            status=status.HTTP_202_ACCEPTED,
        )
