from django.dispatch import receiver

from courses.signals import module_completed

from .services import issue_certificate


@receiver(module_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    issue_certificate(enrolment)
