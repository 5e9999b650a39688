"""Checking an uploaded SCORM package (a zip with ``imsmanifest.xml`` at its root).

:func:`inspect_package` reads the zip without extracting anything and either returns what
the app needs to play the package (:class:`PackageInfo`) or raises :class:`PackageRejected`
with every problem found, each a plain-English sentence an editor can act on.

What is refused, and why:

- not a zip, an encrypted member, a symbolic link;
- no ``imsmanifest.xml`` at the root, or a manifest that is not well-formed XML (parsed with
  defusedxml: no entity expansion, no external entities);
- a schema version other than SCORM 1.2 or SCORM 2004 (2nd, 3rd or 4th edition);
- no launchable resource: no organisation item pointing at a resource whose
  ``adlcp:scormtype`` (1.2) / ``adlcp:scormType`` (2004) is ``sco`` and that has an href;
- a path (zip member or href) that is absolute, has a drive letter or a backslash, or a
  ``..`` part: it could escape the package's own folder when stored or served;
- an href naming a file that is not in the zip;
- too big: the zip file itself, the total uncompressed size, the number of members, or a
  member that expands more than :attr:`Limits.max_ratio` times (a zip bomb).
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

MANIFEST = "imsmanifest.xml"
VERSION_12 = "1.2"
VERSION_2004 = "2004"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SCHEMA_VERSIONS = {
    "1.2": VERSION_12,
    "2004 2nd edition": VERSION_2004,
    "cam 1.3": VERSION_2004,
    "2004 3rd edition": VERSION_2004,
    "2004 4th edition": VERSION_2004,
}
_DRIVE = re.compile(r"^[a-zA-Z]:")
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_zip_bytes: int = 200 * MB
    max_total_bytes: int = 500 * MB
    max_members: int = 5000
    # A member may expand at most this many times (ordinary HTML, JS and media compress
    # far less; a zip bomb expands thousands of times). Small members are not checked:
    # a few kilobytes of repeated text legitimately compress very well.
    max_ratio: int = 100
    ratio_checked_from: int = 1 * MB


DEFAULT_LIMITS = Limits()


@dataclass
class PackageInfo:
    version: str
    identifier: str
    title: str
    launch_href: str
    files: list[str] = field(default_factory=list)
    total_bytes: int = 0


class PackageRejected(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def unsafe_path_reason(path: str) -> str | None:
    """Why ``path`` could leave the package's folder, or None when it is a safe relative path."""
    if "\\" in path:
        return "uses a backslash"
    if _DRIVE.match(path):
        return "starts with a drive letter"
    if path.startswith("/"):
        return "is absolute"
    if ".." in path.split("/"):
        return "goes up a folder with '..'"
    if "\x00" in path:
        return "contains a NUL character"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _find_text(root, *names: str) -> str:
    element = root
    for name in names:
        found = _children(element, name)
        if not found:
            return ""
        element = found[0]
    return (element.text or "").strip()


def _detect_version(root) -> str | None:
    schema_version = _find_text(root, "metadata", "schemaversion").lower()
    if schema_version:
        return SCHEMA_VERSIONS.get(schema_version)
    namespaces = {value for element in root.iter() for value in _namespaces_of(element)}
    if ADLCP_2004 in namespaces:
        return VERSION_2004
    if ADLCP_12 in namespaces:
        return VERSION_12
    return None


def _namespaces_of(element) -> list[str]:
    names = [element.tag, *element.attrib]
    return [name[1:].split("}", 1)[0] for name in names if name.startswith("{")]


def _scorm_type(resource) -> str:
    for name, value in resource.attrib.items():
        if _local(name).lower() == "scormtype":
            return value.strip().lower()
    return ""


def _items(element):
    for item in _children(element, "item"):
        yield item
        yield from _items(item)


def _launch(root, problems: list[str]) -> str | None:
    """The href of the first item (in the default organisation) whose resource is a SCO."""
    resources_element = (_children(root, "resources") or [None])[0]
    if resources_element is None:
        return None
    base = resources_element.get(XML_BASE, "")
    resources = {r.get("identifier"): r for r in _children(resources_element, "resource")}
    organizations = (_children(root, "organizations") or [None])[0]
    orgs = _children(organizations, "organization") if organizations is not None else []
    default = organizations.get("default") if organizations is not None else None
    orgs.sort(key=lambda org: org.get("identifier") != default)
    for org in orgs:
        for item in _items(org):
            resource = resources.get(item.get("identifierref"))
            if resource is None or _scorm_type(resource) != "sco" or not resource.get("href"):
                continue
            href = resource.get("href").strip()
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                problems.append(
                    f"The launch address “{href}” points outside the package. A package must "
                    "contain its own content."
                )
                return None
            path = base + resource.get(XML_BASE, "") + href
            return path
    return None


