import logging
import math

from django.conf import settings
from django.http import HttpResponse
from rest_framework.throttling import ScopedRateThrottle

logger = logging.getLogger("budget.auth")


class AuthRateThrottle(ScopedRateThrottle):
    """Per client address, for sign-in and sign-up. Reads the rate at request time, so tests can change it.

    It fails open: when the cache cannot be reached the request goes through and one WARNING line says
    so. A cache outage must not lock every person out (the health check reports it as a 503).
    """

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # each cache backend raises its own errors (Redis, database, ...)
            logger.warning(
                "Sign-in throttle skipped for %s: the cache cannot be reached (%s: %s)",
                client_address(request),
                type(exc).__name__,
                exc,
            )
            return True


def client_address(request) -> str:
    """The address the throttle counts, honouring NUM_PROXIES like DRF does."""
    return AuthRateThrottle().get_ident(request)


class _AuthScope:
    throttle_scope = "auth"


def throttled_admin_login(login_view):
    """The admin's sign-in, counted per address in the same bucket and at the same rate as /api/token/:
    one budget of password guesses per address, whichever door they come through. Only the POSTs count."""

    def view(request, *args, **kwargs):
        if request.method == "POST":
            throttle = AuthRateThrottle()
            if not throttle.allow_request(request, _AuthScope()):
                wait = throttle.wait()
                response = HttpResponse(
                    "Too many sign-in attempts from this address. Try again later.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                if wait is not None:
                    response["Retry-After"] = str(math.ceil(wait))
                return response
        return login_view(request, *args, **kwargs)

    return view
