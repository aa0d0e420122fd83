"""A small exact JSON5 reader with spans (JSON5 1.0.0: comments, trailing commas, unquoted
keys, single-quoted strings, hexadecimal, `Infinity`, `NaN`, leading and trailing decimal
points, `+` signs, line continuations in strings). JSON is a subset.

:func:`parse` returns the root :class:`Value` or raises :class:`InputError` with the line
and column of the first error. Values keep where they start and end in the text, and
objects keep their members in order (a repeated key is kept twice; the last one wins, as
``JSON5.parse`` and ``JSON.parse`` do).
"""

from __future__ import annotations

import unicodedata

from supply_chain_hooks.source import InputError

_LINE_BREAKS = "\n\r\u2028\u2029"
_SPACES = frozenset("\t\n\v\f\r \u00a0\ufeff\u2028\u2029")
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ID_START = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_ID_PART = _ID_START | {"Mn", "Mc", "Nd", "Pc"}
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")


class Value:
    """One JSON5 value: kind is 'object', 'array', 'string', 'number', 'bool' or 'null'."""

    __slots__ = ("end", "items", "kind", "members", "start", "value")

    def __init__(self, kind: str, start: int) -> None:
        self.kind = kind
        self.start = start
        self.end = start
        self.value: str | float | bool | None = None
        self.members: list[tuple[Key, Value]] = []
        self.items: list[Value] = []

    def get(self, name: str) -> tuple[Key, Value] | None:
        """The last member called name (the one JSON5 keeps)."""
        found = None
        for key, value in self.members:
            if key.name == name:
                found = (key, value)
        return found


class Key:
    __slots__ = ("end", "name", "quote", "start")

    def __init__(self, name: str, start: int, end: int, quote: str) -> None:
        self.name = name
        self.start = start
        self.end = end
        #: '"', "'" or "" (an identifier).
        self.quote = quote


