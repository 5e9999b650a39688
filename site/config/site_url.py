"""Absolute links for emails and PDFs, built from the ``SITE_URL`` setting only.

An email or a printed certificate is read away from the site, so its links never come from
the request: the host a request names is whatever the sender put in its ``Host`` header.
Every absolute link the service sends out is built here (``tests/config/test_site_url.py``).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def base() -> str:
    """``SITE_URL`` without a trailing slash, e.g. ``https://learning.example.org``."""
    return settings.SITE_URL.rstrip("/")


def absolute(path: str) -> str:
    """The absolute address of ``path`` (a path from ``reverse``, starting with "/")."""
    return base() + "/" + path.lstrip("/")


def rebase(url: str) -> str:
    """``url`` with its scheme and host replaced by ``SITE_URL``'s (path, query and fragment
    kept). For links third-party code built from the request, such as allauth's."""
    parts = urlsplit(url)
    return absolute(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))
