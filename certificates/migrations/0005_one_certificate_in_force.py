from django.db import migrations, models


class Migration(migrations.Migration):
    """At most one certificate in force (not revoked, not replaced) per person and module.
    Certificates whose account was deleted (user NULL) never collide: NULLs are distinct."""

    dependencies = [
        ("certificates", "0004_settle_certificates_in_force"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("revoked_at__isnull", True), ("superseded_by__isnull", True)),
                fields=("user", "module"),
                name="certificates_one_in_force_per_person_and_module",
            ),
        ),
    ]
