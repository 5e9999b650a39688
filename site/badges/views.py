"""The public documents a verifier needs: our keys, the issuer profile, the status list."""

import json

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import credential, keys, selectors


def _json(data: dict, content_type: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, indent=2), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # public documents, read by wallets
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def public_keys(request):
    """The JWK Set of every key our credentials may be signed with."""
    return _json(keys.jwks(), "application/jwk-set+json")


@require_GET
@cache_control(public=True, max_age=3600)
def issuer(request):
    """The OB 3.0 issuer ``Profile`` credentials name as their ``issuer``."""
    return _json(credential.issuer_profile(), "application/ld+json")


@require_GET
@cache_control(public=True, max_age=selectors.STATUS_LIST_TTL_SECONDS)
def status_list(request):
    """The signed revocation list (a ``BitstringStatusListCredential`` as a JWT)."""
    response = HttpResponse(selectors.status_list_token(), content_type=credential.MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response
