"""pip's line reader for requirements files: logical lines with their spans.

The reader follows ``pip._internal.req.req_file`` (pip 26.3) step by step, so that what
we check is what pip installs:

1. physical lines as ``str.splitlines`` cuts them;
2. a line ending exactly in ``\\`` is joined with the next one, unless the line matches
   ``(^|\\s+)#.*$`` from its start (a comment line ends a continuation);
3. ``(^|\\s+)#.*$`` is cut from the joined line, which is then stripped; empty lines go;
4. the line is split on single spaces: tokens before the first token starting with ``-``
   are the requirement, the rest is parsed as options (:mod:`supply_chain_hooks.deps.options`).

``${VAR}`` references are kept as written (pip expands them from the environment; the
checker reports them). Every logical line keeps the offsets of its text in the decoded
file, so findings point at the requirement's first line.
"""

from __future__ import annotations

from supply_chain_hooks.deps.options import parse_options
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.source import Source

COMMENT_RE = lazy(r"(^|\s+)#.*$")
ENV_VAR_RE = lazy(r"\$\{([A-Z0-9_]+)\}")
# str.splitlines() boundaries.
_LINE_BREAK = lazy(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_EXOTIC_BREAK = lazy(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# The first token (after a single space, or at the start) that starts with "-".
_FIRST_OPTION = lazy(r"(?:^|(?<= ))-")


class OptionUse(Record):
    """One option on a logical line, e.g. ``--hash`` with its value."""

    name: str  #: pip's long option name, whatever abbreviation was written
    value: str | None
    start: int  #: position of the option's token (and its value) in ``LogicalLine.text``
    end: int


class LogicalLine(Record):
    """A line as pip sees it after joining continuations and removing comments."""

    number: int  #: pip's line number (the first physical line, as splitlines counts)
    start: int  #: offset of the first physical line
    end: int  #: end offset of the last physical line (without its line break)
    text: str  #: the joined text without comments, stripped
    requirement: str  #: the requirement part ("" when the line has only options)
    options: tuple[OptionUse, ...] = ()
    #: pip cannot parse the options (unknown option, missing value, unbalanced quotes).
    error: str | None = None
    #: Tokens after the first option that are not options: pip drops them silently.
    positional: tuple[str, ...] = ()
    #: Offset of a comment line that ended this line's backslash continuation.
    ended_by_comment: int | None = None
    #: Offset of a comment (before a trailing backslash) that hid later physical lines.
    swallowed_at: int | None = None
    swallowed: str = ""
    physical_count: int = 1
    #: Offset of a physical line ending in more than one backslash: pip strips them all
    #: and joins the next line, uv refuses the file.
    double_backslash: int | None = None
    is_editable: bool = False  #: pip installs it in editable mode (``-e``)
    #: (offset in the joined text, offset in the file, is a comment line) per physical line.
    pieces: tuple[tuple[int, int, bool], ...] = ()
    lead: int = 0  #: whitespace stripped from the start of the joined text

    def offset(self, position: int) -> int:
        """The file offset of a position in ``text``."""
        return _to_source(self.pieces, position + self.lead)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of ``text[start:end]`` (end inclusive of its last character)."""
        first = self.offset(start)
        return first, max(self.offset(max(end - 1, start)) + 1, first)

    @property
    def req_start(self) -> int:
        return self.offset(0)

    @property
    def req_end(self) -> int:
        if not self.requirement:
            return self.req_start
        return self.source_span(0, len(self.requirement.rstrip()))[1]

    @property
    def editables(self) -> list[str]:
        return [o.value for o in self.options if o.name == "--editable" and o.value is not None]

    @property
    def effective_requirement(self) -> str | None:
        """The requirement pip installs for this line (None for option-only lines)."""
        if self.requirement:
            return self.requirement
        editables = self.editables
        return editables[0] if editables else None

    def values(self, name: str) -> list[str]:
        return [o.value for o in self.options if o.name == name and o.value is not None]

    def has(self, name: str) -> bool:
        return any(o.name == name for o in self.options)

    @property
    def broken_continuation(self) -> bool:
        """A backslash followed by whitespace: pip does not join, the text keeps the ``\\``."""
        return self.text.endswith("\\")


class RequirementsFile(Record):
    path: str
    source: Source
    lines: tuple[LogicalLine, ...]


# -- physical lines -------------------------------------------------------------------------


def physical_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each line exactly as ``text.splitlines()`` cuts them."""
    if _EXOTIC_BREAK.search(text) is None:
        start = 0
        parts = text.split("\n")
        if parts[-1] == "":
            parts.pop()  # splitlines() drops what follows the last line break
        for line in parts:
            yield start, start + len(line)
            start += len(line) + 1
        return
    position = 0
    for match in _LINE_BREAK.finditer(text):
        yield position, match.start()
        position = match.end()
    if position < len(text):
        yield position, len(text)


# -- logical lines ---------------------------------------------------------------------------


#: (offset in the joined text, offset in the file, is a comment line)
_Piece = tuple[int, int, bool]


def parse(source: Source) -> RequirementsFile:
    """Read a requirements file's logical lines (never raises on content)."""
    text = source.text
    lines: list[LogicalLine] = []
    parts: list[str] = []
    pieces: list[_Piece] = []
    first_number = 0
    joined_length = 0
    first_start = 0
    doubled: int | None = None
    for number, (start, end) in enumerate(physical_lines(text), start=1):
        line = text[start:end]
        is_comment = "#" in line and COMMENT_RE.match(line) is not None
        if not line.endswith("\\") or is_comment:
            if is_comment:
                piece: _Piece = (joined_length, start - 1, True)
                line = " " + line
            else:
                piece = (joined_length, start, False)
            if parts:
                parts.append(line)
                pieces.append(piece)
                logical = _logical("".join(parts), pieces, first_number, first_start, end, doubled)
            elif is_comment or not line or line.isspace():
                continue  # a comment or blank line on its own: nothing for pip
            else:
                logical = _logical(line, [piece], number, start, end)
            if logical is not None:
                lines.append(logical)
            parts, pieces, joined_length, doubled = [], [], 0, None
        else:
            if not parts:
                first_number, first_start = number, start
            if doubled is None and line.endswith("\\\\"):
                doubled = start + len(line.rstrip("\\"))
            stripped = line.strip("\\")
            leading = len(line) - len(line.lstrip("\\"))
            pieces.append((joined_length, start + leading, False))
            parts.append(stripped)
            joined_length += len(stripped)
    if parts:
        logical = _logical("".join(parts), pieces, first_number, first_start, len(text), doubled)
        if logical is not None:
            lines.append(logical)
    return RequirementsFile(source.path, source, tuple(lines))


def _logical(
    joined: str,
    pieces: list[_Piece],
    number: int,
    start: int,
    end: int,
    double_backslash: int | None = None,
) -> LogicalLine | None:
    comment = COMMENT_RE.search(joined) if "#" in joined else None
    cut = comment.start() if comment else len(joined)
    kept = joined[:cut]
    content = kept.strip()
    ended_by_comment = None
    swallowed_at = None
    swallowed = ""
    frozen = tuple(pieces)
    if len(pieces) > 1 and pieces[-1][2]:
        ended_by_comment = pieces[-1][1] + 1
    if comment is not None and len(pieces) > 1:
        hash_at = comment.start() + len(comment.group(1))
        index = _piece_index(frozen, hash_at)
        if index < len(pieces) - 1:
            stop = pieces[-1][0] if pieces[-1][2] else len(joined)
            rest = joined[pieces[index + 1][0] : stop].strip()
            if rest:
                swallowed_at = _to_source(frozen, hash_at)
                swallowed = rest
    if not content:
        return None
    lead = len(kept) - len(kept.lstrip())
    option_at = _FIRST_OPTION.search(content) if "-" in content else None
    if option_at is None:
        requirement, options_text, options_offset = content, "", len(content)
    else:
        k = option_at.start()
        requirement = content[: k - 1] if k > 0 else ""
        options_text, options_offset = content[k:], k
    uses: list[OptionUse] = []
    error = None
    positional: tuple[str, ...] = ()
    if options_text:
        parsed = parse_options(options_text)
        error = parsed.error
        positional = tuple(parsed.positional)
        offsets, tokens = parsed.offsets, parsed.tokens
        for name, value, index in parsed.events:
            if offsets is not None and index < len(offsets):
                token_start = options_offset + offsets[index]
                last = index + 1 if tokens[index] in ("--hash", "-e", "-r", "-c") else index
                last = min(last, len(tokens) - 1)
                token_end = options_offset + offsets[last] + len(tokens[last])
            else:
                token_start, token_end = options_offset, len(content)
            uses.append(OptionUse(name, value, token_start, token_end))
    return LogicalLine(
        number=number,
        start=start,
        end=end,
        text=content,
        requirement=requirement,
        options=tuple(uses),
        error=error,
        positional=positional,
        ended_by_comment=ended_by_comment,
        swallowed_at=swallowed_at,
        swallowed=swallowed,
        physical_count=len(pieces),
        double_backslash=double_backslash,
        is_editable=any(use.name == "--editable" for use in uses),
        pieces=frozen,
        lead=lead,
    )


def _piece_index(pieces: tuple[_Piece, ...], position: int) -> int:
    index = 0
    for number, piece in enumerate(pieces):
        if piece[0] > position:
            break
        index = number
    return index


def _to_source(pieces: tuple[_Piece, ...], position: int) -> int:
    if not pieces:
        return position
    joined, source, comment = (
        pieces[0] if len(pieces) == 1 else pieces[_piece_index(pieces, position)]
    )
    return max(source + (position - joined), source + (1 if comment else 0), 0)
