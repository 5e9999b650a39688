import io

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from accounts.roles import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database (one per xdist worker) gets the site's page tree once, committed:
    the home page, its standard pages, the support services and the default Site, as
    ``load_pages`` builds them. Building them costs about 0.8 s, which most tests used to
    pay in ``home_page``; now a test finds them there and rolls its own changes back.

    Transactional tests end with a flush, so pytest-django runs them after the others. Those
    with ``serialized_rollback`` get the database back as Django serialised it when it was
    created, so it is serialised again here, with the tree; the others ask for ``home_page``,
    which builds the tree again if it is missing.
    """
    from django.db import connections

    from pages.demo import load_pages

    with django_db_blocker.unblock():
        load_pages()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo_site(db):
    """The page tree, agencies and demo accounts exactly as ``make run`` builds them."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """``load_demo`` once for a whole test module, inside a transaction rolled back at its end."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase marks its own: code under test may open durable blocks.
        outer._from_testcase = True
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def shared_demo(_demo_for_module, db):
    """The demo site as ``demo_site`` builds it, loaded once per test module: each test runs in
    a savepoint inside that module's transaction and is rolled back, so tests still cannot see
    each other's changes. Only for modules in which EVERY database test uses it (a test that
    doesn't would still see the demo data once another test of the module has loaded it) and
    none is transactional."""


@pytest.fixture
def home_page(db):
    """The home page (built once per test database by ``django_db_setup``; built again here
    after a transactional test has flushed it)."""
    from pages.demo import load_pages

    return load_pages()


@pytest.fixture
def user_with_role(db):
    def make(role: Role = Role.LEARNER, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(home_page):
    from courses.factories import CourseIndexPageFactory

    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def module(catalogue):
    from courses.factories import module_with_lessons

    return module_with_lessons(catalogue, count=3, title="Identifying domestic abuse")
