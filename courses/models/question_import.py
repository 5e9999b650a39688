"""A question bank file on its way in: uploaded, read in the background, previewed, imported.

The raw file is kept in the database (``data``), never under a public URL, and only until it
has been imported or refused; afterwards the row keeps the counts, the errors and the ids of
the questions it created. Who may see an import: its uploader, and people with the
``courses.view_questionimport`` permission (administrators); see
``courses.services.question_bank.can_see_import``.
"""

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    PARSING = "parsing", "Reading the file"
    READY = "ready", "Ready for you to check"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Not imported"


RUNNING = (ImportStatus.QUEUED, ImportStatus.PARSING, ImportStatus.IMPORTING)


class QuestionImport(models.Model):
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    # The file as uploaded (up to MAX_IMPORT_BYTES); emptied once imported or refused.
    data = models.BinaryField(default=b"", editable=False)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_at = models.DateTimeField(null=True, blank=True)
    question_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    # [{"line": int, "message": str, "question": str}, …] in file order.
    errors = models.JSONField(default=list, blank=True)
    # What the learner would see of each question (courses.services.quizzes snapshots) with
    # its line, category, tags and item-writing warnings: the preview. Emptied on import.
    preview = models.JSONField(null=True, blank=True, editable=False)
    question_ids = models.JSONField(default=list, blank=True)
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "question import"

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in RUNNING

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


# The only types a file of an import is shown as, inline: pictures a browser draws and cannot
# run. The type is sniffed from the bytes when the file is stored, never taken from its name;
# anything else (SVG and HTML included) is served as a download.
INLINE_CONTENT_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


class QuestionImportFile(models.Model):
    """A file embedded in an uploaded Moodle XML file (``<file name=… encoding="base64">``),
    stored when the upload is read so the preview can show it; once per import for the same
    bytes. It goes with the preview: when the import is done, fails or expires, and with the
    import's row (CASCADE)."""

    question_import = models.ForeignKey(
        QuestionImport, on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField(editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question_import", "sha256"], name="courses_import_file_once"
            )
        ]
        verbose_name = "question import file"

    def __str__(self):
        return self.name

    @property
    def shown_inline(self) -> bool:
        return self.content_type in INLINE_CONTENT_TYPES
