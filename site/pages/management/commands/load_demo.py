"""Build the demo site. Safe to run any number of times: it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import load_demo_users
from courses.demo import load_catalogue, load_demo_learners, load_quizzes, load_requirements
from events.demo import load_training_sessions
from glossary.demo import load_glossary
from network.demo import load_agencies, load_safe_places
from pages.demo import load_pages, load_services
from pages.indexing import indexing_deferred


class Command(BaseCommand):
    help = (
        "Create the demo pages, modules, partner agencies and (outside production) accounts "
        "and Safe Places venues."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # Search and reference indexes are updated once per object at the end.
        with indexing_deferred():
            services = load_services()
            home = load_pages(services)
            catalogue = load_catalogue(home, services)
            load_glossary(home)
            quizzes = load_quizzes()
            agencies = load_agencies()
            users = load_demo_users(agencies)
            load_requirements()
            learners = load_demo_learners(agencies)
            load_training_sessions()
            venues = load_safe_places(home, catalogue, services)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: home page '{home.title}', "
                f"{catalogue.get_children().live().count()} modules, {len(quizzes)} quizzes, "
                f"{len(agencies)} agencies, "
                f"{len(users)} demo accounts, {learners} new demo learners, "
                f"{len(venues)} demo Safe Places venues."
            )
        )
