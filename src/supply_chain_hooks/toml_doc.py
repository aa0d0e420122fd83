"""TOML documents: fast reading (tomllib), exact spans (a small locator), minimal edits (tomlkit).

* :func:`load` reads with the standard library and turns a syntax error into an
  :class:`InputError` with its line and column.
* :class:`TomlIndex` maps every key path to the offsets of its key and value, including
  keys inside inline tables and elements of arrays, so findings point at exact lines.
  Array-of-tables entries are indexed: ``("package", 3, "wheels", 0, "hash")``.
* :func:`edit` applies a change through tomlkit (which keeps every comment and byte it
  does not touch) and reduces it to one minimal :class:`Edit`.
"""

from __future__ import annotations

import re

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import InputError, Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import tomlkit.toml_document

    from supply_chain_hooks.model import Edit

Key = tuple[str | int, ...]

_ERROR_POSITION = lazy(r"\(at line (\d+), column (\d+)\)")


def load(source: Source) -> dict[str, Any]:
    """Parse with tomllib; a syntax error raises InputError at its line and column."""
    import tomllib

    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _ERROR_POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        reason = _ERROR_POSITION.sub("", message).strip()
        raise InputError(f"invalid TOML: {reason}", line, column) from None
    except RecursionError:
        raise InputError("invalid TOML: nesting too deep") from None


def load_1_1(source: Source) -> dict[str, Any]:
    """TOML as uv and Ruff read it: TOML 1.1 (their Rust `toml` crate), one reading for both.

    tomllib first (fast, TOML 1.0); on a syntax error tomlkit, which also accepts what 1.1
    added and Python 3.11's tomllib refuses: newlines and a trailing comma in inline tables,
    the `\\e` and `\\xHH` escapes, times without seconds. Still invalid: tomllib's error.
    """
    try:
        return load(source)
    except InputError as error:
        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        try:
            document = tomlkit.parse(source.text)
        except (TOMLKitError, ValueError):
            raise error from None
        unwrapped: dict[str, Any] = document.unwrap()
        return unwrapped


_TOKEN = lazy(
    r"""
    (?P<ws>[ \t]+)
  | (?P<nl>\r?\n)
  | (?P<comment>\#[^\r\n]*)
  | (?P<mlbasic>\"\"\"(?:[^\\]|\\[\s\S]?)*?(?:\"{3,5}|\Z))
  | (?P<mlliteral>'''[\s\S]*?(?:'{3,5}|\Z))
  | (?P<basic>"(?:[^"\\\r\n]|\\[^\r\n]?)*(?:"|(?=[\r\n])|\Z))
  | (?P<literal>'[^'\r\n]*')
  | (?P<punct>[\[\]{}=,])
  | (?P<bare>[^\s\[\]{}=,\#"']+)
    """,
    re.VERBOSE,
)
_STRING_KINDS = frozenset({"mlbasic", "mlliteral", "basic", "literal"})
# An unterminated string (only in invalid TOML) runs to the end of its line or of the text,
# so a text full of unterminated quotes is still tokenized in linear time.

#: Texts with more tokens than this are refused (about 130 bytes of memory per token; a
#: real 1.5 MB uv.lock has about 100,000).
MAX_TOKENS = 2_000_000


class Entry(Record):
    path: Key
    key_start: int
    key_end: int
    value_start: int
    value_end: int


