"""The "Lesson documents" collection, for signed-in users only.

Editors file lesson handouts here; Wagtail's document view then sends anyone who is not
signed in to the sign-in page (a collection view restriction of type "login"). Documents
chosen in a lesson are locked wherever they are filed (courses.blocks), this collection
covers handouts before a lesson uses them.
"""

from django.db import migrations

NAME = "Lesson documents"
STEP = 4  # treebeard's path step for Wagtail's collections


def _child_path(root, siblings) -> str:
    last = max((int(path[-STEP:], 36) for path in siblings), default=0)
    number, digits = last + 1, ""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    while number:
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return root.path + digits.rjust(STEP, "0")


def create_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    collection = children.filter(name=NAME).first()
    if collection is None:
        collection = Collection.objects.create(
            name=NAME,
            path=_child_path(root, children.values_list("path", flat=True)),
            depth=2,
            numchild=0,
        )
        root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
        root.save(update_fields=["numchild"])
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="login", password=""
        )


def remove_collection(apps, schema_editor):
    """Leave the collection: it may hold documents by now. Nothing to undo safely."""


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_get_help_block"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_collection, remove_collection)]
