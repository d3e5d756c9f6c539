"""Admin: a read-only window on the ledger.

Writes go through the API's services, which hold the rules (percentages, signs, splits);
an admin form would bypass them, so ledger rows can be looked at here, not changed.
"""

from django.contrib import admin

from .models import Allocation, Bucket, Category, Location, Transaction, Transfer

OWNER_FILTER = ("household", admin.RelatedOnlyFieldListFilter)  # lists only households with rows here


class ReadOnlyAdmin(admin.ModelAdmin):
    list_select_related = ["household"]
    list_filter = [OWNER_FILTER]
    list_per_page = 100
    show_full_result_count = False  # no COUNT(*) over a whole table on every page

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="household", ordering="household__name")
    def owner(self, obj):
        return obj.household.name


def money(field: str, label: str | None = None):
    @admin.display(description=label or field.replace("_", " "), ordering=field)
    def show(self, obj):
        value = getattr(obj, field)
        return f"{value:,.2f}" if value is not None else "-"

    return show


@admin.register(Location)
class LocationAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "is_archived", "created_at"]
    list_filter = [OWNER_FILTER, "is_archived"]
    search_fields = ["name", "household__name", "household__memberships__user__email"]


@admin.register(Bucket)
class BucketAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "allocation_percentage", "is_archived", "created_at"]
    list_filter = [OWNER_FILTER, "is_archived"]
    search_fields = ["name", "household__name", "household__memberships__user__email"]


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "sign", "is_archived", "created_at"]
    list_filter = [OWNER_FILTER, "sign", "is_archived"]
    search_fields = ["name", "household__name", "household__memberships__user__email"]


class AllocationInline(admin.TabularInline):
    model = Allocation
    fields = ["bucket", "percentage", "amount_shown"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    amount_shown = money("amount")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = [
        "date",
        "description",
        "signed_amount_shown",
        "category",
        "location",
        "bucket",
        "allocation_status",
        "owner",
    ]
    list_select_related = ["household", "category", "location", "bucket"]
    list_filter = [OWNER_FILTER, "allocation_status", "split_income", "category__sign"]
    search_fields = ["description", "household__name", "household__memberships__user__email"]
    date_hierarchy = "date"
    readonly_fields = ["amount_shown", "signed_amount_shown"]
    exclude = ["amount"]
    inlines = [AllocationInline]
    signed_amount_shown = money("signed_amount", "signed amount")
    amount_shown = money("amount", "amount")


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = [
        "date",
        "description",
        "amount_shown",
        "from_location",
        "to_location",
        "from_bucket",
        "to_bucket",
        "owner",
    ]
    list_select_related = ["household", "from_location", "to_location", "from_bucket", "to_bucket"]
    search_fields = ["description", "household__name", "household__memberships__user__email"]
    date_hierarchy = "date"
    exclude = ["amount"]
    readonly_fields = ["amount_shown"]
    amount_shown = money("amount", "amount")


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["transaction", "bucket", "percentage", "amount_shown", "owner"]
    list_select_related = ["household", "transaction", "bucket"]
    search_fields = ["transaction__description", "household__name", "household__memberships__user__email"]
    exclude = ["amount"]
    readonly_fields = ["amount_shown"]
    amount_shown = money("amount", "amount")
