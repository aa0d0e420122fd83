"""Bytes to text and back: UTF-8 with an optional BOM, the newline style, and positions.

A :class:`Source` is the decoded text of one file without its byte order mark. Every
offset in the package indexes into ``Source.text``; :meth:`Source.encode` puts the BOM
back so a fixed file keeps every byte it had outside the edits.
"""

from __future__ import annotations

import bisect

from supply_chain_hooks.model import Location, Record, field

BOM = "\ufeff"
#: Files larger than this are reported instead of parsed (bounded time and memory).
MAX_BYTES = 32 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as text or parsed; becomes an SCH001 finding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)


class Source(Record):
    """A file's decoded text (without its BOM) and where its lines start.

    Immutable like the rest of the model; equality and repr over path, text and bom.
    """

    path: str
    text: str
    bom: bool = False
    #: Offsets where lines start, computed on first use.
    _line_starts: list[int] = field(init=False, compare=False, default_factory=list)

    @property
    def newline(self) -> str:
        """The file's newline style, taken from its first line break (LF when none)."""
        index = self.text.find("\n")
        if index > 0 and self.text[index - 1] == "\r":
            return "\r\n"
        if index < 0 and "\r" in self.text:
            return "\r"
        return "\n"

    def line_starts(self) -> list[int]:
        if not self._line_starts:
            starts = [0]
            find = self.text.find
            index = find("\n")
            while index >= 0:
                starts.append(index + 1)
                index = find("\n", index + 1)
            self._line_starts.extend(starts)
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; offsets past the end clamp to it."""
        offset = min(max(offset, 0), len(self.text))
        starts = self.line_starts()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based (line, column); clamps to the text."""
        starts = self.line_starts()
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, len(self.text))

    def location(self, start: int, end: int | None = None) -> Location:
        line, column = self.position(start)
        end_line, end_column = self.position(start if end is None else end)
        return Location(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        starts = self.line_starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def replaced(self, text: str) -> Source:
        return Source(self.path, text, self.bom)

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")


def decode(path: str, data: bytes) -> Source:
    """Decode a file's bytes strictly as UTF-8; raise :class:`InputError` with a position."""
    if len(data) > MAX_BYTES:
        raise InputError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB, not checked")
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise InputError("file contains a NUL byte (binary or UTF-16?)", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})", line, column
        ) from None
    bom = text.startswith(BOM)
    return Source(path, text[1:] if bom else text, bom)


def read(path: str) -> Source:
    """Read and decode a file; missing or unreadable files raise :class:`InputError`."""
    return decode(path, read_bytes(path))


def read_bytes(path: str) -> bytes:
    """A regular file's bytes (up to one more than MAX_BYTES); raise :class:`InputError`."""
    import os
    import stat

    try:
        # Non-blocking open and a regular-file check: a FIFO, or a link to /dev/stdin or
        # a device, would otherwise block the run forever or stream without end.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with open(os.open(path, flags), "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise InputError("not a regular file (a FIFO, socket or device)")
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError("is a directory, expected a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}") from None
    return data
