"""HTTP for the ledger: parse, call one service or selector, answer."""

import csv
from functools import cache

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.core.pagination import PageOrCursorPagination
from budget.households.access import HouseholdScoped

from . import services
from .filters import BucketFilter, CategoryFilter, LocationFilter, TransactionFilter
from .models import HUNDRED, Bucket, Category, Location, Transaction, Transfer
from .selectors import (
    allocation_summary,
    allocation_total,
    bucket_goal_list,
    category_list,
    location_list,
    transaction_count,
    transaction_legs_attach,
    transaction_list,
    transfer_list,
)
from .serializers import (
    AllocationSummarySerializer,
    BucketSerializer,
    CategorySerializer,
    LocationSerializer,
    OwnedRefs,
    TransactionInputSerializer,
    TransactionSerializer,
    TransferInputSerializer,
    TransferSerializer,
)

BULK_LIMIT = 1000

# django-filter's NumberFilter reads as an integer in the schema; these take cents too.
AMOUNT_PARAMETERS = [
    OpenApiParameter(
        name,
        {"type": "string", "pattern": r"^-?\d{1,10}(\.\d{1,2})?$"},
        description=f"Transactions whose amount is {word} this (at most two decimals).",
    )
    for name, word in (("amount_min", "at least"), ("amount_max", "at most"))
]


def _not_found(errors) -> str | None:
    """The first "not found" message among serializer errors, however nested."""
    if isinstance(errors, dict):
        errors = list(errors.values())
    if isinstance(errors, list):
        for error in errors:
            found = _not_found(error)
            if found:
                return found
        return None
    return str(errors) if getattr(errors, "code", None) == "not_found" else None


def parse(serializer_class, request, *, household, partial: bool = False) -> dict:
    """Validated input, or a 400 with the field errors, or a 404 when an id is not in `household`."""
    serializer = serializer_class(data=request.data, partial=partial, context={"refs": OwnedRefs(household)})
    if not serializer.is_valid():
        message = _not_found(serializer.errors)
        if message:
            raise NotFound(message)
        raise ValidationError(serializer.errors)
    return serializer.validated_data


