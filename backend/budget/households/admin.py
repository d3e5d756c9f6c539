"""Admin: a read-only window. Households change through the API's services, which keep an owner
in every household and record each change in the activity log; an admin form would do neither."""

from django.contrib import admin

from .models import ActivityEntry, Household, Invitation, Membership


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role", "joined_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["household", "user", "role", "joined_at"]
    list_select_related = ["household", "user"]
    list_filter = ["role"]
    search_fields = ["household__name", "user__email"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["household", "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_select_related = ["household"]
    search_fields = ["household__name", "email"]
    exclude = ["token_hash"]


@admin.register(ActivityEntry)
class ActivityEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "household", "actor_email", "action", "summary"]
    list_select_related = ["household"]
    list_filter = ["object_type"]
    search_fields = ["household__name", "actor_email", "action", "object_id"]
    date_hierarchy = "at"
