from rest_framework import serializers

from .models import Kind, Notification, SubjectType


class SubjectSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=SubjectType.choices)
    id = serializers.UUIDField()


class NotificationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Kind.choices, source="alert.kind", read_only=True)
    title = serializers.CharField(source="alert.title", read_only=True)
    body = serializers.CharField(source="alert.body", read_only=True)
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "household", "title", "body", "subject", "created_at", "read_at"]
        read_only_fields = fields

    def get_subject(self, notification) -> SubjectSerializer:
        return {"type": notification.alert.subject_type, "id": str(notification.alert.subject_id)}
