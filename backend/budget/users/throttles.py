from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle


class AuthRateThrottle(ScopedRateThrottle):
    """Per client address, for sign-in and sign-up. Reads the rate at request time, so tests can change it."""

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]


def client_address(request) -> str:
    """The address the throttle counts, honouring NUM_PROXIES like DRF does."""
    return AuthRateThrottle().get_ident(request)
