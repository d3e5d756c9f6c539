from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Household, Role


class RoleField(serializers.ChoiceField):
    """OWNER, EDITOR or VIEWER; the lower-case words are taken too."""

    def __init__(self, **kwargs):
        super().__init__(choices=Role.choices, **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)


class UserRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    full_name = serializers.CharField()


class HouseholdSerializer(serializers.Serializer):
    """A household as one of its members sees it (built from their membership)."""

    id = serializers.UUIDField(source="household.id")
    name = serializers.CharField(source="household.name")
    role = serializers.CharField()
    members = serializers.IntegerField(help_text="How many members it has (the list: .../members/).")
    created_at = serializers.DateTimeField(source="household.created_at")


class HouseholdInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=Household._meta.get_field("name").max_length)


class HouseholdDeleteSerializer(serializers.Serializer):
    confirm = serializers.CharField(
        help_text="The household's name, to confirm deleting it and all its data."
    )


class MemberSerializer(serializers.Serializer):
    user = UserRefSerializer()
    role = serializers.CharField()
    joined_at = serializers.DateTimeField()


class MemberInputSerializer(serializers.Serializer):
    role = RoleField()


class InvitationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    role = serializers.CharField()
    status = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    created_by = UserRefSerializer(allow_null=True)
    expires_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=["pending", "accepted", "revoked", "expired"]))
    def get_status(self, invitation) -> str:
        return invitation.status(timezone.now())


class InvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = RoleField()


class InvitationCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    role = serializers.CharField()
    token = serializers.CharField(help_text="Shown only in this answer.")
    link = serializers.CharField(help_text="The link in the mail, to copy.")
    expires_at = serializers.DateTimeField()


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200)


class ActorSerializer(serializers.Serializer):
    """Who made a change; `id` is null once that account is gone (the email stays)."""

    id = serializers.UUIDField(allow_null=True)
    email = serializers.EmailField()
    full_name = serializers.CharField(allow_blank=True)


class ActivityEntrySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    summary = serializers.CharField()
    changes = serializers.JSONField(help_text="{field: [before, after]}")

    @extend_schema_field(ActorSerializer(allow_null=True))
    def get_actor(self, entry):
        """The actor; after their account is gone, only the email they had (id null)."""
        if entry.actor_id is not None:
            return {"id": str(entry.actor_id), "email": entry.actor.email, "full_name": entry.actor.full_name}
        if entry.actor_email:
            return {"id": None, "email": entry.actor_email, "full_name": ""}
        return None  # the system (a task)
