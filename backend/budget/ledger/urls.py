from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.register("locations", apis.LocationViewSet, basename="location")
router.register("buckets", apis.BucketViewSet, basename="bucket")
router.register("categories", apis.CategoryViewSet, basename="category")
router.register("transactions", apis.TransactionViewSet, basename="transaction")
router.register("transfers", apis.TransferViewSet, basename="transfer")

urlpatterns = [
    # Before the router, whose detail routes would take "allocation", "bulk" and "export" for ids.
    path("buckets/allocation/", apis.AllocationApi.as_view(), name="bucket-allocation"),
    path("transactions/bulk/", apis.TransactionBulkApi.as_view(), name="transaction-bulk"),
    path("transactions/export/", apis.TransactionExportApi.as_view(), name="transaction-export"),
    path("", include(router.urls)),
]
