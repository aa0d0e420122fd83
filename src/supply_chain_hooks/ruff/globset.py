"""Ruff's path patterns: the Rust ``globset`` crate's syntax with Ruff's defaults.

``Glob::new`` in globset, as Ruff uses it: ``*`` and ``?`` also match ``/`` (no
``literal_separator``), ``**`` is recursive only as a whole path component (``**/x``,
``x/**``, ``a/**/b``; elsewhere it is two ``*``), ``[...]``/``[!...]`` classes, ``{a,b}``
alternatives, backslash escapes, case-sensitive, anchored at both ends.

Ruff builds two matchers per pattern: the pattern itself, matched against a file's *basename*,
and the pattern made absolute against the directory of the config file that defined it
(``fs::normalize_path_to``: ``.`` and ``..`` resolved, the directory glob-escaped), matched
against the file's absolute path.
"""

from __future__ import annotations

import functools
import posixpath
import re
from typing import cast


class GlobError(Exception):
    """A pattern globset (and so Ruff) rejects."""


_SPECIAL = frozenset("*?[]{}")


def escape(text: str) -> str:
    """globset::escape: wrap each metacharacter in a class."""
    return "".join(f"[{char}]" if char in _SPECIAL else char for char in text)


@functools.lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    return re.compile(_translate(pattern))


#: What a regex source may hold after a literal character to make it optional or repeated.
_QUANTIFIERS = frozenset("*+?{")


def literal_prefix(regex: str) -> str:
    """The text every match of a regex source (as :func:`compile_glob` writes it) starts
    with: its leading literal characters, plain or escaped, up to the first other construct."""
    return _literal_run(regex)[0]


def literal_text(regex: str) -> str | None:
    """The one text a regex source (as :func:`compile_glob` writes it) matches, when it is a
    plain literal (None: it is not)."""
    text, end = _literal_run(regex)
    return text if regex[end:] == "\\Z" else None


def _literal_run(regex: str) -> tuple[str, int]:
    """The leading literal characters of a regex source, and where they end in it."""
    out: list[str] = []
    index = 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            if index + 1 >= len(regex) or regex[index + 1].isalnum():
                break  # `\Z`, `\d`...: not a literal
            char = regex[index + 1]
            size = 2
        elif char in ".^$*+?{}[]|()":
            break
        else:
            size = 1
        if regex[index + size : index + size + 1] in _QUANTIFIERS:
            break  # `a*`: the character may be absent
        out.append(char)
        index += size
    return "".join(out), index


def _translate(pattern: str) -> str:
    tokens = _parse(pattern)
    if tokens == [("recursive_prefix",)]:
        return r".*\Z"
    return "".join(_regex(token) for token in tokens) + r"\Z"


Token = tuple[object, ...]


def _regex(token: Token) -> str:
    kind = token[0]
    if kind == "literal":
        return re.escape(str(token[1]))
    if kind == "any":
        return "."
    if kind == "star":
        return ".*"
    if kind == "recursive_prefix":
        return "(?:/?|.*/)"
    if kind == "recursive_suffix":
        return "/.*"
    if kind == "recursive_middle":
        return "(?:/|/.*/)"
    if kind == "class":
        negated, ranges = bool(token[1]), cast("list[tuple[str, str]]", token[2])
        parts = []
        for low, high in ranges:
            parts.append(
                _class_char(low) if low == high else f"{_class_char(low)}-{_class_char(high)}"
            )
        return "[" + ("^" if negated else "") + "".join(parts) + "]"
    if kind == "alternates":
        branches = cast("list[list[Token]]", token[1])
        parts = [
            part for part in ("".join(_regex(t) for t in branch) for branch in branches) if part
        ]
        return "(?:" + "|".join(parts) + ")" if parts else ""
    raise AssertionError(kind)


def _class_char(char: str) -> str:
    return re.escape(char) if char not in "-" else "\\-"


