"""Fixtures shared by the course tests."""

import pytest
from django.utils import timezone

from accounts.models import JobRole
from certificates.services import issue_certificate
from courses.factories import module_with_lessons
from courses.models import Enrolment, TrainingRequirement
from network.factories import AgencyFactory


@pytest.fixture
def nudge_partnership(user_with_role, catalogue):
    """A police force whose frontline staff must hold a module: one holds it, two do not, a
    manager is not required to; and a health trust's nurse (tests/courses/test_nudges*.py)."""
    police = AgencyFactory(name="Northshire Constabulary", sector="police", headcount=10)
    health = AgencyFactory(name="Hillside Trust", sector="health", headcount=5)
    module = module_with_lessons(catalogue, count=1, title="Identifying domestic abuse")
    TrainingRequirement.objects.create(module=module, sector="police", job_role=JobRole.FRONTLINE)
    people = {
        name: user_with_role(full_name=name, agency=police)
        for name in ("Holder", "Missing One", "Missing Two")
    }
    # Not required: a manager, where the requirement is for frontline staff only.
    people["Manager"] = user_with_role(full_name="Manager", agency=police, job_role=JobRole.MANAGER)
    enrolment = Enrolment.objects.create(
        user=people["Holder"], module=module, completed_at=timezone.now()
    )
    issue_certificate(enrolment)
    nurse = user_with_role(full_name="Nurse", agency=health)
    return {"police": police, "health": health, "module": module, "nurse": nurse, **people}
