"""Accounts and households: a Personal household for every new account; an account's households
alone go with it when it is deleted."""

from django.dispatch import receiver

from budget.users.signals import user_created, user_deleting

from .services import PERSONAL, household_create, households_leave_all


@receiver(user_created, dispatch_uid="households-personal")
def personal_household(sender, user, **kwargs):
    household_create(owner=user, name=PERSONAL)


@receiver(user_deleting, dispatch_uid="households-leave")
def leave_households(sender, user, **kwargs):
    households_leave_all(user=user)
