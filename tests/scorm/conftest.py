from pathlib import Path

import pytest

PACKAGES = Path(__file__).parent / "packages"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Unpacked packages go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def package_zip():
    """The zip of one of the test packages in tests/scorm/packages/<name>/ (made at test time),
    with any ``extra`` members added."""
    from scorm.factories import zip_folder

    def make(name: str, extra: dict[str, bytes] | None = None) -> bytes:
        return zip_folder(PACKAGES / name, extra)

    return make


@pytest.fixture
def scorm_lesson(module, package_zip):
    """Returns a function: a published SCORM lesson at the end of ``module`` playing package
    ``name``."""
    from scorm.factories import ScormLessonPageFactory, make_package

    def make(name: str = "scorm12_quiz", parent=None):
        package = make_package(package_zip(name), title=name)
        return ScormLessonPageFactory(parent=parent or module, package=package)

    return make
