"""What moves which version: every save, deletion and many-to-many change in the project.

* A record that belongs to one person (``LEARNER_RECORDS``: model label -> how to find the
  person) moves that person's learner version.
* A record on ``IGNORED`` moves nothing: no learner page shows it (the audit log, sessions,
  outgoing xAPI statements, task results, drafts and their log...).
* Anything else moves the content version, so a kind of record added later is safe until
  someone decides otherwise.

Writes that send no signal (``QuerySet.update``, ``bulk_create``) call ``bump_learner`` or
``bump_content`` themselves where they change what a learner page shows.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .versions import bump_content, bump_learner


def _user_id(instance):
    return instance.user_id


def _self(instance):
    return instance.pk


def _completion_user(instance):
    from courses.models import Enrolment

    field = type(instance)._meta.get_field("enrolment")
    if field.is_cached(instance):
        return instance.enrolment.user_id
    enrolments = Enrolment.objects.filter(pk=instance.enrolment_id)
    return enrolments.values_list("user_id", flat=True).first()


LEARNER_RECORDS = {
    "accounts.user": _self,
    "accounts.learner": _self,
    "courses.enrolment": _user_id,
    "courses.lessoncompletion": _completion_user,
    "courses.reflectionnote": _user_id,
    "courses.attempt": _user_id,
    "courses.confidenceresponse": _user_id,
    "courses.requiredtrainingreminder": _user_id,
    "certificates.certificate": _user_id,
    "scorm.scormregistration": _user_id,
    "network.venuemembership": _user_id,
    "account.emailaddress": _user_id,
    "mfa.authenticator": _user_id,
}

# A booking is the person's own and also changes the places left that others see.
BOTH = {"events.booking": _user_id}

IGNORED = frozenset(
    {
        "accounts.auditevent",
        "sessions.session",
        "usersessions.usersession",
        "account.emailconfirmation",
        "xapi.statement",
        "xapi.learnerpseudonym",
        "django_tasks_database.dbtaskresult",
        "dataapi.apitoken",
        "courses.questionimport",
        "courses.questionimportfile",
        "courses.coveragesnapshot",
        "certificates.certificatecounter",
        "badges.statusentry",
        "pages.contactmessage",
        "network.venuechange",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailadmin.editingsession",
        "wagtailsearch.indexentry",
        "wagtailusers.userprofile",
        "wagtailimages.rendition",
    }
)


def _changed(sender, instance, raw=False, **kwargs) -> None:
    label = sender._meta.label_lower
    if label in IGNORED:
        return
    find = LEARNER_RECORDS.get(label)
    if find is not None:
        bump_learner(find(instance))
        return
    find = BOTH.get(label)
    if find is not None:
        bump_learner(find(instance))
    bump_content()


def _m2m_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    if isinstance(instance, user_model):  # someone's groups, permissions...
        bump_learner(instance.pk)
        return
    if issubclass(model, user_model) and pk_set:  # people added to or removed from something
        bump_learner(*pk_set)
    label = instance._meta.label_lower
    if label not in IGNORED and label not in LEARNER_RECORDS:
        bump_content()


def _page_moved(sender, instance, **kwargs) -> None:
    bump_content()


def connect() -> None:
    from wagtail.signals import post_page_move

    post_save.connect(_changed, dispatch_uid="pagecache.save")
    post_delete.connect(_changed, dispatch_uid="pagecache.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pagecache.m2m")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache.moved")