def _parse(pattern: str) -> list[Token]:
    """globset's `Parser`: a stack of token lists (one more per open ``{`` branch)."""
    parser = _Parser(pattern)
    parser.run()
    return parser.stack[0]


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.chars = pattern
        self.index = 0
        self.prev: str | None = None
        self.cur: str | None = None
        self.stack: list[list[Token]] = [[]]

    def bump(self) -> str | None:
        self.prev = self.cur
        self.cur = self.chars[self.index] if self.index < len(self.chars) else None
        if self.cur is not None:
            self.index += 1
        return self.cur

    def peek(self) -> str | None:
        return self.chars[self.index] if self.index < len(self.chars) else None

    def push(self, token: Token) -> None:
        self.stack[-1].append(token)

    def run(self) -> None:
        while (char := self.bump()) is not None:
            if char == "?":
                self.push(("any",))
            elif char == "*":
                self.star()
            elif char == "[":
                self.index = _parse_class(self.chars, self.index - 1, self.stack[-1])
                self.cur = "]"
            elif char == "{":
                if len(self.stack) > 1:
                    raise GlobError("nested alternate groups are not allowed")
                self.stack.append([])
            elif char == "}":
                branches = []
                while len(self.stack) >= 2:
                    branches.append(self.stack.pop())
                self.push(("alternates", branches))
            elif char == ",":
                if len(self.stack) <= 1:
                    self.push(("literal", ","))
                else:
                    self.stack.append([])
            elif char == "\\":
                escaped = self.bump()
                if escaped is None:
                    raise GlobError("dangling '\\'")
                self.push(("literal", escaped))
            else:
                self.push(("literal", char))
        if len(self.stack) != 1:
            raise GlobError("unclosed alternate group; missing '}'")

    def star(self) -> None:
        prev = self.prev
        if self.peek() != "*":
            self.push(("star",))
            return
        self.bump()
        if not self.stack[-1]:
            if self.peek() not in (None, "/"):
                self.push(("star",))
                self.push(("star",))
            else:
                self.push(("recursive_prefix",))
                self.bump()
            return
        if prev != "/" and (len(self.stack) <= 1 or prev not in (",", "{")):
            self.push(("star",))
            self.push(("star",))
            return
        nxt = self.peek()
        if nxt is None or (nxt in (",", "}") and len(self.stack) >= 2):
            is_suffix = True
        elif nxt == "/":
            self.bump()
            is_suffix = False
        else:
            self.push(("star",))
            self.push(("star",))
            return
        last = self.stack[-1].pop()
        if last[0] in ("recursive_prefix", "recursive_suffix"):
            self.push(last)
        elif is_suffix:
            self.push(("recursive_suffix",))
        else:
            self.push(("recursive_middle",))


def _parse_class(chars: str, index: int, tokens: list[Token]) -> int:
    index += 1
    negated = False
    if index < len(chars) and chars[index] in "!^":
        negated = True
        index += 1
    ranges: list[tuple[str, str]] = []
    first = True
    in_range = False
    while True:
        if index >= len(chars):
            raise GlobError("unclosed character class; missing ']'")
        char = chars[index]
        index += 1
        if char == "]":
            if first:
                ranges.append(("]", "]"))
            else:
                break
        elif char == "-":
            if first:
                ranges.append(("-", "-"))
            elif in_range:
                # "a--" : the previous range ends in '-'
                low = ranges[-1][0]
                if low > "-":
                    raise GlobError(f"invalid range; '{low}' > '-'")
                ranges[-1] = (low, "-")
                in_range = False
            else:
                if not ranges:
                    raise AssertionError("class range without a start")
                in_range = True
        else:
            if in_range:
                low = ranges[-1][0]
                if low > char:
                    raise GlobError(f"invalid range; '{low}' > '{char}'")
                ranges[-1] = (low, char)
                in_range = False
            else:
                ranges.append((char, char))
        first = False
    if in_range:
        ranges.append(("-", "-"))
    tokens.append(("class", negated, ranges))
    return index


def absolute(pattern: str, root: str) -> str:
    """The absolute glob Ruff builds: the escaped root joined with the pattern, normalised."""
    joined = pattern if pattern.startswith("/") else escape(root).rstrip("/") + "/" + pattern
    return _normalize(joined)


def _normalize(path: str) -> str:
    """path_absolutize's normalisation of an absolute path (no symlinks, `..` resolved)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/" + "/".join(parts)


def basename(path: str) -> str:
    return posixpath.basename(path)
