"""One error shape for the API: DRF's, whatever raised the error."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

RETRY_AFTER_SECONDS = 1


class ServiceBusy(exceptions.APIException):
    """A write that kept conflicting with others; nothing was written, and sending it again is safe."""

    status_code = 503
    default_detail = "The budget is busy with other changes; nothing was saved. Please try again."
    default_code = "busy"


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError (from services and models) as a 400, a row that
    is not the user's (`DoesNotExist` from a service's re-read) as a 404, and ServiceBusy with Retry-After.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound(_not_found_message(exc))
    exc = _body_too_large(exc)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, ServiceBusy):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _not_found_message(exc: ObjectDoesNotExist) -> str:
    """A service's own message ("Category not found."); never Django's query text."""
    message = str(exc.args[0]) if exc.args else ""
    return message if message.endswith("not found.") else "Not found."


# --- Bodies past DATA_UPLOAD_MAX_MEMORY_SIZE ----------------------------------------


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "body_too_large"


def body_too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"The request body is larger than the limit of {limit:,} bytes ({limit / 2**20:.1f} MiB)."


def _body_too_large(exc):
    """Django refuses to read such a body (RequestDataTooBig, a 400 it logs as an ERROR with a
    traceback); it is the client's mistake, and HTTP has a status for it. django.request logs the 413
    as one WARNING line, like every other 4xx."""
    if isinstance(exc, RequestDataTooBig):
        return BodyTooLarge(body_too_large_message())
    return exc


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


@csrf_exempt  # a POST to a mistyped path is a JSON 404, not Django's HTML CSRF page
def api_not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer JSON like every other API error, whatever the method."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Server error. It has been logged; please try again."}, status=500)
    return defaults.server_error(request)


def bad_request(request, exception=None):
    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse({"detail": body_too_large_message()}, status=413)
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)
