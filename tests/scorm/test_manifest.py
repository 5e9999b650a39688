"""Checking an uploaded package: every problem an editor can make gets its own message."""

import io
import zipfile

import pytest

from scorm.manifest import Limits, PackageRejected, inspect_package


def manifest(
    *,
    schemaversion="1.2",
    scormtype="sco",
    href="index.html",
    identifierref="sco1",
    attribute=None,
) -> str:
    ns = (
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'
    )
    attribute = attribute or ("adlcp:scormtype" if schemaversion == "1.2" else "adlcp:scormType")
    href_attr = f' href="{href}"' if href is not None else ""
    return f"""<?xml version="1.0"?>
<manifest identifier="m1" {ns}>
  <metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>T</title>
    <item identifier="i1" identifierref="{identifierref}"><title>One</title></item>
  </organization></organizations>
  <resources><resource identifier="sco1" type="webcontent" {attribute}="{scormtype}"{href_attr}/>
  </resources>
</manifest>"""


def make_zip(members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def problems(raw: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(PackageRejected) as rejected:
        inspect_package(raw, limits or Limits())
    return " ".join(rejected.value.problems)


# --- The two good packages --------------------------------------------------------------


def test_the_scorm_12_test_package_is_accepted(package_zip):
    info = inspect_package(package_zip("scorm12_quiz"))
    assert info.version == "1.2"
    assert info.launch_href == "index.html"
    assert info.identifier == "safecity.test.scorm12"
    assert info.files == ["imsmanifest.xml", "index.html", "quiz.css", "quiz.js"]


def test_the_scorm_2004_test_package_is_accepted(package_zip):
    info = inspect_package(package_zip("scorm2004_quiz"))
    assert info.version == "2004"
    assert info.launch_href == "content/index.html"
    assert "content/quiz.js" in info.files


@pytest.mark.parametrize(
    ("schemaversion", "version"),
    [
        ("1.2", "1.2"),
        ("CAM 1.3", "2004"),
        ("2004 3rd Edition", "2004"),
        ("2004 4th Edition", "2004"),
    ],
)
def test_each_supported_schema_version_is_recognised(schemaversion, version):
    raw = make_zip({"imsmanifest.xml": manifest(schemaversion=schemaversion), "index.html": "x"})
    assert inspect_package(raw).version == version


def test_a_launch_query_string_is_kept_and_the_file_found_without_it():
    raw = make_zip({"imsmanifest.xml": manifest(href="index.html?page=1"), "index.html": "x"})
    assert inspect_package(raw).launch_href == "index.html?page=1"


# --- One malformed package per problem ----------------------------------------------------


def test_not_a_zip():
    assert "The file is not a zip file" in problems(b"%PDF-1.7 not a zip at all")


def test_no_manifest_at_the_root():
    assert "no imsmanifest.xml at its top level" in problems(make_zip({"index.html": "x"}))


def test_a_manifest_inside_a_folder_is_pointed_out():
    raw = make_zip({"course/imsmanifest.xml": manifest(), "course/index.html": "x"})
    message = problems(raw)
    assert "no imsmanifest.xml at its top level" in message
    assert "course/imsmanifest.xml" in message


def test_manifest_not_well_formed():
    raw = make_zip({"imsmanifest.xml": "<manifest><organizations></manifest>", "index.html": "x"})
    assert "not well-formed XML" in problems(raw)


def test_a_manifest_with_entities_is_refused_not_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest>&b;</manifest>'
    )
    assert "not well-formed XML" in problems(make_zip({"imsmanifest.xml": bomb}))


@pytest.mark.parametrize("schemaversion", ["1.1", "CAM 1.2", "2004 5th Edition"])
def test_unsupported_schema_version(schemaversion):
    raw = make_zip({"imsmanifest.xml": manifest(schemaversion=schemaversion), "index.html": "x"})
    message = problems(raw)
    assert "SCORM version is not supported" in message
    assert schemaversion in message


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scormtype": "asset"},  # a resource, but not a SCO
        {"href": None},  # a SCO with nothing to open
        {"identifierref": "missing"},  # the item points at no resource
    ],
)
def test_no_launchable_resource(kwargs):
    raw = make_zip({"imsmanifest.xml": manifest(**kwargs), "index.html": "x"})
    assert "nothing to launch" in problems(raw)


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("../outside.js", "goes up a folder"),
        ("content/../../outside.js", "goes up a folder"),
        ("/etc/passwd", "is absolute"),
        ("content\\file.js", "backslash"),
        ("C:/Windows/file.js", "drive letter"),
    ],
)
def test_a_member_path_escaping_the_package(member, reason):
    raw = make_zip({"imsmanifest.xml": manifest(), "index.html": "x", member: "x"})
    message = problems(raw)
    assert member in message
    assert reason in message


