"""What the users app announces; apps above it (households) subscribe."""

from django.dispatch import Signal

# Sent inside user_create's transaction with `user`: a failing receiver rolls the sign-up back.
user_created = Signal()
# Sent inside user_delete's transaction, before the account goes, with `user`. A receiver may refuse
# the deletion by raising ValidationError (households: the only owner of a shared household).
user_deleting = Signal()
