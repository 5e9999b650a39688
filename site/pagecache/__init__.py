"""The learner's page cache: a signed-in learner's repeat view of a page served from the
cache, re-rendered as soon as anything the page shows has changed.

How it works (docs/operations.md, "The learner's page cache", has the operator's view):

* A view opts in with :func:`cache_for_learner` on its response (the lesson, module
  overview, catalogue and learner dashboard do). Nothing else is ever cached.
* The key (``middleware.LearnerPageCacheMiddleware``) is made of: the person, their CSRF
  secret (so the form tokens in the page stay theirs and valid), host and full path, the
  session values listed in ``LEARNER_PAGE_CACHE_SESSION_KEYS``, the person's account row as
  read for this request (so a change written with ``QuerySet.update`` shows at once), today's
  date in Europe/London, the **content version** and the person's own **learner version**.
* The content version moves when anything is saved or deleted that is not one person's own
  learning record, nor on the short list of records no learner page shows
  (``receivers.IGNORED``): pages, services, terms, pictures, requirements, agencies, groups...
  A new kind of record therefore invalidates every page until someone lists it.
* A learner version moves when one of that person's own records changes (enrolments,
  lessons done, attempts, certificates, bookings, the account itself...), by signal, or by
  ``bump_learner`` where a service writes with ``QuerySet.update``.
* Versions are read before the page is rendered and moved again when the transaction
  commits, so a page rendered from data that was about to change is stored under a key
  nobody will ask for again.
* A page is kept at most ``LEARNER_PAGE_CACHE_SECONDS`` (5 minutes by default; 0 turns the
  cache off), and never past the moment something on it changes with time (``until``: a
  refresher falling due, "open now" on the minute); a date on the page changes with the key.
"""

import datetime

CACHEABLE_ATTRIBUTE = "_learner_page_cache_until"


def cache_for_learner(response, *, until: datetime.datetime | None = None):
    """Let the learner's page cache keep ``response`` (until ``until`` at the latest: the
    first moment something on the page changes with the time of day). Returns it."""
    forever = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    setattr(response, CACHEABLE_ATTRIBUTE, until or forever)
    return response
