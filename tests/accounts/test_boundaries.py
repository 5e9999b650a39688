"""Who counts for an agency, at the boundaries (issue 19): active / deactivated / erased,
verified / not, confirmed / not; today's figures and figures about the past.

Each test was checked by putting the fault back into the code by hand and watching it fail.
"""

import pytest
from allauth.account.models import EmailAddress

from accounts.privacy import erase_user, is_erased
from accounts.roles import Role
from accounts.selectors import counted_members, counted_q
from certificates.models import Certificate
from network.factories import AgencyFactory, certify

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(user_with_role, module):
    agency = AgencyFactory(name="Police", sector="police")
    made = {
        name: user_with_role(full_name=name.title(), agency=agency)
        for name in ("active", "deactivated", "erased", "unverified", "unconfirmed", "elsewhere")
    }
    for person in made.values():
        certify(person, module)
    made["deactivated"].is_active = False
    made["deactivated"].save(update_fields=["is_active"])
    EmailAddress.objects.filter(user=made["unverified"]).update(verified=False)
    made["unconfirmed"].agency_confirmed_at = None
    made["unconfirmed"].save(update_fields=["agency_confirmed_at"])
    made["elsewhere"].agency = None
    made["elsewhere"].save(update_fields=["agency"])
    erase_user(made["erased"], by=user_with_role(Role.TRAINING_COORDINATOR))
    made["erased"].refresh_from_db()
    return made


def names(users, people) -> set[str]:
    ids = {user.pk for user in users}
    return {name for name, person in people.items() if person.pk in ids}


def test_today_only_active_verified_confirmed_members_count(people):
    assert is_erased(people["erased"])
    assert names(counted_members(), people) == {"active"}
    holders = Certificate.objects.filter(counted_q("user")).values_list("user", flat=True)
    assert {name for name, p in people.items() if p.pk in set(holders)} == {"active"}


def test_figures_about_the_past_keep_deactivated_and_erased_people(people):
    expected = {"active", "deactivated", "erased"}
    assert names(counted_members(past=True), people) == expected
    holders = set(
        Certificate.objects.filter(counted_q("user", past=True)).values_list("user", flat=True)
    )
    assert {name for name, p in people.items() if p.pk in holders} == expected
