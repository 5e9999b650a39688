from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from wagtail.snippets.models import create_extra_permissions

from .roles import sync_role_permissions


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
