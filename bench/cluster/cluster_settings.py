"""Settings of the app nodes and workers started by bench/cluster.py: production, plus two
changes so that nothing leaves the machine. Everything else (database and its pool, Redis,
the S3 bucket, hosts, TLS at HAProxy, proxy count) comes from the environment, exactly as
in production.
"""

import os

from config.settings.production import *  # noqa: F403

# Emails are written to files the harness reads: it counts that each task ran once.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["CLUSTER_EMAIL_DIR"]
# Postcode look-ups stay offline.
SAFE_PLACES_GEOCODER = "network.geocoding.FakeGeocoder"
