from django.db import migrations, models


class Migration(migrations.Migration):
    """A covering index for the coverage dashboard (courses.selectors.coverage.Dashboard):
    each person's certificates with every column the dashboard reads, person first, so
    counting 100,000 people reads the index only, never the wide certificate rows."""

    dependencies = [
        ("certificates", "0005_one_certificate_in_force"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(
                fields=["user", "revoked_at", "superseded_by", "module", "expires_at", "issued_at"],
                name="certificate_coverage_idx",
            ),
        ),
    ]
