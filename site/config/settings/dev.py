"""Local development: SQLite by default, emails printed to the console (or sent through an
SMTP server when EMAIL_HOST is set), tasks run inline."""

from .base import *  # noqa: F403
from .base import env_bool, os

DEBUG = True
# A fixed key for local use only; production refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
# Emails are printed to the console, unless EMAIL_HOST names an SMTP server to try them with
# (for example a local Mailpit: EMAIL_HOST=127.0.0.1 EMAIL_PORT=1025 EMAIL_USE_TLS=false).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS_ENABLED = True
