"""EMAIL_URL: the mail backend and its SMTP settings from one variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import email_config

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("locmem://", {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}),
        (
            "smtp://me%40example.com:p%40ss%3Aword@mail.example.com:587?tls=true",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.example.com",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "me@example.com",
                "EMAIL_HOST_PASSWORD": "p@ss:word",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
                "EMAIL_TIMEOUT": 10,
            },
        ),
        (
            "smtps://u:p@mail.example.com?timeout=5",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.example.com",
                "EMAIL_PORT": 465,
                "EMAIL_HOST_USER": "u",
                "EMAIL_HOST_PASSWORD": "p",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": True,
                "EMAIL_TIMEOUT": 5,
            },
        ),
        (
            "smtp://localhost",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "localhost",
                "EMAIL_PORT": 25,
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
                "EMAIL_TIMEOUT": 10,
            },
        ),
    ],
)
def test_email_url(url, expected):
    assert email_config(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("imap://mail.example.com", "EMAIL_URL must start with one of"),
        ("smtp://", "name the SMTP host"),
        ("smtp://h?tls=maybe", "tls must be true or false"),
        ("smtp://h?tls=true&ssl=true", "not both"),
        ("smtp://h?starttls=1", "unknown option"),
        ("smtp://h:port", "whole numbers"),
        ("smtp://h?timeout=soon", "whole numbers"),
    ],
)
def test_bad_email_urls_say_what_to_fix(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        email_config(url)
