"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import everything from here and
override what differs. Anything read from the environment is read here or in production.py.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.urls import reverse_lazy

# site/config/settings/base.py -> the repository root is three folders up.
BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many proxies in front of the app append to X-Forwarded-For (docs/operations.md). 0: the
# header is ignored and REMOTE_ADDR is the client. Used by config.ratelimit.client_ip, for
# every per-address limit and the audit log; allauth is told the same.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

INSTALLED_APPS = [
    # Project apps first so their templates override third-party ones.
    "pages",
    "accounts",
    "network",
    "courses",
    "certificates",
    "glossary",
    "events",
    "scorm",
    "xapi",
    "badges",
    "dataapi",
    "pagecache",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The partnership data API (dataapi)
    "rest_framework",
    "drf_spectacular",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # allauth's "Where you are signed in" page
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    # NUL bytes and unreadable JSON: a 400 page with a message, never a 500 (config.badinput).
    "config.badinput.BadInputMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.security.StaffSessionMiddleware",
    # Signed in without admin access: the 403 page, not Wagtail's loop through sign-in.
    "accounts.admin_door.AdminDoorMiddleware",
    "accounts.audit.SignInRefusalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so every check above runs on a cached page too (pagecache; docs/operations.md).
    "pagecache.middleware.LearnerPageCacheMiddleware",
]

# The learner's page cache (pagecache): a signed-in learner's repeat view of a lesson,
# module, the catalogue or their dashboard, kept at most this long (0 turns it off), and
# the session values those pages depend on (part of the key).
LEARNER_PAGE_CACHE_SECONDS = int(os.environ.get("LEARNER_PAGE_CACHE_SECONDS", "300"))
LEARNER_PAGE_CACHE_SESSION_KEYS = ["courses_content_notes_seen"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.service",
            ],
            "builtins": ["pages.templatetags.govuk"],
        },
    },
]

# Forms outside the Wagtail admin render GOV.UK Frontend markup through templates/govuk/.
FORM_RENDERER = "config.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default, one file. Write-ahead logging lets pages be read while a long
    # write (a question import, in one transaction) is under way, and a writer that finds the
    # file locked waits up to SQLITE_TIMEOUT seconds (Python's default is 5) rather than
    # failing the request (docs/operations.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=int(os.environ.get("SQLITE_TIMEOUT", "20")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "safe-city-learning",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = reverse_lazy("account_login")
# After signing in (or confirming an email address), people land on *Your learning*: their
# modules and certificates. Staff see their tools in the service navigation from there.
LOGIN_REDIRECT_URL = reverse_lazy("courses:dashboard")

# Sessions: cookies are never readable by scripts and end when the browser closes
# (shared and family devices are common for our users).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
# Enforced by accounts.security: every session ends 8 hours after sign-in, however active,
# and sessions of staff roles after 30 minutes without a request.
SESSION_ABSOLUTE_SECONDS = SESSION_COOKIE_AGE
STAFF_IDLE_SECONDS = 30 * 60
# Staff roles must have two-factor authentication before reaching these (admin, reports,
# exports).
MFA_REQUIRED_PREFIXES = ("/admin/", "/learning/coverage/", "/training/approvals/")
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- django-allauth: email is the only identifier --------------------------------------
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Tell the owner (fixed wording, no detail) when their password, email addresses or two-factor
# settings change: someone who has got into the account cannot change them silently.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Safe City Learning: "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "login": "accounts.forms.LoginForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    # The rest only change wording: GOV.UK labels and error messages (accounts.forms).
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# Limits are enforced through the cache, so every environment needs a real cache.
# "ip" is the client address from config.ratelimit.client_ip. The "key" of login_failed is
# the account AND the address (accounts.adapter): five wrong passwords lock that address out
# of that account for five minutes, never the owner signing in from elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Many failed sign-ins for one account, from anywhere, within the window: the owner is told
# (once a day, no details) by accounts.adapter.
SIGN_IN_WARNING_THRESHOLD = 10
SIGN_IN_WARNING_WINDOW_SECONDS = 15 * 60
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {  # the same forms; refusals for too many attempts go to the audit log
    "authenticate": "accounts.mfa_forms.AuthenticateForm",
    "reauthenticate": "accounts.mfa_forms.ReauthenticateForm",
    "activate_totp": "accounts.mfa_forms.ActivateTOTPForm",
}
MFA_TOTP_ISSUER = "Safe City Learning"

