"""``manage.py check --deploy`` warns when credentials would be signed with a key derived
from SECRET_KEY (see ``badges.keys``): rotating SECRET_KEY would then break every credential
already given out."""

from django.conf import settings
from django.core import checks

from . import keys


@checks.register(checks.Tags.security, deploy=True)
def signing_key_is_set(app_configs, **kwargs):
    problems = []
    if not keys.is_configured():
        problems.append(
            checks.Warning(
                "BADGES_SIGNING_KEY is not set: Open Badges credentials are signed with a key "
                "derived from SECRET_KEY, so rotating SECRET_KEY would make every credential "
                "already downloaded fail to verify.",
                hint="Set BADGES_SIGNING_KEY in the environment to an Ed25519 private key "
                "(PEM or JWK), e.g. from `openssl genpkey -algorithm ed25519`.",
                id="badges.W001",
            )
        )
        return problems
    try:
        keys.import_key(settings.BADGES_SIGNING_KEY, private=True)
    except keys.BadKeyError as error:
        problems.append(
            checks.Error(f"BADGES_SIGNING_KEY is not usable: {error}", id="badges.E001")
        )
    for value in getattr(settings, "BADGES_PREVIOUS_PUBLIC_KEYS", ()):
        try:
            keys.import_key(value, private=False)
        except keys.BadKeyError as error:
            problems.append(
                checks.Error(
                    f"A key in BADGES_PREVIOUS_PUBLIC_KEYS is not usable: {error}",
                    id="badges.E002",
                )
            )
    return problems
