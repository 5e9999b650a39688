"""Production settings: refuse to start insecurely; pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from tests.helpers import ed25519_pem

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        BADGES_SIGNING_KEY=ed25519_pem(),
        ALLOWED_HOSTS="learning.example.org",
        SITE_URL="https://learning.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_warns_when_credentials_would_be_signed_with_a_derived_key():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="learning.example.org",
        SITE_URL="https://learning.example.org",
    )
    assert result.returncode != 0
    assert "badges.W001" in result.stdout + result.stderr
