"""Create the service's roles as groups.

Wagtail's default "Editors" and "Moderators" groups (with their page, image and document
permissions and the "Moderators approval" workflow) become our Editor and Moderator roles;
the other roles start empty. Model permissions are then kept in line with accounts/roles.py
after every migrate (see accounts.signals).
"""

from django.db import migrations

NEW_ROLES = ["Learner", "Agency lead", "Training coordinator", "Safe Places officer"]
RENAMES = {"Editors": "Editor", "Moderators": "Moderator"}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
        else:
            Group.objects.get_or_create(name=new)
    Task.objects.filter(name="Moderators approval").update(name="Moderator approval")
    Workflow.objects.filter(name="Moderators approval").update(name="Moderator approval")
    for name in NEW_ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=NEW_ROLES).delete()
    for old, new in RENAMES.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