class ListFilterMixin:
    """Filters shape lists only: a detail URL reaches archived rows too (history points at them)."""

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class ArchivableViewSet(HouseholdScoped, ListFilterMixin, viewsets.ModelViewSet):
    """CRUD where DELETE archives. Subclasses name their selector and services."""

    def _reload(self, obj):
        return self.get_queryset().get(pk=obj.pk)

    def perform_create(self, serializer):
        serializer.instance = self._reload(self.create_row(**serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = self._reload(self.update_row(serializer.instance, **serializer.validated_data))


class LocationViewSet(ArchivableViewSet):
    queryset = Location.objects.none()  # for the schema; requests use get_queryset
    serializer_class = LocationSerializer
    filterset_class = LocationFilter

    def get_queryset(self):
        return location_list(**self.scope())

    @extend_schema(request=LocationSerializer, responses={201: LocationSerializer})
    def create(self, request):
        # parse(): the opening balance's bucket is an id in the household, 404 otherwise, as in any body
        data = parse(LocationSerializer, request, household=self.household)
        location = services.location_create(user=request.user, household=self.household, **data)
        return Response(self.get_serializer(self._reload(location)).data, status=status.HTTP_201_CREATED)

    def update_row(self, location, **data):
        return services.location_update(location=location, user=self.request.user, **data)

    def perform_destroy(self, instance):
        services.location_archive(location=instance, user=self.request.user)


class _Lazy:
    """A truth value computed on first use, once."""

    def __init__(self, compute):
        self._compute = cache(compute)

    def __bool__(self):
        return bool(self._compute())


class BucketViewSet(ArchivableViewSet):
    queryset = Bucket.objects.none()  # for the schema; requests use get_queryset
    serializer_class = BucketSerializer
    filterset_class = BucketFilter

    def get_queryset(self):
        return bucket_goal_list(today=self.today, **self.scope())

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_serializer_context(self):
        # Evaluated on first use, so an answer after a write shows the status after it; one query a request.
        return {
            **super().get_serializer_context(),
            "today": self.today,
            "allocation_complete": _Lazy(lambda: allocation_total(household=self.household) == HUNDRED),
        }

    def create_row(self, **data):
        return services.bucket_create(user=self.request.user, household=self.household, **data)

    def update_row(self, bucket, **data):
        return services.bucket_update(bucket=bucket, user=self.request.user, **data)

    def perform_destroy(self, instance):
        services.bucket_archive(bucket=instance, user=self.request.user)


class CategoryViewSet(ArchivableViewSet):
    queryset = Category.objects.none()  # for the schema; requests use get_queryset
    serializer_class = CategorySerializer
    filterset_class = CategoryFilter

    def get_queryset(self):
        return category_list(**self.scope())

    def create_row(self, **data):
        return services.category_create(user=self.request.user, household=self.household, **data)

    def update_row(self, category, **data):
        return services.category_update(category=category, user=self.request.user, **data)

    def perform_destroy(self, instance):
        services.category_archive(category=instance, user=self.request.user)


class AllocationApi(HouseholdScoped, APIView):
    @extend_schema(responses={200: AllocationSummarySerializer})
    def get(self, request):
        return Response(AllocationSummarySerializer(allocation_summary(household=self.household)).data)


# --- Transactions -----------------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=AMOUNT_PARAMETERS))
class TransactionViewSet(
    HouseholdScoped,
    ListFilterMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Transaction.objects.none()  # for the schema; requests use get_queryset
    serializer_class = TransactionSerializer
    filterset_class = TransactionFilter
    pagination_class = PageOrCursorPagination
    # Parameters that leave the list whole: its size is then the stored totals' count.
    UNFILTERED = frozenset({"page", "page_size", "household", "ordering", "cursor"})

    def get_queryset(self):
        return transaction_list(**self.scope())

    def list_count(self) -> int | None:
        if set(self.request.query_params) - self.UNFILTERED:
            return None  # filtered: counted exactly
        return transaction_count(household=self.household)

    def paginate_queryset(self, queryset):
        return transaction_legs_attach(super().paginate_queryset(queryset))

    def _answer(self, txn, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=txn.pk)).data, status=status_code)

    @extend_schema(request=TransactionInputSerializer, responses={201: TransactionSerializer})
    def create(self, request):
        data = parse(TransactionInputSerializer, request, household=self.household)
        txn = services.transaction_create(user=request.user, household=self.household, **data)
        return self._answer(txn, status.HTTP_201_CREATED)

    @extend_schema(request=TransactionInputSerializer, responses={200: TransactionSerializer})
    def update(self, request, pk=None, partial=False):
        txn = self.get_object()
        data = parse(TransactionInputSerializer, request, household=txn.household_id, partial=partial)
        return self._answer(services.transaction_update(txn=txn, user=request.user, **data))

    @extend_schema(request=TransactionInputSerializer, responses={200: TransactionSerializer})
    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    def destroy(self, request, pk=None):
        services.transaction_delete(txn=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TransactionBulkApi(HouseholdScoped, APIView):
    @extend_schema(
        request=TransactionInputSerializer(many=True), responses={201: TransactionSerializer(many=True)}
    )
    def post(self, request):
        items = request.data
        if not isinstance(items, list) or not 1 <= len(items) <= BULK_LIMIT:
            raise ValidationError(
                {"non_field_errors": [f"Send a JSON list of 1 to {BULK_LIMIT} transactions."]}
            )
        refs = OwnedRefs(self.household)
        parsed, errors = {}, {}
        for index, item in enumerate(items):
            serializer = TransactionInputSerializer(data=item, context={"refs": refs})
            if serializer.is_valid():
                parsed[index] = serializer.validated_data
            else:
                errors[index] = serializer.errors
        if _not_found(errors):
            raise NotFound({"detail": "Not found.", "errors": {str(i): e for i, e in errors.items()}})
        # The service checks the parsed items against the ledger's rules too, so one answer lists
        # every refused item; it writes nothing whenever anything was refused.
        try:
            created = services.transaction_bulk_create(
                user=request.user, household=self.household, items=parsed, refused=errors
            )
        except services.BulkValidationError as exc:
            raise ValidationError({"errors": {str(i): e for i, e in exc.errors.items()}}) from exc
        rows = transaction_list(household=self.household).in_bulk([txn.pk for txn in created])
        answer = transaction_legs_attach([rows[txn.pk] for txn in created])
        data = TransactionSerializer(answer, many=True).data
        return Response(data, status=status.HTTP_201_CREATED)


class _Echo:
    def write(self, value):
        return value


def _cell(text: str) -> str:
    # A spreadsheet would run "=HYPERLINK(...)" typed as a description; a leading quote keeps it text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class TransactionExportApi(HouseholdScoped, APIView):
    # For the schema: the list's filters are this endpoint's query parameters (get() applies them).
    queryset = Transaction.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = TransactionFilter
    HEADER = ["date", "description", "amount", "signed_amount", "category", "sign", "location", "bucket"]

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR}, filters=True, parameters=AMOUNT_PARAMETERS
    )
    def get(self, request):
        filterset = TransactionFilter(
            request.query_params, queryset=transaction_list(household=self.household)
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        rows = filterset.qs
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow(self.HEADER)
            for txn in rows.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        txn.date.isoformat(),
                        _cell(txn.description),
                        f"{txn.amount}",
                        f"{txn.signed_amount}",
                        _cell(txn.category.name),
                        txn.category.sign,
                        _cell(txn.location.name),
                        _cell(txn.bucket.name) if txn.bucket else "",
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="transactions.csv"'
        return response


# --- Transfers ----------------------------------------------------------------------


class TransferViewSet(
    HouseholdScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Transfer.objects.none()  # for the schema; requests use get_queryset
    serializer_class = TransferSerializer

    def get_queryset(self):
        return transfer_list(**self.scope())

    @extend_schema(request=TransferInputSerializer, responses={201: TransferSerializer})
    def create(self, request):
        data = parse(TransferInputSerializer, request, household=self.household)
        transfer = services.transfer_create(user=request.user, household=self.household, **data)
        answer = self.get_serializer(self.get_queryset().get(pk=transfer.pk))
        return Response(answer.data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.transfer_delete(transfer=instance, user=self.request.user)
