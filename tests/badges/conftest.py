import pytest

from network.factories import AgencyFactory
from tests.certificates.conftest import complete_module  # noqa: F401  (a fixture)


@pytest.fixture
def holder(user_with_role):
    return user_with_role(
        full_name="Aoife Ní Bhriain", email="Aoife@Example.org", agency=AgencyFactory(name="Solent")
    )


@pytest.fixture
def certificate(holder, module, complete_module):  # noqa: F811
    return complete_module(holder, module).certificate