class TomlIndex:
    """Offsets of every key and value of a TOML text that tomllib accepts."""

    def __init__(self, text: str) -> None:
        import itertools

        self.entries: dict[Key, Entry] = {}
        tokens = (
            (match.lastgroup or "", match.start(), match.end())
            for match in _TOKEN.finditer(text)
            if match.lastgroup not in ("ws", "comment")
        )
        self._tokens = list(itertools.islice(tokens, MAX_TOKENS + 1))
        if len(self._tokens) > MAX_TOKENS:
            del self._tokens
            raise InputError(f"TOML file has more than {MAX_TOKENS:,} tokens, not checked")
        self._text = text
        self._pos = 0
        try:
            self._parse()
        except RecursionError:
            raise InputError("invalid TOML: nesting too deep") from None
        finally:
            del self._tokens

    def get(self, *path: str | int) -> Entry | None:
        return self.entries.get(tuple(path))

    def span(self, *path: str | int) -> tuple[int, int] | None:
        """(start, end) of a key's whole `key = value` (or table header), if present."""
        entry = self.entries.get(tuple(path))
        return None if entry is None else (entry.key_start, entry.value_end)

    # -- parsing -------------------------------------------------------------------------

    def _peek(self) -> tuple[str, int, int] | None:
        return self._tokens[self._pos] if self._pos < len(self._tokens) else None

    def _next(self) -> tuple[str, int, int]:
        token = self._tokens[self._pos]
        self._pos += 1
        return token

    def _is(self, char: str) -> bool:
        token = self._peek()
        return token is not None and token[0] == "punct" and self._text[token[1]] == char

    def _key_parts(self, stop: str) -> tuple[list[str], int, int]:
        parts: list[str] = []
        start = end = -1
        while (token := self._peek()) is not None and not self._is(stop) and token[0] != "nl":
            kind, first, last = self._next()
            start = first if start < 0 else start
            end = last
            raw = self._text[first:last]
            if kind in _STRING_KINDS:
                parts.append(_string_value(raw, self._text, first))
            else:
                parts += [part for part in raw.split(".") if part]
        return parts, start, end

    def _parse(self) -> None:
        table: Key = ()
        aot_counts: dict[Key, int] = {}
        while (token := self._peek()) is not None:
            kind, first, _ = token
            if kind == "nl":
                self._pos += 1
            elif self._is("["):
                array = self._text.startswith("[[", first)
                self._pos += 2 if array else 1
                parts, _, _ = self._key_parts("]")
                close = self._next() if self._is("]") else None
                end = close[2] if close else first
                if array and self._is("]"):
                    end = self._next()[2]
                table = _resolve(parts, aot_counts, array)
                self.entries[table] = Entry(table, first, end, first, end)
            else:
                self._key_value(table)

    def _key_value(self, table: Key) -> None:
        parts, key_start, key_end = self._key_parts("=")
        if not parts or not self._is("="):
            self._skip_line()
            return
        self._pos += 1
        path = table + tuple(parts)
        value_start, value_end = self._value(path)
        self.entries[path] = Entry(path, key_start, key_end, value_start, value_end)

    def _value(self, path: Key) -> tuple[int, int]:
        while (token := self._peek()) is not None and token[0] == "nl":
            self._pos += 1
        if token is None:
            return len(self._text), len(self._text)
        kind, start, end = self._next()
        if kind == "punct" and self._text[start] == "[":
            index = 0
            while (token := self._peek()) is not None and not self._is("]"):
                if token[0] == "nl" or self._is(","):
                    self._pos += 1
                    continue
                first, last = self._value((*path, index))
                self.entries[(*path, index)] = Entry((*path, index), first, first, first, last)
                index += 1
            return start, self._next()[2] if self._peek() is not None else len(self._text)
        if kind == "punct" and self._text[start] == "{":
            while (token := self._peek()) is not None and not self._is("}"):
                if token[0] == "nl" or self._is(","):
                    self._pos += 1
                    continue
                self._key_value(path)
            return start, self._next()[2] if self._peek() is not None else len(self._text)
        # A bare value may continue (a date-time with a space): take adjacent bare tokens.
        while (token := self._peek()) is not None and token[0] == "bare":
            end = self._next()[2]
        return start, end

    def _skip_line(self) -> None:
        while (token := self._peek()) is not None and token[0] != "nl":
            self._pos += 1


def _resolve(parts: list[str], aot_counts: dict[Key, int], array: bool) -> Key:
    resolved: Key = ()
    for number, part in enumerate(parts):
        resolved += (part,)
        last = number == len(parts) - 1
        if last and array:
            count = aot_counts.get(resolved, 0)
            aot_counts[resolved] = count + 1
            resolved += (count,)
        elif resolved in aot_counts:
            resolved += (aot_counts[resolved] - 1,)
    return resolved


def _string_value(raw: str, text: str, offset: int) -> str:
    if raw.startswith("'"):
        return raw[1:-1]
    import tomllib

    try:
        return str(tomllib.loads(f"k = {raw}")["k"])
    except tomllib.TOMLDecodeError:
        pass
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        return str(tomlkit.parse(f"k = {raw}").unwrap()["k"])  # a TOML 1.1 escape such as \\e
    except (TOMLKitError, ValueError):
        line, column = Source("", text).position(offset)
        raise InputError("invalid TOML: a quoted key is not a valid string", line, column) from None


def edit(
    source: Source, change: Callable[[tomlkit.toml_document.TOMLDocument], None]
) -> Edit | None:
    """Apply change to a tomlkit copy of the file; return the one minimal Edit (None if no change)."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from supply_chain_hooks.edits import minimal_edit

    try:
        document = tomlkit.parse(source.text)
    except TOMLKitError as error:
        raise InputError(f"invalid TOML: {error}") from None
    change(document)
    new_text = tomlkit.dumps(document)
    if source.newline != "\n":
        # tomlkit writes "\n" for what it adds: match the file's style, keep existing breaks.
        new_text = re.sub(r"(?<!\r)\n", source.newline, new_text)
    found = minimal_edit(source.text, new_text)
    return None if found is None else _inline_table_spacing(source.text, found)


def _inline_table_spacing(text: str, edit: Edit) -> Edit:
    """Keep an inline table's spacing when tomlkit appends to it: tomlkit drops the space
    before `}` (`{ a = 1 }` becomes `{ a = 1, b = 2}`) and writes no space after the comma
    it adds (`{a = 1,b = 2}`)."""
    from supply_chain_hooks.model import Edit

    content = edit.content
    if not content.startswith(",") or "=" not in content:
        return edit
    if content[1:2] not in (" ", "\n", "\r"):
        content = ", " + content[1:]
    replaced = text[edit.start : edit.end]
    if (
        text.startswith("}", edit.end)
        and replaced
        and replaced.strip(" \t") == ""
        and not content.endswith((" ", "\t", "\n"))
    ):
        content += replaced
    return Edit(edit.start, edit.end, content)
