import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


def normalize_email(email: str) -> str:
    """Emails are compared case-insensitively, so they are stored in lower case."""
    return email.strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=normalize_email(email or ""))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


NOTIFICATION_KINDS = ("budget", "goal", "balance")
NOTIFICATION_CHANNELS = ("off", "app", "email")  # "email": in the app and by mail


def default_notifications() -> dict:
    return dict.fromkeys(NOTIFICATION_KINDS, "app")


currency_code = RegexValidator(
    r"^[A-Z]{3}$", "Use a three-letter ISO 4217 currency code, such as EUR or USD."
)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True, max_length=254)
    full_name = models.CharField(max_length=150, blank=True)
    currency = models.CharField(max_length=3, default="EUR", validators=[currency_code])
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Where requests without ?household= go; one of the user's memberships.
    default_household = models.ForeignKey(
        "households.Household", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How each kind of alert reaches this user: {"budget": "app", "goal": "email", "balance": "off"}.
    notifications = models.JSONField(default=default_notifications)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]
        constraints = [
            # Emails are stored lower-cased; this holds even for rows written around the manager.
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    def notification_channel(self, kind: str) -> str:
        """ "off", "app" or "email" for an alert kind ("budget", or "budget.near")."""
        return {**default_notifications(), **(self.notifications or {})}[kind.split(".")[0]]

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)
