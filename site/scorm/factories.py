"""Test and demo helpers: a SCORM package from a folder, and a SCORM lesson playing it."""

import io
import zipfile
from pathlib import Path

import factory
import wagtail_factories

from courses.factories import lesson_body

from . import services
from .manifest import inspect_package
from .models import ScormLessonPage, ScormPackage


def zip_folder(folder: Path, extra: dict[str, bytes] | None = None) -> bytes:
    """The files under ``folder`` as a zip, with paths relative to it (plus ``extra``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_package(raw: bytes, title: str = "A SCORM package", by=None) -> ScormPackage:
    """Check, store and unpack ``raw`` as the admin's upload form does."""
    from django.core.files.base import ContentFile

    info = inspect_package(raw)
    package = ScormPackage(title=title)
    package.zip_file.save("package.zip", ContentFile(raw), save=False)
    return services.store_package(package, raw, info, by=by)


class ScormLessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ScormLessonPage

    title = factory.Sequence(lambda n: f"SCORM lesson {n}")
    slug = factory.Sequence(lambda n: f"scorm-lesson-{n}")
    body = factory.LazyFunction(lambda: lesson_body("Play the activity below."))
