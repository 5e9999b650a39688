"""Support services: opening hours per weekday, where the details come from, and staff support.

The free-text ``hours`` becomes ``hours_note`` (its words are kept, not parsed into days: an
editor enters the days from the source). Reversing copies the note back into ``hours``,
cut to that field's 150 characters.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

HOURS_MAX = 150


def hours_into_note(apps, schema_editor):
    SupportService = apps.get_model("pages", "SupportService")
    for service in SupportService.objects.exclude(hours=""):
        service.hours_note = service.hours.strip()
        service.save(update_fields=["hours_note"])


def note_into_hours(apps, schema_editor):
    SupportService = apps.get_model("pages", "SupportService")
    for service in SupportService.objects.exclude(hours_note=""):
        service.hours = service.hours_note[:HOURS_MAX]
        service.save(update_fields=["hours"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_contact_page_and_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="supportservice",
            name="hours_note",
            field=models.CharField(
                blank=True,
                help_text="Optional, short. For example: Answerphone outside these hours.",
                max_length=200,
                verbose_name="note about hours",
            ),
        ),
        migrations.RunPython(hours_into_note, note_into_hours),
        migrations.RemoveField(model_name="supportservice", name="hours"),
        migrations.AddField(
            model_name="supportservice",
            name="closed_on_bank_holidays",
            field=models.BooleanField(
                default=False,
                help_text="Closed on bank holidays in England, whatever the usual hours.",
            ),
        ),
        migrations.AddField(
            model_name="supportservice",
            name="source_url",
            field=models.URLField(
                default="",
                help_text="The address of the page where the details are published.",
                verbose_name="source address",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="supportservice",
            name="staff_support",
            field=models.BooleanField(
                default=False,
                help_text="Listed under “Support for you” at the end of every module.",
                verbose_name="offer to staff",
            ),
        ),
        migrations.AlterField(
            model_name="supportservice",
            name="who_for",
            field=models.CharField(
                help_text="For example: women experiencing domestic abuse, anyone aged 16 or over.",
                max_length=200,
                verbose_name="who it is for",
            ),
        ),
        migrations.AlterField(
            model_name="supportservice",
            name="source",
            field=models.CharField(
                help_text="The title of the page where the phone number and details are published.",
                max_length=300,
                verbose_name="source title",
            ),
        ),
        migrations.AlterField(
            model_name="supportservice",
            name="date_checked",
            field=models.DateField(
                help_text="When the details were last checked at the source.",
                verbose_name="last checked",
            ),
        ),
        migrations.CreateModel(
            name="ServiceHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ]
                    ),
                ),
                ("closed", models.BooleanField(default=False)),
                (
                    "all_day",
                    models.BooleanField(
                        default=False,
                        help_text="Open all day and all night: no times needed.",
                        verbose_name="open 24 hours",
                    ),
                ),
                ("opens", models.TimeField(blank=True, null=True)),
                ("closes", models.TimeField(blank=True, null=True)),
                (
                    "overnight",
                    models.BooleanField(
                        default=False, help_text="Closes after midnight, on the following day."
                    ),
                ),
                (
                    "service",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opening_hours",
                        to="pages.supportservice",
                    ),
                ),
            ],
            options={
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
                "ordering": ["weekday"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("service", "weekday"), name="pages_service_hours_one_per_day"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("all_day", False), ("closed", True)),
                            models.Q(
                                ("all_day", True),
                                ("closed", False),
                                ("closes__isnull", True),
                                ("opens__isnull", True),
                                ("overnight", False),
                            ),
                            models.Q(
                                ("all_day", False),
                                ("closes__isnull", False),
                                ("closes__lte", models.F("opens")),
                                ("opens__isnull", False),
                                ("overnight", True),
                            ),
                            models.Q(
                                ("all_day", False),
                                ("closes__gt", models.F("opens")),
                                ("closes__isnull", False),
                                ("opens__isnull", False),
                                ("overnight", False),
                            ),
                            _connector="OR",
                        ),
                        name="pages_service_hours_consistent",
                    ),
                ],
            },
        ),
    ]
