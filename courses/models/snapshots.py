"""The Board's figures for a closed quarter, stored once at the quarter's end.

A snapshot is a record of what the figures were when the quarter closed: it is written once
(one per quarter, enforced by the database) and never updated. If records for the quarter
are corrected later, the Board report shows the stored figures with a restatement note
(``courses.selectors.snapshots``), never silently different numbers.
"""

from django.db import models
from django.db.models import Q


class CoverageSnapshot(models.Model):
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(help_text="1 to 4 (calendar quarters).")
    period_start = models.DateTimeField(help_text="The quarter's first moment (Europe/London).")
    period_end = models.DateTimeField(
        help_text="The next quarter's first moment: the quarter ends just before it."
    )
    taken_at = models.DateTimeField()
    figures = models.JSONField(
        help_text="Headline, per sector and per agency and module figures, as defined by "
        "definitions_version."
    )
    definitions_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = "quarterly coverage snapshot"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"], name="courses_snapshot_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="courses_snapshot_quarter_1_4"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="courses_snapshot_period_order",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.quarter}"

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.quarter}"
