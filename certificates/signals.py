import logging

from django.dispatch import receiver

from courses.signals import module_completed

from .services import issue_certificate

logger = logging.getLogger("safecity.certificates")


@receiver(module_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    """Issue at once. If that fails, the completion is already saved and the daily run
    (``issue_missing_certificates``) issues the certificate; the learner sees no error."""
    try:
        issue_certificate(enrolment)
    except Exception:
        logger.exception("Certificate for enrolment %s not issued yet; will retry", enrolment.pk)
