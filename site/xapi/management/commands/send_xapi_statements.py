from django.core.management.base import BaseCommand

from xapi import conf, services


class Command(BaseCommand):
    help = (
        "Send due xAPI statements to the Learning Record Store now, in this process (run "
        "every 5 minutes from cron): retries failed sends whose wait is over and records "
        "graded quiz attempts. Does nothing when XAPI_LRS_ENDPOINT is not set."
    )

    def handle(self, *args, **options):
        if not conf.enabled():
            self.stdout.write("No LRS configured (XAPI_LRS_ENDPOINT): nothing to send.")
            return
        counts = services.send_due()
        self.stdout.write(
            f"Sent {counts['sent']}, failed {counts['failed']}, "
            f"{counts['waiting']} waiting to be sent."
        )
