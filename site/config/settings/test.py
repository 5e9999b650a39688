"""Test settings: fast hashing, emails kept in memory, tasks run inline."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Browser tests intercept this address, so they never leave the machine.
EXIT_THIS_PAGE_URL = "https://www.bbc.co.uk/weather"
DEMO_ACCOUNTS_ENABLED = True
# A bucket variable left in someone's shell never sends the suite to a real bucket: the
# object-storage tests point at their own loopback server (tests/config/conftest.py).
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
