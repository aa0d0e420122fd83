"""Where a `uses:` value and its trailing comment are spelled in the file's own text.

A value's literal span (:func:`value_text`), the place to report it (:func:`span`), the
comment after it (:func:`trailing_comment`) and the version that comment names
(:func:`version_comment`). Values written with escapes or folded over lines have no single
literal span: callers report them without an automatic fix.
"""

from __future__ import annotations

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.shell import Command, Word
    from supply_chain_hooks.source import Source


class ValueText(Record):
    """Where a scalar's stripped value is spelled literally in the file.

    ``comment_from`` is where a trailing comment may start: after the scalar, or after a
    block scalar's header indicator.
    """

    start: int
    end: int
    comment_from: int
    block: bool


def value_text(source: Source, node: y.Node) -> ValueText | None:
    """The literal span of a scalar's stripped value, or None when it is not spelled literally.

    Values written with escapes (`"\\x41"`, `''`) or folded over several lines have no single
    literal span; callers report them without an automatic fix.
    """
    value = y.scalar(node)
    if value is None:
        return None
    wanted = value.strip()
    first, last = y.start(node), y.end(node)
    raw = source.text[first:last]
    if not wanted or raw.count(wanted) != 1 or "\n" in wanted:
        return None
    style = getattr(node, "style", None) or ""
    if style == '"' and "\\" in raw:
        return None
    if style == "'" and "''" in raw:
        return None
    offset = first + raw.index(wanted)
    block = style in ("|", ">")
    comment_from = last
    if block:
        # A block scalar's comment can only stand on its header line, after the indicator
        # and its chomping/indentation modifiers (`>-`, `|+2`).
        indicator = first
        text = source.text
        while text[indicator : indicator + 1] in ("&", "!"):
            while indicator < offset and not text[indicator].isspace():
                indicator += 1
            while indicator < offset and text[indicator] in " \t":
                indicator += 1
        if text[indicator : indicator + 1] != style:
            return None
        comment_from = indicator + 1
        while source.text[comment_from : comment_from + 1] in ("+", "-") or (
            source.text[comment_from : comment_from + 1].isdigit()
        ):
            comment_from += 1
    return ValueText(offset, offset + len(wanted), comment_from, block)


class Comment(Record):
    """A trailing comment: from its `#` to the end of the line (before the line break)."""

    start: int
    end: int
    text: str


def line_end(source: Source, offset: int) -> int:
    index = source.text.find("\n", offset)
    end = len(source.text) if index < 0 else index
    if end > offset and source.text[end - 1] == "\r":
        end -= 1
    return end


def trailing_comment(source: Source, offset: int) -> tuple[Comment | None, int] | None:
    """The comment on offset's line after offset, and where the line's content ends.

    Skips quoted strings on the way (flow-style lines); returns None when the line ends
    inside a quoted string, where nothing can be appended safely.
    """
    text = source.text
    end = line_end(source, offset)
    index = offset
    quote = ""
    while index < end:
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote:
                if quote == "'" and text[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                quote = ""
        elif char in "'\"" and index > offset and text[index - 1] in " \t,[{:":
            quote = char
        elif char == "#" and index > 0 and text[index - 1] in " \t":
            content_end = _rstrip(text, offset, index)
            return Comment(index, end, text[index:end]), content_end
        index += 1
    if quote:
        return None
    return None, _rstrip(text, offset, end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


def comment_line(source: Source, node: y.Node) -> int:
    """The line where a value's trailing comment stands (a block scalar's header line)."""
    style = getattr(node, "style", None) or ""
    offset = y.start(node) if style in ("|", ">") else y.end(node)
    return source.position(offset)[0]


_lines: list[tuple[Source, Sequence[Site], dict[int, int]]] = []


def others_on_line(source: Source, sites: Sequence[Site], site: Site) -> bool:
    """Whether another site's comment would stand on the same line as site's (flow style).

    The sites per comment line are counted once per (source, sites) pair: every site of a
    file asks, and asking each other site every time would be quadratic.
    """
    if _lines and _lines[0][0] is source and _lines[0][1] is sites:
        counts = _lines[0][2]
    else:
        counts = {}
        for other in sites:
            line = comment_line(source, other.node)
            counts[line] = counts.get(line, 0) + 1
        _lines[:] = [(source, sites, counts)]
    return counts.get(comment_line(source, site.node), 0) > 1


def span(source: Source, node: y.Node) -> tuple[int, int]:
    """Where to report a value: its literal text, or a block scalar's header line."""
    text = value_text(source, node)
    if text is not None and not text.block:
        return text.start, text.end
    start = y.content_start(source.text, node)
    return start, max(start, min(y.end(node), line_end(source, start)))


def version_comment(
    source: Source, sites: Sequence[Site], site: Site
) -> tuple[str, int, int] | None:
    """The version a SHA pin's comment names, with its offsets in the file, or None."""
    from supply_chain_hooks.github.versions import comment_version

    text = value_text(source, site.node)
    if text is None or others_on_line(source, sites, site):
        return None
    found = trailing_comment(source, text.comment_from)
    if found is None or found[0] is None:
        return None
    comment = found[0]
    version = comment_version(comment.text)
    if version is None:
        return None
    token, start, end = version
    return token, comment.start + start, comment.start + end


class RunScript:
    """Maps offsets in a `run:` value to offsets in the file where the value is written
    line for line (literal block scalars, single-line scalars); elsewhere every offset maps
    to the value's start. Shared by the hooks that read `run:` scripts."""

    def __init__(self, source: Source, node: y.Node) -> None:
        self.fallback = y.start(node)
        self.lines: list[tuple[int, int]] = []  # (value offset, file offset) of each line
        value = y.scalar(node) or ""
        style = getattr(node, "style", None) or ""
        if style == "|":
            self._block(source, node, value)
        elif "\n" not in value:
            text = value_text(source, node)
            if text is not None:
                self.lines = [(len(value) - len(value.lstrip()), text.start)]

    def _block(self, source: Source, node: y.Node, value: str) -> None:
        first_line = source.position(y.start(node))[0] + 1
        offset = 0
        for index, line in enumerate(value.split("\n")):
            number = first_line + index
            if number > len(source.line_starts()):
                break
            written = source.line_text(number)
            if line and not written.endswith(line):
                self.lines = []
                return
            self.lines.append((offset, source.offset(number) + len(written) - len(line)))
            offset += len(line) + 1

    def offset(self, index: int) -> int:
        found = self.fallback
        for value_offset, file_offset in self.lines:
            if value_offset > index:
                break
            found = file_offset + index - value_offset
        return found

    def word(self, word: Word) -> Word:
        """The word, located in the file."""
        from supply_chain_hooks.shell import Word

        start = self.offset(word.start)
        end = max(start, self.offset(max(word.start, word.end - 1)) + 1)
        return Word(word.text, start, end, word.opaque)

    def command(self, command: Command) -> Command:
        """The command with every word located in the file."""
        from supply_chain_hooks.shell import Command

        return Command(
            tuple(self.word(word) for word in command.assignments),
            tuple(self.word(word) for word in command.words),
        )
