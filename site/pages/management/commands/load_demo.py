"""Build the demo site. Safe to run any number of times: it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import load_demo_users
from network.demo import load_agencies
from pages.demo import load_pages


class Command(BaseCommand):
    help = "Create the demo page tree, partner agencies and (outside production) demo accounts."

    @transaction.atomic
    def handle(self, *args, **options):
        home = load_pages()
        agencies = load_agencies()
        users = load_demo_users(agencies)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: home page '{home.title}', {len(agencies)} agencies, "
                f"{len(users)} demo accounts."
            )
        )
