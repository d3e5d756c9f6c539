import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt import views as jwt_views
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from .models import NOTIFICATION_CHANNELS, default_notifications
from .services import refresh_token_spend, user_change_password, user_create, user_delete, user_update
from .throttles import AuthRateThrottle, client_address

logger = logging.getLogger("budget.auth")
User = get_user_model()


class NotificationPreferencesSerializer(serializers.Serializer):
    """How each kind of alert reaches the user: "off", "app", or "email" (in the app and by mail)."""

    budget = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS)
    goal = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS)
    balance = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS)

    def to_representation(self, instance):
        return super().to_representation({**default_notifications(), **(instance or {})})


class NotificationPreferencesInputSerializer(serializers.Serializer):
    """The kinds to change; the others keep theirs."""

    budget = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS, required=False)
    goal = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS, required=False)
    balance = serializers.ChoiceField(choices=NOTIFICATION_CHANNELS, required=False)


class UserSerializer(serializers.ModelSerializer):
    notifications = NotificationPreferencesSerializer(read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "currency", "date_joined", "default_household", "notifications"]
        read_only_fields = fields


class TokenObtainSerializer(jwt_serializers.TokenObtainPairSerializer):
    default_error_messages = {"no_active_account": "The email or password is not correct."}


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """Rotation as SimpleJWT does it, but the old token is spent under a lock: single use even when
    the same token arrives several times at once."""

    def validate(self, attrs):
        refresh = self.token_class(attrs["refresh"])
        user = User.objects.filter(pk=refresh.get(jwt_settings.USER_ID_CLAIM)).first()
        if user is None or not jwt_settings.USER_AUTHENTICATION_RULE(user):
            # A token of a deleted or disabled account: the same 401 as any other dead token.
            raise AuthenticationFailed("No active account found for the given token.", "no_active_account")
        with transaction.atomic():
            refresh_token_spend(token=refresh)
            data = {"access": str(refresh.access_token)}
            refresh.set_jti()
            refresh.set_exp()
            refresh.set_iat()
            refresh.outstand()
            data["refresh"] = str(refresh)
        return data


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RegisterApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]
    throttle_scope = "auth"

    class RegisterInputSerializer(serializers.Serializer):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
        full_name = serializers.CharField(max_length=150, allow_blank=True, required=False, default="")
        currency = serializers.CharField(required=False, default="EUR")

    class RegisterOutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = User
            fields = ["id", "email", "full_name", "currency", "default_household"]

    @extend_schema(request=RegisterInputSerializer, responses={201: RegisterOutputSerializer})
    def post(self, request):
        serializer = self.RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_create(**serializer.validated_data)
        logger.info("Account created for user %s from %s", user.pk, client_address(request))
        return Response(self.RegisterOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class TokenObtainApi(jwt_views.TokenObtainPairView):
    throttle_classes = [AuthRateThrottle]
    throttle_scope = "auth"

    @extend_schema(responses={200: TokenPairSerializer})
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except AuthenticationFailed:
            email = request.data.get("email") if hasattr(request.data, "get") else None
            logger.warning("Failed sign-in for %r from %s", email, client_address(request))
            raise


class TokenRefreshApi(jwt_views.TokenRefreshView):
    @extend_schema(responses={200: TokenPairSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class LogoutApi(APIView):
    class LogoutInputSerializer(serializers.Serializer):
        refresh = serializers.CharField()

    @extend_schema(request=LogoutInputSerializer, responses={204: None})
    def post(self, request):
        serializer = self.LogoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token = RefreshToken(serializer.validated_data["refresh"])
        except TokenError as exc:
            raise ValidationError({"refresh": [str(exc)]}) from exc
        if str(token.get("user_id")) != str(request.user.pk):
            raise ValidationError({"refresh": ["This refresh token belongs to another session."]})
        try:
            refresh_token_spend(token=token)
        except TokenError as exc:
            raise ValidationError({"refresh": [str(exc)]}) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    class ProfileUpdateSerializer(serializers.Serializer):
        email = serializers.EmailField(max_length=254, required=False)
        full_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
        currency = serializers.CharField(required=False)
        default_household = serializers.UUIDField(required=False)
        notifications = NotificationPreferencesInputSerializer(required=False)

    class AccountDeleteSerializer(serializers.Serializer):
        password = serializers.CharField(trim_whitespace=False)

    @extend_schema(responses={200: UserSerializer})
    def get(self, request):
        return Response(UserSerializer(request.user).data)

    @extend_schema(request=ProfileUpdateSerializer, responses={200: UserSerializer})
    def patch(self, request):
        serializer = self.ProfileUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update(user=request.user, **serializer.validated_data)
        return Response(UserSerializer(user).data)

    @extend_schema(request=AccountDeleteSerializer, responses={204: None})
    def delete(self, request):
        serializer = self.AccountDeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_id = request.user.pk
        user_delete(user=request.user, **serializer.validated_data)
        logger.info("Account %s deleted from %s", user_id, client_address(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeApi(APIView):
    class PasswordChangeSerializer(serializers.Serializer):
        old_password = serializers.CharField(trim_whitespace=False)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    @extend_schema(request=PasswordChangeSerializer, responses={204: None})
    def post(self, request):
        serializer = self.PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_change_password(user=request.user, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
