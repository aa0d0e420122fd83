"""What pip makes of a requirement string: a named pin, an archive, a directory, a VCS URL.

:func:`classify` reads a requirement as pip's ``parse_req_from_line`` does: URLs, local
paths (directories and archive files), and PEP 508 requirements via
``packaging.requirements`` (imported only for what the fast paths for ``name==version``
and a bare ``name`` do not settle).
"""

from __future__ import annotations

import posixpath
import re

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Literal

    Kind = Literal["named", "archive", "directory", "vcs", "url", "invalid"]

#: The kinds whose one file can be hashed (a directory or a VCS checkout cannot).
HASHABLE = ("named", "archive", "url")
#: pip's ARCHIVE_EXTENSIONS.
ARCHIVE_EXTENSIONS = (
    ".zip",
    ".whl",
    ".tar.bz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tlz",
    ".tar.lz",
    ".tar.lzma",
    ".tar.gz",
    ".tgz",
    ".tar",
)
_VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+")
_VCS_SCHEMES = frozenset({"git", "hg", "svn", "bzr"})
_URL_SCHEMES = frozenset({"http", "https", "file", "ftp"})
_FRAGMENT_HASH = lazy(r"[#&]([A-Za-z0-9_]+)=([^&]*)")
_KNOWN_FRAGMENT_HASHES = frozenset(
    {"sha512", "sha384", "sha256", "sha224", "sha1", "md5", "blake2b"}
)
#: A name==version pin that packaging parses the same way (fast path for generated files).
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_SIMPLE_PIN = lazy(rf"({_NAME})(\[(?:{_NAME}(?:,{_NAME})*)?\])?==([0-9][0-9A-Za-z.!+_-]*)")
#: A bare name (with extras), as vendored requirements files often list them: packaging
#: reads it as the name without a specifier (an archive file name is pip's, not a name).
_BARE_NAME = lazy(rf"({_NAME})(?:\[(?:{_NAME}(?:,{_NAME})*)?\])?")


class Requirement(Record):
    """What pip makes of a requirement string."""

    kind: Kind
    text: str
    name: str | None = None  #: canonical project name, when known
    pinned: bool = False  #: exactly one ``==`` (no ``.*``) or ``===`` specifier
    specifier: str = ""
    marker: str = ""
    url: str = ""
    fragment_hashes: tuple[tuple[str, str], ...] = ()
    error: str | None = None


def _is_url(name: str) -> bool:
    if ":" not in name:
        return False
    scheme = name.split(":", 1)[0].lower()
    return scheme in _URL_SCHEMES or _is_vcs_scheme(scheme)


def _is_vcs_scheme(scheme: str) -> bool:
    return scheme in _VCS_SCHEMES or scheme.startswith(_VCS_PREFIXES)


def is_archive(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith(ARCHIVE_EXTENSIONS)


def _looks_like_path(name: str) -> bool:
    return "/" in name or name.startswith(".")


def _url_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:  # e.g. an unbalanced "[" in the host: keep what follows the host
        path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:(//[^/]*)?", "", url).split("?", 1)[0]
    return unquote(path)


def _fragment_hashes(url: str) -> tuple[tuple[str, str], ...]:
    if "#" not in url:
        return ()
    fragment = "#" + url.split("#", 1)[1]
    return tuple(
        (algorithm, digest)
        for algorithm, digest in _FRAGMENT_HASH.findall(fragment)
        if algorithm.lower() in _KNOWN_FRAGMENT_HASHES
    )


def _url_kind(url: str) -> Kind:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if _is_vcs_scheme(scheme):
        return "vcs"
    path = _url_path(url.split("#", 1)[0])
    if is_archive(path):
        return "archive"
    if scheme == "file" or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]+", scheme):
        return "directory"  # file: URLs and plain paths that are not archives
    return "url"


def classify(text: str) -> Requirement:
    """Classify a requirement the way pip's ``parse_req_from_line`` reads it."""
    text = text.strip()
    simple = _SIMPLE_PIN.fullmatch(text)
    if simple is not None and _valid_version(simple.group(3)):
        return Requirement("named", text, _canonical(simple.group(1)), True, "==" + simple.group(3))
    bare = _BARE_NAME.fullmatch(text)
    if bare is not None and not is_archive(text):
        return Requirement("named", text, _canonical(bare.group(1)))
    marker_sep = "; " if _is_url(text) else ";"
    name, marker = text, ""
    if marker_sep in text:
        name, marker = text.split(marker_sep, 1)
        marker = marker.strip()
    name = name.strip()
    if _is_url(name):
        kind = _url_kind(name)
        return Requirement(
            kind,
            text,
            _wheel_name(name),
            marker=marker,
            url=name,
            fragment_hashes=_fragment_hashes(name),
        )
    if not ("@" in name and not _looks_like_path(name.split("@", 1)[0])):
        base, _extras = _strip_extras(name)
        if is_archive(base):
            return Requirement("archive", text, _wheel_name(base), marker=marker, url=base)
        if _looks_like_path(name):
            return Requirement("directory", text, marker=marker, url=base)
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Parsed

    try:
        parsed = Parsed(name + (f"; {marker}" if marker else ""))
    except InvalidRequirement as error:
        return Requirement("invalid", text, error=str(error).splitlines()[0])
    canonical = _canonical(parsed.name)
    marker_text = str(parsed.marker) if parsed.marker is not None else ""
    if parsed.url:
        return Requirement(
            _url_kind(parsed.url),
            text,
            canonical,
            marker=marker_text,
            url=parsed.url,
            fragment_hashes=_fragment_hashes(parsed.url),
        )
    specs = list(parsed.specifier)
    pinned = len(specs) == 1 and (
        specs[0].operator == "==="
        or (specs[0].operator == "==" and not specs[0].version.endswith(".*"))
    )
    return Requirement("named", text, canonical, pinned, str(parsed.specifier), marker_text)


def _strip_extras(path: str) -> tuple[str, str | None]:
    match = re.match(r"^(.+)(\[[^\]]+\])$", path)
    if match:
        return match.group(1), match.group(2)
    return path, None


def _wheel_name(url: str) -> str | None:
    filename = posixpath.basename(_url_path(url.split("#", 1)[0]) if ":" in url else url)
    if filename.endswith(".whl") and "-" in filename:
        return _canonical(filename.split("-", 1)[0])
    return None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_VERSION: re.Pattern[str] | None = None
#: Versions in the normal form generators write (``1.2.3``, ``2.0rc1``, ``1.0.post1``,
#: ``1.0.dev2``, ``1.0+cpu``): a subset of PEP 440, so a match is valid without importing
#: packaging; anything else is judged by packaging's own pattern.
_COMMON_VERSION = lazy(
    r"[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?(?:\.dev[0-9]+)?"
    r"(?:\+[a-z0-9]+(?:\.[a-z0-9]+)*)?"
)


def _valid_version(version: str) -> bool:
    global _VERSION
    if _COMMON_VERSION.fullmatch(version) is not None:
        return True
    if _VERSION is None:
        from packaging.version import VERSION_PATTERN

        _VERSION = re.compile(VERSION_PATTERN, re.VERBOSE | re.IGNORECASE)
    return _VERSION.fullmatch(version) is not None
