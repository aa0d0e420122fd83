"""Bytes to text as pip decodes a requirements file, and whether uv reads the same text.

pip 26.3 (``req_file._decode_req_file``) tries, in order: a byte order mark (UTF-8,
UTF-32 and UTF-16, in pip's order), then a PEP 263 ``coding:`` comment in the first two
lines, then UTF-8, then the locale's encoding. uv reads UTF-8, and UTF-16 with a byte
order mark, and nothing else. A file both read as the same UTF-8 text takes the fast path
(the workspace's own UTF-8 reading); any other file is decoded from its bytes as pip
does, and when uv would read other text (or none), the difference is kept as a fact for
the rules to report.
"""

from __future__ import annotations

import codecs
import re

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import InputError, Source, read_bytes

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

#: pip's BOMS, in pip's order (the UTF-16 LE mark is a prefix of the UTF-32 LE one).
PIP_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF16, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
#: The marks uv (encoding_rs) recognises.
_UV_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
#: pip's PEP263_ENCODING_RE (a bytes pattern: ``\w`` is ASCII only).
CODING_RE = re.compile(rb"coding[:=]\s*([-\w.]+)")
_TEXT_CODING_RE = lazy(r"coding[:=]\s*([-\w.]+)", re.ASCII)


class Reading(Record):
    """How pip decoded a file that is not plain UTF-8 to both installers."""

    encoding: str  #: the codec pip used, as written (``utf-16-le``, ``utf-7``, …)
    by: str  #: "a byte order mark" or "its coding line"
    #: Why uv reads other requirements from the same bytes ("" when it reads the same).
    uv_differs: str = ""


def declared(text: str) -> str | None:
    """The encoding a coding line in the first two lines names, as pip looks for it."""
    for line in text.split("\n", 2)[:2]:
        if line.startswith("#"):
            match = _TEXT_CODING_RE.search(line)
            if match is not None:
                return match.group(1)
    return None


def pip_decode(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, by) exactly as pip decodes ``data``; raise InputError where pip fails.

    Text that is not UTF-8 and declares nothing is refused: pip would decode it with the
    locale's encoding, so the file means different things on different machines.
    """
    for bom, encoding in PIP_BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, "a byte order mark"), encoding, "BOM"
    for first in data.split(b"\n")[:2]:
        if first[0:1] == b"#":
            match = CODING_RE.search(first)
            if match is not None:
                encoding = match.group(1).decode("ascii")
                return _decode(data, encoding, "its coding line"), encoding, "coding line"
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"file is not valid UTF-8 (byte 0x{data[error.start]:02x}) and has no coding "
            "line: pip decodes it with the locale's encoding, uv refuses it",
            line,
            column,
        ) from None


def uv_decode(data: bytes) -> str | None:
    """The text uv reads from ``data`` (None when uv refuses the file)."""
    for bom, encoding in _UV_BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode(data: bytes, encoding: str, by: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(
            f"pip cannot read it: {by} names the unknown encoding `{encoding}`"
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"pip cannot read it: not valid {encoding} ({by} says it is), byte {error.start}"
        ) from None


def reader(read: Callable[[str], Source], found: dict[str, Reading]) -> Callable[[str], Source]:
    """``read`` (the workspace's UTF-8 reading) wrapped to decode as pip does.

    A file that is UTF-8 to both installers comes from ``read`` unchanged; any other is
    decoded from its bytes as pip does, and how (with uv's difference) is stored in
    ``found`` under its path.
    """

    def read_requirements(path: str) -> Source:
        try:
            source = read(path)
        except InputError as error:
            if not error.message.startswith(("file contains a NUL", "file is not valid UTF-8")):
                raise
        else:
            if source.bom:
                return source  # a UTF-8 mark: pip and uv both read UTF-8, as we did
            name = declared(source.text[:4096])
            if name is None or _canonical(name) == "utf-8":
                return source
        data = read_bytes(path)
        text, encoding, by = pip_decode(data)
        uv_text = uv_decode(data)
        if uv_text is None:
            differs = "uv refuses it: it reads UTF-8 and UTF-16 with a byte order mark only"
        elif uv_text != text:
            differs = f"uv reads it as UTF-8{' (or UTF-16 by its mark)' if by == 'BOM' else ''}"
        else:
            differs = ""
        if by:
            found[path] = Reading(
                encoding, "a byte order mark" if by == "BOM" else "its coding line", differs
            )
        return Source(path, text)

    return read_requirements


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name
