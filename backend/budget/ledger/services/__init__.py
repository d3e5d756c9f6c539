"""Every write to the ledger goes through these functions."""

from .allocation import income_allocate, incomes_requeue_pending
from .setup import (
    bucket_archive,
    bucket_create,
    bucket_update,
    category_archive,
    category_create,
    category_update,
    location_archive,
    location_create,
    location_update,
    system_category,
)
from .totals import totals_repair
from .transactions import (
    BulkValidationError,
    create_rows,
    transaction_bulk_create,
    transaction_create,
    transaction_delete,
    transaction_update,
)
from .transfers import transfer_create, transfer_delete

__all__ = [
    "BulkValidationError",
    "bucket_archive",
    "bucket_create",
    "bucket_update",
    "category_archive",
    "category_create",
    "category_update",
    "create_rows",
    "income_allocate",
    "incomes_requeue_pending",
    "location_archive",
    "location_create",
    "location_update",
    "system_category",
    "totals_repair",
    "transaction_bulk_create",
    "transaction_create",
    "transaction_delete",
    "transaction_update",
    "transfer_create",
    "transfer_delete",
]