def inspect_package(
    data: bytes | io.BufferedIOBase, limits: Limits = DEFAULT_LIMITS
) -> PackageInfo:
    """Check an uploaded package; raise :class:`PackageRejected` listing every problem."""
    raw = data if isinstance(data, bytes) else data.read()
    if len(raw) > limits.max_zip_bytes:
        raise PackageRejected(
            [
                f"The file is too big ({len(raw) // MB} MB). A package can be at most "
                f"{limits.max_zip_bytes // MB} MB."
            ]
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        raise PackageRejected(
            ["The file is not a zip file. Upload the SCORM package exactly as exported (a .zip)."]
        ) from None

    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        problems: list[str] = []
        if len(members) > limits.max_members:
            problems.append(
                f"The package has too many files ({len(members)}). A package can have at most "
                f"{limits.max_members}."
            )
        total = sum(info.file_size for info in members)
        if total > limits.max_total_bytes:
            problems.append(
                f"The package is too big once unzipped ({total // MB} MB). It can be at most "
                f"{limits.max_total_bytes // MB} MB."
            )
        for info in members:
            reason = unsafe_path_reason(info.filename)
            if reason:
                problems.append(
                    f"The file “{info.filename}” in the zip {reason}. Every file must sit inside "
                    "the package folder."
                )
            if info.flag_bits & 0x1:
                problems.append(f"The file “{info.filename}” is encrypted. Remove the password.")
            if stat.S_ISLNK(info.external_attr >> 16):
                problems.append(f"The file “{info.filename}” is a link. Links are not allowed.")
            if (
                info.file_size >= limits.ratio_checked_from
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)
            ):
                problems.append(
                    f"The file “{info.filename}” expands too much when unzipped (more than "
                    f"{limits.max_ratio} times). The package looks unsafe (a zip bomb)."
                )
        if problems:
            raise PackageRejected(problems)

        names = {info.filename for info in members}
        if MANIFEST not in names:
            nested = [name for name in names if name.rsplit("/", 1)[-1] == MANIFEST]
            hint = (
                f" It was found at “{nested[0]}”: zip the contents of that folder, not the "
                "folder itself."
                if nested
                else ""
            )
            raise PackageRejected([f"The zip has no imsmanifest.xml at its top level.{hint}"])
        try:
            root = ElementTree.fromstring(archive.read(MANIFEST))
        except (ElementTree.ParseError, DefusedXmlException) as error:
            raise PackageRejected(
                [f"The imsmanifest.xml is not well-formed XML ({error}). Export the package again."]
            ) from None
        if _local(root.tag) != "manifest":
            raise PackageRejected(["The imsmanifest.xml does not start with a <manifest> element."])

        version = _detect_version(root)
        if version is None:
            found = _find_text(root, "metadata", "schemaversion") or "none given"
            raise PackageRejected(
                [
                    f"The package's SCORM version is not supported (schema version: {found}). "
                    "Export it as SCORM 1.2 or SCORM 2004."
                ]
            )
        launch = _launch(root, problems)
        if problems:
            raise PackageRejected(problems)
        if launch is None:
            raise PackageRejected(
                [
                    "The package has nothing to launch: no item in its organisation points at a "
                    "resource of SCORM type “sco” with an href."
                ]
            )
        launch_path = unquote(urlsplit(launch).path)
        reason = unsafe_path_reason(launch_path)
        if reason:
            raise PackageRejected(
                [f"The launch address “{launch}” {reason}. It must point inside the package."]
            )
        launch_path = posixpath.normpath(launch_path)
        if launch_path not in names:
            raise PackageRejected(
                [f"The launch file “{launch_path}” named in imsmanifest.xml is not in the zip."]
            )
        org_title = ""
        organizations = _children(root, "organizations")
        if organizations:
            for org in _children(organizations[0], "organization"):
                org_title = _find_text(org, "title")
                if org_title:
                    break
        return PackageInfo(
            version=version,
            identifier=root.get("identifier", "")[:255],
            title=org_title[:255],
            launch_href=launch_path + (f"?{query}" if (query := urlsplit(launch).query) else ""),
            files=sorted(names),
            total_bytes=total,
        )
