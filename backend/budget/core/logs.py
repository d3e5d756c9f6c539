"""Logging filters named in settings.LOGGING (so this module imports nothing from Django)."""

import logging


class OneLineWarning(logging.Filter):
    """For django.security.RequestDataTooBig, which Django logs as an ERROR with a traceback when a body
    is read outside the API (the admin's forms): it is a client's mistake, so one WARNING line."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
