"""Reading lock files written in TOML, fast.

``tomllib`` reads about 9 MB/s; a 3 MB ``uv.lock`` would spend most of the hook's time
budget there. Lock generators write a small, regular subset of TOML, so :func:`load` first
tries :func:`parse_subset`, a reader of exactly that subset built on a few regular
expressions (one match per inline table, not per character). Whenever the text steps
outside the subset (multi-line strings, escapes it does not decode, floats, dates, dotted
keys, anything unexpected) or breaks a TOML rule (duplicate keys, redefined tables), the
subset reader gives up and ``tomllib`` reads the file, so results, and errors, are always
tomllib's. A differential test holds the two equal on every lock file in the corpus and on
generated documents.
"""

from __future__ import annotations

from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

_WS = r"[ \t]*"
_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
#: The content of a basic string, with the one-character escapes (\" \\ \b \t \n \f \r).
_CONTENT = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*(?:\\["\\btnfr][^"\\\x00-\x08\x0a-\x1f\x7f]*)*'
_ESCAPE = lazy(r"\\(.)")
_ESCAPES = {'"': '"', "\\": "\\", "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}
_LITERAL = r"'[^'\x00-\x08\x0a-\x1f\x7f]*'"
_INT = r"(?:0|-?[1-9][0-9]*|-0)"
_PAIR = rf'{_BARE}{_WS}={_WS}(?:"{_CONTENT}"|{_INT}(?![0-9A-Za-z_.:+-])|(?:true|false)(?![A-Za-z0-9_-]))'
#: An inline table of bare keys and string/integer/boolean values, e.g. a uv.lock wheel.
_FLAT = lazy(rf"\{{{_WS}(?:{_PAIR}(?:{_WS},{_WS}{_PAIR})*{_WS})?\}}")
_PAIRS = lazy(rf'({_BARE}){_WS}={_WS}(?:"({_CONTENT})"|({_INT})|(true|false))')
_KEY = lazy(rf"{_WS}(?:({_BARE})|{_BASIC}|{_LITERAL}){_WS}")
_END = lazy(r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?(?:\r?\n|\Z)")
_GAP = lazy(r"(?:[ \t]|\r?\n|#[^\x00-\x08\x0a-\x1f\x7f]*(?=\r?\n|\Z))*")
_SCALAR = lazy(
    rf'"({_CONTENT})"|\'([^\'\x00-\x08\x0a-\x1f\x7f]*)\'|({_INT})(?![0-9A-Za-z_.:+-])'
    r"|(true|false)(?![A-Za-z0-9_-])"
)

_SKIP = lazy(r"(?:[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?\r?\n)*[ \t]*")


def _unescape(content: str) -> str:
    return _ESCAPE.sub(lambda match: _ESCAPES[match.group(1)], content)


class _Unsupported(Exception):
    """The text leaves the subset (or is not valid TOML): let tomllib decide."""


def load(source: Source) -> dict[str, Any]:
    """Parse like ``toml_doc.load`` (tomllib), faster on generated lock files."""
    text = source.text
    if "'''" not in text and '"""' not in text:
        try:
            return parse_subset(text)
        except (_Unsupported, RecursionError):
            pass
    from supply_chain_hooks.toml_doc import load as toml_load

    return toml_load(source)


def parse_subset(text: str) -> dict[str, Any]:
    """Parse a document of the supported subset; raise _Unsupported otherwise."""
    return _Reader(text).document()


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.root: dict[str, Any] = {}
        #: Tables made by a [header] (may not be defined again).
        self.defined: set[int] = set()
        #: Tables only implied by a longer header (may be defined later).
        self.implicit: set[int] = set()
        #: Arrays of tables made by [[header]].
        self.arrays: set[int] = set()
        #: Tables and arrays written as values, which headers may not extend.
        self.frozen: set[int] = set()

    def document(self) -> dict[str, Any]:
        text = self.text
        table = self.root
        size = len(text)
        while True:
            match = _SKIP.match(text, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos >= size:
                return self.root
            if text.startswith("[[", self.pos):
                self.pos += 2
                table = self.header(array=True)
            elif text[self.pos] == "[":
                self.pos += 1
                table = self.header(array=False)
            else:
                self.key_value(table)
            end = _END.match(text, self.pos)
            if end is None or (end.end() == end.start() and self.pos < size):
                raise _Unsupported
            self.pos = end.end()

    # -- headers --------------------------------------------------------------------------

    def keys(self, stop: str) -> list[str]:
        parts = []
        text = self.text
        while True:
            match = _KEY.match(text, self.pos)
            if match is None or match.end() == match.start():
                raise _Unsupported
            raw = match.group().strip(" \t")
            parts.append(match.group(1) if match.group(1) is not None else raw[1:-1])
            self.pos = match.end()
            if text.startswith(".", self.pos):
                self.pos += 1
                continue
            if text.startswith(stop, self.pos):
                self.pos += len(stop)
                return parts
            raise _Unsupported

    def header(self, *, array: bool) -> dict[str, Any]:
        parts = self.keys("]]" if array else "]")
        table = self.root
        for part in parts[:-1]:
            child = table.get(part)
            if child is None:
                child = {}
                table[part] = child
                self.implicit.add(id(child))
            elif isinstance(child, list):
                if id(child) not in self.arrays:
                    raise _Unsupported
                child = child[-1]
            elif not isinstance(child, dict) or id(child) in self.frozen:
                raise _Unsupported
            table = child
        last = parts[-1]
        existing = table.get(last)
        if array:
            if existing is None:
                existing = []
                table[last] = existing
                self.arrays.add(id(existing))
            elif not isinstance(existing, list) or id(existing) not in self.arrays:
                raise _Unsupported
            element: dict[str, Any] = {}
            existing.append(element)
            self.defined.add(id(element))
            return element
        if existing is None:
            created: dict[str, Any] = {}
            table[last] = created
            self.defined.add(id(created))
            return created
        if isinstance(existing, dict) and id(existing) in self.implicit:
            self.implicit.discard(id(existing))
            self.defined.add(id(existing))
            return existing
        raise _Unsupported

    # -- values -----------------------------------------------------------------------------

    def key_value(self, table: dict[str, Any]) -> None:
        text = self.text
        match = _KEY.match(text, self.pos)
        if match is None or match.end() == match.start():
            raise _Unsupported
        raw = match.group().strip(" \t")
        key = match.group(1) if match.group(1) is not None else raw[1:-1]
        self.pos = match.end()
        if not text.startswith("=", self.pos) or key in table:
            raise _Unsupported
        self.pos += 1
        while self.pos < len(text) and text[self.pos] in " \t":
            self.pos += 1
        table[key] = self.value()

    def value(self) -> Any:
        text = self.text
        char = text[self.pos : self.pos + 1]
        if char == "{":
            flat = _FLAT.match(text, self.pos)
            if flat is not None:
                return self.flat_table(flat.start() + 1, flat.end() - 1, flat.end())
            return self.inline_table()
        if char == "[":
            return self.array()
        match = _SCALAR.match(text, self.pos)
        if match is None:
            raise _Unsupported
        self.pos = match.end()
        basic, literal, integer, boolean = match.groups()
        if basic is not None:
            return _unescape(basic) if "\\" in basic else basic
        if literal is not None:
            return literal
        if integer is not None:
            return int(integer)
        return boolean == "true"

    def flat_table(self, start: int, end: int, after: int) -> dict[str, Any]:
        table: dict[str, Any] = {}
        count = 0
        for match in _PAIRS.finditer(self.text, start, end):
            key, basic, integer, boolean = match.groups()
            if basic is not None:
                table[key] = _unescape(basic) if "\\" in basic else basic
            elif integer is not None:
                table[key] = int(integer)
            else:
                table[key] = boolean == "true"
            count += 1
        if count != len(table):
            raise _Unsupported  # a duplicate key
        self.frozen.add(id(table))
        self.pos = after
        return table

    def inline_table(self) -> dict[str, Any]:
        text = self.text
        self.pos += 1
        table: dict[str, Any] = {}
        self.blank()
        if text.startswith("}", self.pos):
            self.pos += 1
            self.frozen.add(id(table))
            return table
        while True:
            self.key_value(table)
            self.blank()
            if text.startswith(",", self.pos):
                self.pos += 1
                self.blank()
                continue
            if text.startswith("}", self.pos):
                self.pos += 1
                self.frozen.add(id(table))
                return table
            raise _Unsupported

    def blank(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t":
            self.pos += 1

    def gap(self) -> None:
        match = _GAP.match(self.text, self.pos)
        if match is not None:
            self.pos = match.end()

    def array(self) -> list[Any]:
        text = self.text
        self.pos += 1
        items: list[Any] = []
        self.frozen.add(id(items))
        while True:
            self.gap()
            if text.startswith("]", self.pos):
                self.pos += 1
                return items
            items.append(self.value())
            self.gap()
            if text.startswith(",", self.pos):
                self.pos += 1
                continue
            if text.startswith("]", self.pos):
                self.pos += 1
                return items
            raise _Unsupported
