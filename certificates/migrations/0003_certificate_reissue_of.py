import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A reissued copy points at the certificate it copies (the same completion)."""

    dependencies = [
        ("certificates", "0002_moderated_template"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="reissue_of",
            field=models.ForeignKey(
                blank=True,
                help_text="The certificate this is a copy of (the same completion, a newer name).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reissues",
                to="certificates.certificate",
            ),
        ),
    ]
