"""Production: PostgreSQL, background worker, SMTP email, WhiteNoise, HTTPS only.

Everything secret or host-specific comes from the environment; see README.md.
"""

import copy
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, os

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (at least 50 random characters)."
    )
# Old keys still accepted while a new SECRET_KEY is rolled out (see docs/operations.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Open Badges credentials are signed with this Ed25519 private key (PEM or JWK; badges.keys).
# Retired public keys stay published, so what they signed still verifies ("||" between keys).
BADGES_SIGNING_KEY = os.environ.get("BADGES_SIGNING_KEY", "")
BADGES_PREVIOUS_PUBLIC_KEYS = [
    key for key in os.environ.get("BADGES_PREVIOUS_PUBLIC_KEYS", "").split("||") if key.strip()
]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# Every link in an email or a PDF is built from SITE_URL (config.site_url): it must be the
# site's real https:// address, never a default.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL.startswith("https://") or not urlsplit(SITE_URL).hostname:
    raise ImproperlyConfigured(
        "SITE_URL must be set in the environment to the site's https:// address, "
        "for example https://learning.example.org"
    )
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The client's address behind the proxy (docs/operations.md, "The client's address").
if TRUSTED_PROXY_COUNT < 0:  # noqa: F405
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or the number of proxies.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

# Media: the private bucket when AWS_STORAGE_BUCKET_NAME is set, else MEDIA_ROOT (base.py).
# With several app servers the file system is not shared: `check --deploy` warns when
# APP_SERVERS is more than 1 and media is still on it (config.checks).
APP_SERVERS = int(os.environ.get("APP_SERVERS", "1"))
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- PostgreSQL connection pooling (docs/operations.md, "Running more than one server") ---
# DATABASE_POOL_MAX_SIZE > 0 gives every process (each gunicorn worker, each db_worker) a
# psycopg_pool pool of at most that many connections, kept open between requests. Django
# requires CONN_MAX_AGE = 0 with a pool (the pool, not Django, keeps connections alive), so
# DB_CONN_MAX_AGE is ignored then. Size it so that, over every server,
#   processes x DATABASE_POOL_MAX_SIZE <= PostgreSQL max_connections - connections kept back.
# Unset or 0: no pool; one connection per request, or per DB_CONN_MAX_AGE seconds.
DATABASES = copy.deepcopy(DATABASES)  # noqa: F405 (never change base.py's dictionary)
DATABASE_POOL_MAX_SIZE = int(os.environ.get("DATABASE_POOL_MAX_SIZE") or "0")
if DATABASE_POOL_MAX_SIZE < 0:
    raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE must be 0 (no pool) or more.")
if DATABASE_POOL_MAX_SIZE:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE needs a PostgreSQL DATABASE_URL.")
    pool_min_size = int(os.environ.get("DATABASE_POOL_MIN_SIZE") or "1")
    if not 0 <= pool_min_size <= DATABASE_POOL_MAX_SIZE:
        raise ImproperlyConfigured(
            "DATABASE_POOL_MIN_SIZE must be between 0 and DATABASE_POOL_MAX_SIZE."
        )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": pool_min_size,
        "max_size": DATABASE_POOL_MAX_SIZE,
        # Seconds a request waits for a free connection before it fails (PoolTimeout).
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT") or "10"),
    }

# Background work runs in `manage.py db_worker`, not in the web request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Rate limits and lockouts need a cache shared by every web worker.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEMO_ACCOUNTS_ENABLED = False

# Safe Places: look up venue postcodes and finder searches with the HTTP postcode service.
SAFE_PLACES_GEOCODER = os.environ.get(
    "SAFE_PLACES_GEOCODER", "network.geocoding.PostcodesIoGeocoder"
)