# --- Wagtail -----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Safe City Learning"
# The site's public address. Every absolute link in an email or a PDF is built from it
# (config.site_url), never from the host a request names. `make run` sets it from HOST/PORT;
# production requires an https:// address.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin signs in through allauth, so it shares the same rate limits, lockouts and MFA.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always served by Django's document view (/documents/<id>/<name>), which
# checks collection view restrictions and that lesson documents go to signed-in people
# only (courses.blocks); never a redirect to a public /media/ address (docs/operations.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Background work ---------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Email -------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Safe City Learning <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Media (images, documents) go to a private S3-compatible bucket when one is named, so that
# every app server sees the same files (docs/operations.md, "Object storage"); otherwise to
# MEDIA_ROOT. Credentials come from the standard AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
# (or an instance role), read by boto3, never from settings.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        # Private objects, signed URLs of 300 s, no overwriting (config.storage).
        "BACKEND": "config.storage.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # An S3-compatible service (MinIO, Ceph, a UK cloud's object store); unset: AWS.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            # "path" for services without bucket subdomains; unset: boto3 decides.
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers (HSTS is only sent over HTTPS) ---------------------------------------
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict policy for every public page; config.middleware relaxes it for the Wagtail admin only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
ADMIN_URL_PREFIXES = ("/admin/",)
# The Wagtail admin's policy (docs/security.md, "Content Security Policy of the admin").
# Inline scripts only with the nonce, which Wagtail's own scripts get from config.admin_csp.
# <style> elements need 'unsafe-inline': Draftail writes them with no nonce and with
# changing content (so no hash). Style attributes stay blocked. Images: data: for a
# Wagtail stylesheet image, blob: for previews of images being uploaded. Frames and
# frame-ancestors 'self' for the live preview, which the editor shows in an iframe.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "script-src-attr": [NONE],
    "style-src": [SELF],
    "style-src-elem": [SELF, "'unsafe-inline'"],
    "style-src-attr": [NONE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "form-action": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [SELF],
}
# Staff avatars are not fetched from Gravatar: it would learn who uses the admin, and when.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"
# /.well-known/security.txt: where to report a vulnerability. Renew the date before it
# passes (RFC 9116 recommends less than a year ahead); a test fails once it has.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@safecitypartnership.example")
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "2027-09-30T23:00:00Z")

# --- The service -------------------------------------------------------------------------
SERVICE_NAME = "Safe City Learning"
# Demo accounts have a published password: never in production.
DEMO_ACCOUNTS_ENABLED = False
# Where "Exit this page" sends people: an everyday site that reveals nothing.
EXIT_THIS_PAGE_URL = os.environ.get("EXIT_THIS_PAGE_URL", "https://www.bbc.co.uk/weather")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "safecity": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Privacy -----------------------------------------------------------------------------
# Training records of people with no activity for this long are anonymised (apply_retention).
TRAINING_RECORD_RETENTION_YEARS = int(os.environ.get("TRAINING_RECORD_RETENTION_YEARS", "6"))

# --- Safe Places -------------------------------------------------------------------------
# Postcode and place look-ups. Production uses the HTTP service; dev and tests the offline fake.
SAFE_PLACES_GEOCODER = "network.geocoding.FakeGeocoder"
POSTCODE_SERVICE_URL = os.environ.get("POSTCODE_SERVICE_URL", "https://api.postcodes.io")
# Map tiles for the finder's optional map (loaded only when a visitor asks for the map).
SAFE_PLACES_TILE_URL = os.environ.get(
    "SAFE_PLACES_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SAFE_PLACES_TILE_ATTRIBUTION = "© OpenStreetMap contributors"
# Applications allowed from one address per hour.
SAFE_PLACES_APPLICATIONS_PER_HOUR = 5

# --- Partnership data API (dataapi) --------------------------------------------------------
# Views set their own authentication, permissions and renderers; the only default set here
# is the schema class, which drf-spectacular's @extend_schema builds on (it changes nothing
# at run time).
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safe City Learning partnership data API",
    "DESCRIPTION": "Read-only aggregated figures (training coverage, Safe Places, "
    "face-to-face attendance). Never a person.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["dataapi.schema.only_this_api"],
}

# --- xAPI (xapi.conf) ------------------------------------------------------------------------
# Statements about learning go to this Learning Record Store; while it is empty nothing is
# recorded at all (no outbox, no pseudonyms).
XAPI_LRS_ENDPOINT = os.environ.get("XAPI_LRS_ENDPOINT", "")
XAPI_LRS_USERNAME = os.environ.get("XAPI_LRS_USERNAME", "")
XAPI_LRS_PASSWORD = os.environ.get("XAPI_LRS_PASSWORD", "")
