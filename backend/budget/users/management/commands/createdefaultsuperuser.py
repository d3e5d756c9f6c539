import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

EMAIL, PASSWORD = "DJANGO_SUPERUSER_EMAIL", "DJANGO_SUPERUSER_PASSWORD"


class Command(BaseCommand):
    help = f"Make the superuser named by {EMAIL} and {PASSWORD}; there is no built-in password."

    def handle(self, *args, **options):
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "").strip()
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        missing = [name for name, value in ((EMAIL, email), (PASSWORD, password)) if not value]
        if missing:
            raise CommandError(f"Set {' and '.join(missing)} (in the environment or .env); nothing was made.")
        User = get_user_model()
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            if not existing.is_superuser:
                raise CommandError(f"{email} exists and is not a superuser; pick another email.")
            self.stdout.write(f"Superuser {existing.email} already exists; left as it is.")
            return
        try:
            validate_password(password, User(email=email))
        except ValidationError as exc:
            raise CommandError(f"{PASSWORD} is too weak: {' '.join(exc.messages)}") from exc
        user = User.objects.create_superuser(email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Superuser {user.email} made."))
