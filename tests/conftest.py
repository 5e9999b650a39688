import io

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from accounts.roles import Role


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
