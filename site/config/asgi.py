"""ASGI entry point."""

import os
import sys
from pathlib import Path

# site/ is a source root (not a package); the repository root holds the other apps.
sys.path[:0] = [str(Path(__file__).resolve().parents[i]) for i in (1, 2)]

from django.core.asgi import get_asgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
