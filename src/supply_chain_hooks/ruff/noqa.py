"""File-level suppression comments, parsed as Ruff parses them.

* ``# ruff: noqa`` / ``# flake8: noqa`` (exactly ``ruff``/``flake8``, ``noqa`` in any case,
  whitespace allowed around ``:``) on its own line, anywhere in the file: every rule is off.
  With ``: CODE, CODE`` only those exact codes (after redirects) are off; a prefix such as
  ``S`` is invalid and suppresses nothing. Ruff looks at every ``#`` inside a comment, so
  ``# type: ignore # ruff: noqa`` counts too, but a trailing comment after code does not.
* ``# ruff: file-ignore[CODE, ...]`` at column 0, as the first directive of its comment:
  those exact codes are off for the whole file.

Comments are found with a small lexer of strings and comments (text in strings never counts). The caller reads a file
only when a cheap byte search says a directive could be there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

#: Bytes that must occur for a file-level directive to exist at all.
NEEDLES = (b"ruff", b"flake8")

# Rust's `char::is_whitespace`.
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CANDIDATE = lazy(rf"#[{_WS}]*(?:ruff|flake8)[{_WS}]*:")


class Exemption(Record):
    """One file-level directive: every rule (``codes is None``) or the listed codes."""

    line: int
    column: int
    end_column: int
    codes: tuple[str, ...] | None
    text: str


def could_contain(data: bytes) -> bool:
    return any(needle in data for needle in NEEDLES)


def find(text: str) -> list[Exemption]:
    """Every effective file-level exemption in a Python source text."""
    if _CANDIDATE.search(text) is None:
        return []
    found: list[Exemption] = []
    for line, column, comment, own_line in _comments(text):
        exemption = _noqa(comment, line, column, own_line)
        if exemption is not None:
            found.append(exemption)
            continue
        exemption = _file_ignore(comment, line, column, own_line)
        if exemption is not None:
            found.append(exemption)
    return found


# Strings and comments, the only tokens that matter for finding comments: a `#` inside a
# string is not a comment. Prefixes (r, b, f, u, t) do not change where a string ends.
_LEXEME = lazy(
    r"(?P<comment>#[^\r\n]*)"
    r"|\'\'\'(?:[^'\\]|\\.|'(?!''))*(?:\'\'\'|\Z)"
    r'|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)'
    r"|'(?:[^'\\\r\n]|\\.)*(?:'|(?=[\r\n])|\Z)"
    r'|"(?:[^"\\\r\n]|\\.)*(?:"|(?=[\r\n])|\Z)',
    re.DOTALL,
)


def _comments(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(line, 0-based column, comment text, alone on its line) for every comment."""
    line = 1
    last = 0
    for match in _LEXEME.finditer(text):
        if match.lastgroup != "comment":
            continue
        start = match.start()
        line += text.count("\n", last, start)
        last = start
        line_start = text.rfind("\n", 0, start) + 1
        prefix = text[line_start:start]
        yield line, start - line_start, match.group(), prefix.strip(_WS) == ""


