import io

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from accounts.roles import Role


@pytest.fixture
def demo_site(db):
    """The page tree, agencies and demo accounts exactly as ``make run`` builds them."""
    call_command("load_demo", stdout=io.StringIO())


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
