"""An exact fast path for the YAML most workflows are written in, without importing ruamel.

:func:`compose` reads plain block-style YAML (block mappings and sequences, plain and
single-line quoted scalars, literal and folded block scalars, single-line flow
collections, comments) into nodes that look like those of ruamel.yaml's C composer as
:mod:`supply_chain_hooks.yaml_doc` runs it: the same kinds, values, styles, tags and
start/end marks (index, line, column). Anything else (anchors, aliases, tags, multi-line
plain or quoted scalars, escapes in double quotes, tabs, CR, explicit keys, directives,
several documents, invalid YAML...) raises :class:`Unsupported`, and :func:`parse` then
hands the file to the full parser, so its result is always :func:`yaml_doc.parse`'s.
Differential tests (``tests/test_fast_yaml.py``) hold the two equal on every workflow of
the corpus and on generated documents.

Importing ruamel.yaml costs a hook about 25 ms of start-up, half of what zizmor needs for
a whole small workflow; this module imports nothing but ``re``.
"""

from __future__ import annotations

import re
import sys
from itertools import accumulate

from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.yaml_doc import Document

#: Characters the fast path leaves to the full parser: those outside YAML's printable set,
#: those libyaml treats specially (CR, NEL, LS, PS, BOM) and tab. Compiled when a text is
#: not ASCII (a class with these ranges takes about a millisecond to compile).
_UNSUPPORTED = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
_UNSUPPORTED_ASCII = lazy("[\x00-\x09\x0b-\x1f\x7f]")
_MARKER = lazy(r"^(?:---|\.\.\.|%)", re.MULTILINE)
#: libyaml refuses implicit keys longer than 1024 characters.
MAX_KEY = 1000
#: Plain mapping keys the fast path reads (anything else is left to the full parser).
_PLAIN_KEY = lazy(r"[A-Za-z0-9_$.(][A-Za-z0-9_$.()/ -]*")
#: Characters that cannot start a plain scalar (or start something else).
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class Unsupported(Exception):
    """The text uses YAML the fast path does not read: use the full parser."""


class Mark:
    """A position, as ruamel's marks give it (0-based index, line and column)."""

    __slots__ = ("column", "index", "line")
    name = None
    buffer = None
    pointer = None

    def __init__(self, index: int, line: int, column: int) -> None:
        self.index = index
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Mark(index={self.index}, line={self.line}, column={self.column})"


#: A position: (index, line, column). Nodes keep tuples and build Mark objects on demand.
Pos = tuple[int, int, int]


class _Node:
    __slots__ = ("_end", "_start")
    comment = None
    anchor = None
    _start: Pos
    _end: Pos

    @property
    def start_mark(self) -> Mark:
        return Mark(*self._start)

    @property
    def end_mark(self) -> Mark:
        return Mark(*self._end)


class ScalarNode(_Node):
    __slots__ = ("style", "value")
    id = "scalar"
    tag = STR

    def __init__(self, value: str, start: Pos, end: Pos, style: str) -> None:
        self.value = value
        self._start = start
        self._end = end
        self.style = style

    def __repr__(self) -> str:
        return f"ScalarNode(tag={self.tag!r}, value={self.value!r})"


class SequenceNode(_Node):
    __slots__ = ("flow_style", "value")
    id = "sequence"
    tag = SEQ

    def __init__(self, value: list[Node], start: Pos, flow_style: bool) -> None:
        self.value = value
        self._start = self._end = start
        self.flow_style = flow_style

    def __repr__(self) -> str:
        return f"SequenceNode(tag={self.tag!r}, value={self.value!r})"


class MappingNode(_Node):
    __slots__ = ("flow_style", "value")
    id = "mapping"
    tag = MAP
    merge = None

    def __init__(self, value: list[tuple[ScalarNode, Node]], start: Pos, flow_style: bool) -> None:
        self.value = value
        self._start = self._end = start
        self.flow_style = flow_style

    def __repr__(self) -> str:
        return f"MappingNode(tag={self.tag!r}, value={self.value!r})"