def _skip_ws(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _noqa(comment: str, line: int, column: int, own_line: bool) -> Exemption | None:
    """Ruff's `NoqaLexer::lex_file_exemption` over one comment."""
    index = 0
    while index < len(comment):
        hash_at = comment.find("#", index)
        if hash_at < 0:
            return None
        cursor = _skip_ws(comment, hash_at + 1)
        index = hash_at + 1
        if comment.startswith("ruff", cursor):
            cursor += 4
        elif comment.startswith("flake8", cursor):
            cursor += 6
        else:
            continue
        cursor = _skip_ws(comment, cursor)
        if not comment.startswith(":", cursor):
            continue
        cursor = _skip_ws(comment, cursor + 1)
        if comment[cursor : cursor + 4].lower() != "noqa":
            continue
        cursor += 4
        try:
            codes = _directive(comment, cursor)
        except _Invalid:
            return None  # Ruff warns that the directive is invalid, and ignores it
        if not own_line:
            return None  # "File-level suppression comments must appear on their own line"
        return Exemption(
            line, column + hash_at + 1, column + len(comment) + 1, codes, comment[hash_at:]
        )
    return None


class _Invalid(Exception):
    """A directive Ruff rejects with a warning (it then suppresses nothing)."""


def _directive(comment: str, cursor: int) -> tuple[str, ...] | None:
    """None for a blanket directive, else the codes; raises _Invalid when Ruff rejects it."""
    if cursor >= len(comment) or comment[cursor] == "#":
        return None
    char = comment[cursor]
    if char == ":":
        return _codes(comment, cursor + 1)
    if char.isspace():
        cursor = _skip_ws(comment, cursor)
        if cursor < len(comment) and comment[cursor] == ":":
            return _codes(comment, cursor + 1)
        return None
    raise _Invalid


def _codes(comment: str, cursor: int) -> tuple[str, ...]:
    """Ruff's `lex_codes`: uppercase letters then digits, separated by commas or spaces."""
    codes: list[str] = []
    missing_delimiter = False
    while cursor < len(comment):
        cursor = _skip_ws(comment, cursor)
        if cursor >= len(comment):
            break
        if comment[cursor] == ",":
            cursor += 1
            continue
        letters = _UPPER.match(comment, cursor)
        if letters is None:
            break  # a trailing comment after the codes: stop, no error
        digits = _DIGITS.match(comment, letters.end())
        if digits is None:
            if missing_delimiter:
                raise _Invalid
            break
        codes.append(comment[cursor : digits.end()])
        cursor = digits.end()
        if cursor >= len(comment):
            break
        nxt = comment[cursor]
        if nxt == ",":
            cursor += 1
            missing_delimiter = False
        elif nxt.isspace() or nxt == "#":
            missing_delimiter = False
        elif _UPPER.match(nxt):
            missing_delimiter = True
        else:
            raise _Invalid
    if not codes:
        raise _Invalid
    return tuple(codes)


_UPPER = lazy(r"[A-Z]+")
_DIGITS = lazy(r"[0-9]+")
_WORD = lazy(r"[^\W\d_][\w:-]*")


def _file_ignore(comment: str, line: int, column: int, own_line: bool) -> Exemption | None:
    """`# ruff: file-ignore[...]` (Ruff's `SuppressionParser`), valid only at column 0."""
    index = 0
    first = True
    while index < len(comment):
        hash_at = comment.find("#", index)
        if hash_at < 0:
            return None
        parsed, end = _suppression(comment, hash_at)
        index = max(end, hash_at + 1)
        if parsed is not None:
            action, codes = parsed
            if action == "file-ignore":
                if first and own_line and column == 0:
                    return Exemption(
                        line, column + hash_at + 1, column + end + 1, codes, comment[hash_at:end]
                    )
                return None
        first = False
    return None


def _suppression(comment: str, start: int) -> tuple[tuple[str, tuple[str, ...]] | None, int]:
    cursor = _skip_ws(comment, start + 1)
    if not comment.startswith("ruff", cursor):
        return None, _next_hash(comment, cursor)
    cursor = _skip_ws(comment, cursor + 4)
    if not comment.startswith(":", cursor):
        return None, _next_hash(comment, cursor)
    cursor = _skip_ws(comment, cursor + 1)
    for action in ("disable", "enable", "file-ignore", "ignore"):
        if comment.startswith(action, cursor):
            cursor += len(action)
            break
    else:
        return None, _next_hash(comment, cursor)
    cursor = _skip_ws(comment, cursor)
    if not comment.startswith("[", cursor):
        return None, _next_hash(comment, cursor)
    cursor += 1
    codes: list[str] = []
    while True:
        cursor = _skip_ws(comment, cursor)
        if cursor >= len(comment):
            return None, cursor
        if comment[cursor] == "]":
            cursor += 1
            break
        word = _WORD.match(comment, cursor)
        if word is None:
            return None, _next_hash(comment, cursor)
        codes.append(word.group())
        cursor = _skip_ws(comment, word.end())
        if cursor < len(comment) and comment[cursor] == ",":
            cursor += 1
            continue
        if cursor < len(comment) and comment[cursor] == "]":
            cursor += 1
            break
        return None, _next_hash(comment, cursor)
    if not codes:
        return None, _next_hash(comment, cursor)
    return (action, tuple(codes)), _next_hash(comment, cursor)


def _next_hash(comment: str, cursor: int) -> int:
    found = comment.find("#", cursor)
    return len(comment) if found < 0 else found
