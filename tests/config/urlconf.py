"""Every URL pattern the site serves, read from the URL conf (used by the generated tests)."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when the pattern has no name
    route: str  # the full pattern, e.g. "learning/attempts/<int:attempt_id>/result/"
    params: tuple[str, ...]  # converter names or regex groups ("1", "2" when unnamed)

    @property
    def key(self) -> str:
        return self.name

    def is_under(self, *prefixes: str) -> bool:
        bare = self.route.replace("^", "")
        return bare.startswith(prefixes)


def _params(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        named = tuple(regex.groupindex)
        return named or tuple(str(n) for n in range(1, regex.groups + 1))
    return tuple(pattern.converters)


def routes(resolver=None, prefix: str = "", namespace: str = "", params=()) -> list[Route]:
    """All endpoint patterns, recursively, with their full route and every parameter."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        here = (*params, *_params(entry.pattern))
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            found.extend(routes(entry, route, inner, here))
        elif isinstance(entry, URLPattern):
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                name = route
            found.append(Route(name=name, route=route, params=here))
    return found


# The Wagtail page tree: every live page is visited by its own URL instead.
WAGTAIL_CATCH_ALL = "wagtail_serve"