@pytest.mark.parametrize(
    ("href", "reason"),
    [("../index.html", "goes up a folder"), ("/index.html", "is absolute")],
)
def test_a_launch_href_escaping_the_package(href, reason):
    raw = make_zip({"imsmanifest.xml": manifest(href=href), "index.html": "x"})
    message = problems(raw)
    assert href in message
    assert reason in message


def test_a_launch_href_on_another_site():
    raw = make_zip({"imsmanifest.xml": manifest(href="https://example.com/course.html")})
    assert "points outside the package" in problems(raw)


def test_href_naming_a_file_not_in_the_zip():
    raw = make_zip({"imsmanifest.xml": manifest(href="start.html"), "index.html": "x"})
    assert "“start.html” named in imsmanifest.xml is not in the zip" in problems(raw)


# --- Too big: each limit, refused just over it and accepted at it -------------------------


def good_members(count: int) -> dict:
    members = {"imsmanifest.xml": manifest(), "index.html": "x"}
    for number in range(count - len(members)):
        members[f"asset-{number}.txt"] = "x"
    return members


def test_member_count_at_the_limit_is_accepted_and_one_more_refused():
    limits = Limits(max_members=5)
    assert inspect_package(make_zip(good_members(5)), limits).files
    assert "too many files (6)" in problems(make_zip(good_members(6)), limits)


def test_uncompressed_total_at_the_limit_is_accepted_and_one_byte_more_refused():
    members = {"imsmanifest.xml": manifest(), "index.html": "x"}
    size = sum(len(v.encode()) for v in members.values())
    limits = Limits(max_total_bytes=size + 100)
    assert inspect_package(make_zip({**members, "pad.txt": "x" * 100}), limits)
    assert "too big once unzipped" in problems(make_zip({**members, "pad.txt": "x" * 101}), limits)


def test_the_zip_file_itself_over_the_limit():
    raw = make_zip(good_members(2))
    assert inspect_package(raw, Limits(max_zip_bytes=len(raw)))
    assert "The file is too big" in problems(raw, Limits(max_zip_bytes=len(raw) - 1))


def test_a_zip_bomb_member_is_refused():
    bomb = make_zip({**good_members(2), "bomb.bin": b"\0" * (2 * 1024 * 1024)})
    message = problems(bomb)
    assert "bomb.bin" in message
    assert "zip bomb" in message


def test_a_member_compressed_within_the_ratio_is_accepted():
    # Stored (not compressed): ratio 1, far below the limit, and over the size checked from.
    raw = make_zip({**good_members(2), "video.bin": b"\0" * (1024 * 1024)}, zipfile.ZIP_STORED)
    assert "video.bin" in inspect_package(raw).files


def test_every_problem_is_listed_at_once():
    raw = make_zip({"imsmanifest.xml": manifest(), "../a.js": "x", "/b.js": "x"})
    with pytest.raises(PackageRejected) as rejected:
        inspect_package(raw)
    assert len(rejected.value.problems) == 2
