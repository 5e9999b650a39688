"""Local development: SQLite by default, emails printed to the console, tasks run inline."""

from .base import *  # noqa: F403
from .base import os

DEBUG = True
# A fixed key for local use only; production refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS_ENABLED = True