Node = ScalarNode | SequenceNode | MappingNode


class _Composer:
    """A line-oriented reader of the block-style subset (one instance per text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = lines = text.split("\n")
        starts = [0, *accumulate(len(line) + 1 for line in lines)]
        contents = [line.lstrip(" ") for line in lines]
        #: Indentation of each line with content; -1 for blank and comment-only lines.
        indents = [
            len(line) - len(content) if content and content[0] != "#" else -1
            for line, content in zip(lines, contents, strict=True)
        ]
        #: Lines that start like a document marker or a directive.
        markers = (
            [n for n, line in enumerate(lines) if line.startswith(("---", "...", "%"))]
            if _MARKER.search(text)
            else []
        )
        self.starts = starts
        self.indents = indents
        self.markers = markers
        last = len(lines) - 1
        # At the end of the text, libyaml closes the collections indented deeper than where
        # its scan stopped (the end of the last line) right there; then it moves to a new
        # line when that column is not 0, and closes the others.
        self.end_column = len(lines[last])
        self.at_end = (len(text), last, self.end_column)
        self.stream_end = (len(text), last + 1 if lines[last] else last, 0)

    # -- positions

    def mark(self, line: int, column: int) -> Pos:
        return (self.starts[line] + column, line, column)

    def next_content(self, line: int) -> int:
        """The first line at or after `line` with content (len(lines) when none)."""
        indents = self.indents
        while line < len(indents) and indents[line] < 0:
            line += 1
        return line

    def end_mark(self, line: int, column: int) -> Pos:
        """Where the block collection at `column` that ends before `line` ends: where the
        next token starts (after blank and comment lines), or at the end of the text."""
        line = self.next_content(line)
        if line < len(self.lines):
            return self.mark(line, self.indents[line])
        return self.at_end if column > self.end_column else self.stream_end

    # -- the document

    def document(self) -> Node | None:
        line = self.next_content(0)
        lines = self.lines
        if self.markers:
            # Only a plain `---` that starts the one document.
            first = lines[line]
            rest = first[3:]
            if self.markers != [line] or not first.startswith("---") or _trailing(rest, 0) < 0:
                raise Unsupported("document marker or directive")
            line = self.next_content(line + 1)
            if line >= len(lines):
                raise Unsupported("empty explicit document")
        if line >= len(lines):
            return None
        node, after = self.block(line, self.indents[line], -1)
        if self.next_content(after) < len(lines):
            raise Unsupported("content after the root node")
        return node

    def block(self, line: int, column: int, parent: int) -> tuple[Node, int]:
        """The block collection whose first entry is at (line, column); returns it and the
        line after it. `parent` is the indentation it must exceed."""
        text = self.lines[line]
        if text[column] == "-" and text[column + 1 : column + 2] in ("", " "):
            return self.sequence(line, column)
        if _is_key(text, column):
            return self.mapping(line, column)
        return self.inline(line, column, parent)

    def sequence(self, line: int, column: int) -> tuple[Node, int]:
        items: list[Node] = []
        node = SequenceNode(items, self.mark(line, column), False)
        lines, indents = self.lines, self.indents
        while True:
            value, line = self.entry_value(line, column + 1, column, in_sequence=True)
            items.append(value)
            line = self.next_content(line)
            if line >= len(lines) or indents[line] < column:
                break
            if indents[line] > column:
                raise Unsupported("unexpected indentation")
            text = lines[line]
            if not (text[column] == "-" and text[column + 1 : column + 2] in ("", " ")):
                break  # an indentless sequence ends at its mapping's next key
        node._end = self.end_mark(line, column)
        return node, line

    def mapping(self, line: int, column: int) -> tuple[Node, int]:
        pairs: list[tuple[ScalarNode, Node]] = []
        node = MappingNode(pairs, self.mark(line, column), False)
        lines, indents = self.lines, self.indents
        seen: set[str] = set()
        while True:
            key, colon = self.key(line, column)
            if key.value in seen:
                raise Unsupported("duplicate key")  # yaml_doc.parse reports it
            seen.add(key.value)
            value, line = self.entry_value(line, colon + 1, column, in_sequence=False)
            pairs.append((key, value))
            line = self.next_content(line)
            if line >= len(lines) or indents[line] < column:
                break
            if indents[line] > column:
                raise Unsupported("unexpected indentation")
        node._end = self.end_mark(line, column)
        return node, line

    def key(self, line: int, column: int) -> tuple[ScalarNode, int]:
        """The implicit key at (line, column) and the column of its `:`."""
        text = self.lines[line]
        first = text[column]
        if first in ("'", '"'):
            value, end = _quoted(text, column)
            if text[end : end + 1] != ":" or text[end + 1 : end + 2] not in ("", " "):
                raise Unsupported("quoted key")
            style = first
        else:
            end = text.find(": ", column)
            if end < 0:
                if not text.endswith(":"):
                    raise Unsupported("not a mapping entry")
                end = len(text) - 1
            value = text[column:end]
            if not _PLAIN_KEY.fullmatch(value) or value.endswith(" ") or " #" in value:
                raise Unsupported("plain key")
            style = ""
        if end - column > MAX_KEY:
            raise Unsupported("long key")
        base = self.starts[line]
        node = ScalarNode(value, (base + column, line, column), (base + end, line, end), style)
        return node, end

    def entry_value(
        self, line: int, position: int, column: int, *, in_sequence: bool
    ) -> tuple[Node, int]:
        """The value after a `- ` or `key:` whose indicator ends at `position` on `line`
        (the entry starts at `column`); returns it and the line after it."""
        text = self.lines[line]
        start = _skip_spaces(text, position)
        if start == len(text) or text[start] == "#":
            if start == position < len(text):
                raise Unsupported("comment without a space")
            # The value is on the following lines, or empty.
            following = self.next_content(line + 1)
            if following < len(self.lines):
                indent = self.indents[following]
                if indent > column:
                    return self.block(following, indent, column)
                nested = self.lines[following]
                if (
                    not in_sequence
                    and indent == column
                    and nested[column] == "-"
                    and nested[column + 1 : column + 2] in ("", " ")
                ):
                    return self.sequence(following, column)
            empty = self.mark(line, position)
            return ScalarNode("", empty, empty, ""), line + 1
        if start == position:
            raise Unsupported("no space after the indicator")
        first = text[start]
        if in_sequence and first == "-" and text[start + 1 : start + 2] in ("", " "):
            return self.sequence(line, start)  # `- - x`: a sequence in a sequence
        if in_sequence and first not in "[{|>" and _is_key(text, start):
            return self.mapping(line, start)  # `- key: value`: a compact mapping
        return self.inline(line, start, column)

    def inline(self, line: int, start: int, parent: int) -> tuple[Node, int]:
        """A scalar or flow collection starting at (line, start), inside the block
        collection at column `parent`; returns it and the line after it."""
        text = self.lines[line]
        first = text[start]
        if first in "|>":
            return self.block_scalar(line, start, parent)
        node: Node
        if first in "[{":
            node, end = _flow(self, line, text, start)
        elif first in ("'", '"'):
            value, end = _quoted(text, start)
            node = ScalarNode(value, self.mark(line, start), self.mark(line, end), first)
        else:
            return self.plain(line, start, parent)
        if _trailing(text, end) < 0:
            raise Unsupported("text after a value")
        return node, line + 1

    def plain(self, line: int, start: int, parent: int) -> tuple[ScalarNode, int]:
        """A plain scalar, folded over the following lines indented deeper than `parent`."""
        lines = self.lines
        text = lines[line]
        first = text[start]
        if first in _NOT_PLAIN_START and not (
            first == "-" and text[start + 1 : start + 2] not in ("", " ")
        ):
            raise Unsupported("not a plain scalar")
        comment = text.find(" #", start)
        value = text[start : len(text) if comment < 0 else comment].rstrip(" ")
        if ": " in value or value.endswith(":"):
            raise Unsupported("`: ` in a plain scalar")
        end_line, end = line, start + len(value)
        following = self.indents[line + 1] if line + 1 < len(lines) else 0
        if comment >= 0 or 0 <= following <= parent:  # the usual case: one line
            base = self.starts[line]
            node = ScalarNode(value, (base + start, line, start), (base + end, line, end), "")
            return node, line + 1
        parts = [value]
        empty = 0
        number = line + 1
        while number < len(lines):
            current = lines[number]
            content = current.lstrip(" ")
            if not content:
                empty += 1
                number += 1
                continue
            if len(current) - len(content) <= parent or content[0] == "#":
                break
            # libyaml continues a plain scalar with any line indented deeper than its
            # collection, whatever it starts with (`- x`, `| y`...), except a comment.
            comment = content.find(" #")
            piece = content[: len(content) if comment < 0 else comment].rstrip(" ")
            if ": " in piece or piece.endswith(":"):
                raise Unsupported("`: ` in a plain scalar")
            parts.append("\n" * empty if empty else " ")
            parts.append(piece)
            empty = 0
            end_line, end = number, len(current) - len(content) + len(piece)
            number += 1
            if comment >= 0:
                break
        node = ScalarNode("".join(parts), self.mark(line, start), self.mark(end_line, end), "")
        return node, end_line + 1

    def block_scalar(self, line: int, start: int, parent: int) -> tuple[ScalarNode, int]:
        text, lines = self.lines[line], self.lines
        style = text[start]
        position = start + 1
        chomp = text[position : position + 1]
        if chomp in ("-", "+"):
            position += 1
        else:
            chomp = ""
        if _trailing(text, position) < 0 or text[position : position + 1] == "#":
            raise Unsupported("block scalar header")
        number = line + 1
        leading = 0
        while number < len(lines) and not lines[number]:
            leading += 1
            number += 1
        if number >= len(lines) or not lines[number].strip(" "):
            raise Unsupported("block scalar without content")
        indent = len(lines[number]) - len(lines[number].lstrip(" "))
        if indent <= max(parent, 0):  # libyaml: a root block scalar is indented too
            raise Unsupported("block scalar without content")
        body: list[str] = [""] * leading
        last = number  # the last line with content
        while number < len(lines):
            current = lines[number]
            stripped = current.lstrip(" ")
            if not stripped:
                if len(current) > indent:
                    raise Unsupported("spaces beyond the indentation of a block scalar")
                body.append("")
            elif len(current) - len(stripped) < indent:
                break
            else:
                body.append(current[indent:])
                last = number
            number += 1
        del body[last - line :]
        # libyaml ends a block scalar after the last line break it consumed: at the start
        # of the line that stopped it, or of a last line of spaces without a break.
        final = len(lines) - 1
        if number > final and not lines[final].strip(" "):
            number = final
        end = self.mark(number, 0) if number <= final else self.position(len(self.text))
        last_end = self.starts[last] + len(lines[last])
        breaks = self.text.count("\n", last_end, end[0])
        value = _fold(body) if style == ">" else "\n".join(body)
        if chomp == "+":
            value += "\n" * breaks
        elif chomp == "" and breaks:
            value += "\n"
        return ScalarNode(value, self.mark(line, start), end, style), number

    def position(self, index: int) -> Pos:
        line = len(self.lines) - 1
        while self.starts[line] > index:
            line -= 1
        return (index, line, index - self.starts[line])


_SPACES = lazy(" *")


def _skip_spaces(text: str, position: int) -> int:
    return _SPACES.match(text, position).end()  # type: ignore[union-attr]  # always matches


def _trailing(text: str, position: int) -> int:
    """After a value: spaces, then the end of the line or a comment. -1 when anything else."""
    end = _skip_spaces(text, position)
    if end == len(text):
        return end
    if text[end] == "#" and end > position:
        return end
    return -1


def _is_key(text: str, start: int) -> bool:
    """Whether an implicit key starts at `start` (the caller then reads it exactly)."""
    first = text[start]
    if first in ("'", '"'):
        end = _quoted(text, start)[1]
        return text[end : end + 1] == ":"
    colon = text.find(": ", start)
    comment = text.find(" #", start)
    if colon >= 0 and (comment < 0 or colon < comment):
        return True
    return comment < 0 and text.endswith(":")


def _quoted(text: str, start: int) -> tuple[str, int]:
    """A single-line quoted scalar at `start`: its value and the index after its close."""
    quote = text[start]
    position = start + 1
    if quote == "'":
        parts = []
        while True:
            close = text.find("'", position)
            if close < 0:
                raise Unsupported("multi-line quoted scalar")
            parts.append(text[position:close])
            if text[close + 1 : close + 2] == "'":
                parts.append("'")
                position = close + 2
                continue
            return "".join(parts), close + 1
    close = text.find('"', position)
    if close < 0:
        raise Unsupported("multi-line quoted scalar")
    value = text[position:close]
    if "\\" not in value:
        return value, close + 1
    match = _DOUBLE_QUOTED.match(text, start)
    if match is None:
        raise Unsupported("multi-line quoted scalar")
    return _ESCAPE.sub(_unescape, match.group(1)), match.end()


#: A double-quoted scalar that closes on its line (a backslash at the end of the line
#: escapes the line break: multi-line, left to the full parser).
_DOUBLE_QUOTED = lazy(r'"((?:[^"\\\n]|\\[^\n])*)"')
_ESCAPE = lazy(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
#: libyaml's escapes (YAML 1.1 plus `\/`), besides the hexadecimal ones.
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if len(escape) == 1:
        if escape not in _ESCAPES:
            raise Unsupported("unknown escape")  # libyaml rejects it
        return _ESCAPES[escape]
    code = int(escape[1:], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported("invalid escaped code point")  # libyaml rejects it
    return chr(code)


def _flow(composer: _Composer, line: int, text: str, start: int) -> tuple[Node, int]:
    """A flow collection that opens and closes on this line."""
    opener = text[start]
    position = _skip_spaces(text, start + 1)
    closer = "]" if opener == "[" else "}"
    items: list[Node] = []
    pairs: list[tuple[ScalarNode, Node]] = []
    node: SequenceNode | MappingNode
    if opener == "[":
        node = SequenceNode(items, composer.mark(line, start), True)
    else:
        node = MappingNode(pairs, composer.mark(line, start), True)
    if text[position : position + 1] == closer:
        node._end = composer.mark(line, position + 1)
        return node, position + 1
    while True:
        item, position = _flow_item(composer, line, text, position)
        position = _skip_spaces(text, position)
        if opener == "{":
            if not isinstance(item, ScalarNode) or text[position : position + 2] != ": ":
                raise Unsupported("flow mapping entry")
            if any(key.value == item.value for key, _ in pairs):
                raise Unsupported("duplicate key")  # yaml_doc.parse reports it
            value, position = _flow_item(composer, line, text, _skip_spaces(text, position + 2))
            pairs.append((item, value))
            position = _skip_spaces(text, position)
        else:
            items.append(item)
        separator = text[position : position + 1]
        if separator == closer:
            node._end = composer.mark(line, position + 1)
            return node, position + 1
        if separator != ",":
            raise Unsupported("flow collection")
        position = _skip_spaces(text, position + 1)
        if text[position : position + 1] in ("", ",", "]", "}"):
            raise Unsupported("empty flow entry")


def _flow_item(composer: _Composer, line: int, text: str, start: int) -> tuple[Node, int]:
    first = text[start : start + 1]
    if first in ("[", "{"):
        return _flow(composer, line, text, start)
    if first in ("'", '"'):
        value, end = _quoted(text, start)
        return ScalarNode(value, composer.mark(line, start), composer.mark(line, end), first), end
    match = _FLOW_PLAIN.match(text, start)
    if match is None:
        raise Unsupported("flow scalar")
    value = match.group().rstrip(" ")
    end = start + len(value)
    return ScalarNode(value, composer.mark(line, start), composer.mark(line, end), ""), end


#: A plain scalar inside a flow collection, conservatively: it starts with a character
#: that is never an indicator (or `-` before a word character) and holds no `:`, `?` or `#`
#: (the C parser refuses `:` and `?` there; yaml_doc's pure-Python fallback reads them).
_FLOW_PLAIN = lazy(r"(?:[^\x00-\x7f]|[A-Za-z0-9_$.(~=+^;/\\]|-[A-Za-z0-9_-])[^,\[\]{}#:?]*")


def _fold(lines: list[str]) -> str:
    """Folded block scalar content, as libyaml folds it (lines without their indentation,
    '' for empty lines): a break between two lines that do not start with a space becomes
    a space, or disappears before empty lines; breaks next to more-indented lines stay."""
    parts: list[str] = []
    empty = 0
    started = previous_more = False
    for line in lines:
        if not line:
            empty += 1
            continue
        more = line[0] == " "
        if not started:
            parts.append("\n" * empty)
        elif previous_more or more:
            parts.append("\n" * (empty + 1))
        else:
            parts.append("\n" * empty if empty else " ")
        parts.append(line)
        started, previous_more, empty = True, more, 0
    return "".join(parts)


def compose(text: str) -> Node | None:
    """The document's root node as ruamel's C composer gives it; raises Unsupported when
    the text is not in the subset this module reads exactly (or repeats a mapping key,
    which yaml_doc.parse reports)."""
    unsupported = _UNSUPPORTED_ASCII if text.isascii() else re.compile(_UNSUPPORTED)
    if unsupported.search(text) is not None:
        raise Unsupported("character")
    try:
        return _Composer(text).document()
    except IndexError:
        raise Unsupported("unexpected end of line") from None
    except RecursionError:
        raise Unsupported("nesting too deep") from None


def parse(source: Source) -> Document:
    """:func:`yaml_doc.parse`, through the fast path when the text allows it.

    The result is the same either way (the same node kinds, values, styles and marks; the
    same InputError for an invalid file, which always takes the full parser).
    """
    from supply_chain_hooks import yaml_doc

    text = source.text
    if len(text) <= yaml_doc.MAX_CHARS and sys.implementation.name == "cpython":
        # Stand in only for the C composer (yaml_doc uses the pure-Python one above a depth
        # bound); a block prefix is never longer than its line, so a cheap bound comes first.
        flow = text.count("[") + text.count("{")
        cheap = flow + 2 * (max(map(len, text.split("\n"))) + 2)
        if cheap > yaml_doc.C_SAFE_DEPTH and yaml_doc._depth_bound(text) > yaml_doc.C_SAFE_DEPTH:
            return yaml_doc.parse(source)
        try:
            root = compose(source.text)  # duplicate keys are Unsupported too
        except Unsupported:
            pass
        else:
            # The fast nodes have every attribute yaml_doc's helpers and the rules read; a
            # tree nested too deep is reported by the full parser.
            if (
                root is None
                or not yaml_doc.may_nest_too_deep(text)
                or yaml_doc.too_deep(root) is None  # type: ignore[arg-type]
            ):
                return yaml_doc.Document(source, root)  # type: ignore[arg-type]
    return yaml_doc.parse(source)
