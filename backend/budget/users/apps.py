from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "budget.users"
    label = "users"
    verbose_name = "Users"
