import time

from allauth.account.signals import email_confirmed
from allauth.mfa.signals import authenticator_added
from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.snippets.models import create_extra_permissions

from . import audit
from .models import User
from .roles import sync_role_permissions
from .security import LAST_SEEN, SIGNED_IN_AT, end_sessions_of, record_activation_as_code_step


@receiver(post_migrate, dispatch_uid="accounts.sync_role_permissions")
def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    """After every migrate, make each role's permissions match ``roles.py``."""
    if app_config is None or app_config.label != "accounts":
        return
    # Permissions are normally created app by app; make sure all exist before syncing.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    # Wagtail adds "publish" (and lock) permissions for draftable snippets the same way.
    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"), using=using)
    sync_role_permissions(Group, Permission)


@receiver(user_logged_in, dispatch_uid="accounts.start_session_clock")
def start_session_clock(sender, request, user, **kwargs):
    """The 8-hour lifetime and the idle timer both start at sign-in."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


# Setting up the authenticator app counts as this session's code step (accounts.security).
authenticator_added.connect(
    record_activation_as_code_step, dispatch_uid="accounts.activation_is_a_code_step"
)


@receiver(pre_save, sender=User, dispatch_uid="accounts.note_deactivation")
def note_deactivation(sender, instance, **kwargs):
    if instance.pk and not instance.is_active:
        instance._was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()


@receiver(post_save, sender=User, dispatch_uid="accounts.end_sessions_on_deactivation")
def end_sessions_on_deactivation(sender, instance, **kwargs):
    """Deactivating an account signs it out everywhere, at once."""
    if getattr(instance, "_was_active", False):
        end_sessions_of(instance)
        instance._was_active = False


@receiver(email_confirmed, dispatch_uid="accounts.confirm_agency_by_domain")
def confirm_agency_on_verification(sender, request=None, email_address=None, **kwargs):
    """A verified work email at a domain registered to the person's agency confirms it."""
    from .services import confirm_agency_by_domain

    user = getattr(email_address, "user", None)
    if user is not None and email_address.email == user.email:
        confirm_agency_by_domain(user)


# Sign-ins, failed sign-ins, role changes and deactivations go to the audit log.
audit.connect()
