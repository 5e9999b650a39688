import factory
from allauth.account.models import EmailAddress

from .models import JobRole, User
from .roles import Role
from .services import add_role

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - tests only


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified email address who can sign in with ``TEST_PASSWORD``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    job_role = JobRole.FRONTLINE
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            add_role(self, extracted or Role.LEARNER)
