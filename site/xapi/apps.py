from django.apps import AppConfig


class XapiConfig(AppConfig):
    """xAPI statements about learning, sent to a Learning Record Store in the background."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "xapi"
    verbose_name = "xAPI statements"

    def ready(self):
        from django.db.models.signals import post_save

        from courses.signals import attempt_graded, module_completed

        from . import signals

        post_save.connect(
            signals.enrolment_saved, sender="courses.Enrolment", dispatch_uid="xapi_launched"
        )
        post_save.connect(
            signals.lesson_completed,
            sender="courses.LessonCompletion",
            dispatch_uid="xapi_progressed",
        )
        post_save.connect(
            signals.booking_saved, sender="events.Booking", dispatch_uid="xapi_attended"
        )
        module_completed.connect(signals.module_completed, dispatch_uid="xapi_completed")
        attempt_graded.connect(signals.attempt_graded, dispatch_uid="xapi_graded")
