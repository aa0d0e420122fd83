"""Byte-level helpers shared by jiff's grammars, with jiff's messages, and its failure value."""

from __future__ import annotations

from supply_chain_hooks.uv.jiff.values import U64_MAX


class Fail:
    """A parse failure with jiff's message (a value, not an exception, on the hot path)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class ParseError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def escape_byte(value: int) -> str:
    """jiff's `escape::Byte`."""
    if value == 0x20:
        return " "
    escapes = {0x09: "\\t", 0x0D: "\\r", 0x0A: "\\n", 0x27: "\\'", 0x22: '\\"', 0x5C: "\\\\"}
    if value in escapes:
        return escapes[value]
    if 0x20 < value < 0x7F:
        return chr(value)
    return f"\\x{value:02X}"


def escape_bytes(data: bytes) -> str:
    """jiff's `escape::Bytes` Debug rendering: a quoted, escaped string."""
    text = data.decode("utf-8", "surrogateescape")
    out = ['"']
    for char in text:
        code = ord(char)
        if code == 0:
            out.append("\\0")
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x80:
            if char in "\t\r\n":
                out.append({"\t": "\\t", "\r": "\\r", "\n": "\\n"}[char])
            elif char in "'\"\\":
                out.append("\\" + char)
            elif 0x20 <= code < 0x7F:
                out.append(char)
            else:
                out.append(f"\\x{code:02x}")
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{{{code:x}}}")
    out.append('"')
    return "".join(out)


def all_digits(data: bytes) -> bool:
    return bool(data) and all(0x30 <= b <= 0x39 for b in data)


def int_error(data: bytes) -> str | None:
    """jiff `parse::i64` failures for a fixed-width field (None when it parses)."""
    for byte in data:
        if not 0x30 <= byte <= 0x39:
            return f"invalid digit, expected 0-9 but got {escape_byte(byte)}"
    return None


def u64_prefix(data: bytes, pos: int) -> tuple[int | None, int]:
    """jiff `parse::u64_prefix`: at most 21 digits; raises on u64 overflow."""
    count = 0
    value = 0
    while count <= 20 and pos + count < len(data) and 0x30 <= data[pos + count] <= 0x39:
        value = value * 10 + data[pos + count] - 0x30
        count += 1
        if value > U64_MAX:
            raise ParseError("number too big to parse into 64-bit integer")
    if count == 0:
        return None, pos
    return value, pos + count


def parse_fraction(data: bytes, pos: int) -> tuple[int | None, int]:
    """jiff `parse_temporal_fraction`: `.`/`,` then 1..9 digits, as nanoseconds."""
    if pos >= len(data) or data[pos] not in b".,":
        return None, pos
    start = pos = pos + 1
    while pos - start <= 8 and pos < len(data) and 0x30 <= data[pos] <= 0x39:
        pos += 1
    digits = data[start:pos]
    if not digits:
        raise ParseError(
            "found decimal after seconds component, but did not find any digits after decimal"
        )
    return int(digits.decode()) * 10 ** (9 - len(digits)), pos


def is_alpha(byte: int) -> bool:
    return 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A