def _is_space(char: str) -> bool:
    return char in _SPACES or unicodedata.category(char) == "Zs"


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0

    def fail(self, message: str, index: int | None = None) -> InputError:
        at = self.index if index is None else index
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return InputError(f"invalid JSON5: {message}", line, column)

    def peek(self) -> str:
        return self.text[self.index : self.index + 1]

    def skip(self) -> None:
        text = self.text
        while self.index < len(text):
            char = text[self.index]
            if _is_space(char):
                self.index += 1
            elif text.startswith("//", self.index):
                while self.index < len(text) and text[self.index] not in _LINE_BREAKS:
                    self.index += 1
            elif text.startswith("/*", self.index):
                close = text.find("*/", self.index + 2)
                if close < 0:
                    raise self.fail("unterminated comment")
                self.index = close + 2
            else:
                return

    def value(self, depth: int = 0) -> Value:
        if depth > 200:
            raise self.fail("nested too deeply")
        self.skip()
        char = self.peek()
        if char == "{":
            return self.container("object", "}", depth)
        if char == "[":
            return self.container("array", "]", depth)
        if char in ("'", '"'):
            start = self.index
            node = Value("string", start)
            node.value = self.string()
            node.end = self.index
            return node
        return self.literal()

    def container(self, kind: str, closing: str, depth: int) -> Value:
        node = Value(kind, self.index)
        self.index += 1
        while True:
            self.skip()
            if self.peek() == closing:
                self.index += 1
                node.end = self.index
                return node
            if kind == "object":
                key = self.key()
                self.skip()
                if self.peek() != ":":
                    raise self.fail("expected ':' after a key")
                self.index += 1
                node.members.append((key, self.value(depth + 1)))
            else:
                node.items.append(self.value(depth + 1))
            self.skip()
            char = self.peek()
            if char == ",":
                self.index += 1
            elif char != closing:
                raise self.fail(f"expected ',' or '{closing}'")

    def key(self) -> Key:
        start = self.index
        char = self.peek()
        if char in ("'", '"'):
            name = self.string()
            return Key(name, start, self.index, char)
        name = ""
        while self.index < len(self.text):
            before = self.index
            char = self.text[self.index]
            if char == "\\":
                if not self.text.startswith("\\u", self.index):
                    raise self.fail("invalid escape in a key")
                char = self.hex(self.index + 2, 4)
                self.index += 6
            else:
                self.index += 1
            category = unicodedata.category(char)
            ok = char in "$_" or category in _ID_START
            if name and not ok:
                ok = category in _ID_PART or char in "\u200c\u200d"
            if not ok:
                self.index = before
                break
            name += char
        if not name:
            raise self.fail("expected a key")
        return Key(name, start, self.index, "")

    def hex(self, at: int, count: int) -> str:
        digits = self.text[at : at + count]
        if len(digits) != count or not all(d in _HEX for d in digits):
            raise self.fail("invalid escape", at)
        return chr(int(digits, 16))

    def string(self) -> str:
        text = self.text
        quote = text[self.index]
        self.index += 1
        out: list[str] = []
        while True:
            if self.index >= len(text):
                raise self.fail("unterminated string")
            char = text[self.index]
            if char == quote:
                self.index += 1
                return "".join(out)
            if char in "\n\r":
                raise self.fail("line break in a string")
            if char != "\\":
                out.append(char)
                self.index += 1
                continue
            escaped = text[self.index + 1 : self.index + 2]
            self.index += 2
            if escaped == "":
                raise self.fail("unterminated string")
            if escaped in _ESCAPES:
                out.append(_ESCAPES[escaped])
            elif escaped == "0":
                if self.peek() in _DIGITS:
                    raise self.fail("invalid escape \\0 before a digit")
                out.append("\0")
            elif escaped in "123456789":
                raise self.fail("invalid escape")
            elif escaped == "x":
                out.append(self.hex(self.index, 2))
                self.index += 2
            elif escaped == "u":
                out.append(self.hex(self.index, 4))
                self.index += 4
            elif escaped == "\r":
                if self.peek() == "\n":
                    self.index += 1
            elif escaped in _LINE_BREAKS:
                pass  # a line continuation
            else:
                out.append(escaped)

    def literal(self) -> Value:
        text = self.text
        start = self.index
        for word, kind, value in (
            ("true", "bool", True),
            ("false", "bool", False),
            ("null", "null", None),
        ):
            if text.startswith(word, start):
                node = Value(kind, start)
                node.value = value
                self.index = node.end = start + len(word)
                return node
        index = start
        if text[index : index + 1] in ("+", "-"):
            index += 1
        sign = -1.0 if text[start : start + 1] == "-" else 1.0
        rest = text[index:]
        if rest.startswith("Infinity"):
            number, index = sign * float("inf"), index + 8
        elif rest.startswith("NaN"):
            number, index = float("nan"), index + 3
        elif rest[:2] in ("0x", "0X"):
            end = index + 2
            while end < len(text) and text[end] in _HEX:
                end += 1
            if end == index + 2:
                raise self.fail("invalid number", start)
            number, index = sign * int(text[index + 2 : end], 16), end
        else:
            end = index
            while end < len(text) and text[end] in _DIGITS:
                end += 1
            whole = text[index:end]
            if len(whole) > 1 and whole.startswith("0"):
                raise self.fail("invalid number (leading zero)", start)
            fraction = ""
            if text[end : end + 1] == ".":
                after = end + 1
                while after < len(text) and text[after] in _DIGITS:
                    after += 1
                fraction, end = text[end:after], after
            if not whole and len(fraction) < 2:
                raise self.fail("unexpected character", start)
            if text[end : end + 1] in ("e", "E"):
                after = end + 1
                if text[after : after + 1] in ("+", "-"):
                    after += 1
                digits = after
                while after < len(text) and text[after] in _DIGITS:
                    after += 1
                if after == digits:
                    raise self.fail("invalid number", start)
                end = after
            number, index = float(text[start:end]), end
        node = Value("number", start)
        node.value = number
        self.index = node.end = index
        return node


def parse(text: str) -> Value:
    reader = _Reader(text)
    root = reader.value()
    reader.skip()
    if reader.index < len(text):
        raise reader.fail("unexpected text after the value")
    return root
