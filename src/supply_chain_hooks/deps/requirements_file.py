"""pip-compatible requirements files: logical lines with spans, options, and includes.

The reader follows ``pip._internal.req.req_file`` (pip 26.3) step by step, so that what
we check is what pip installs:

1. physical lines as ``str.splitlines`` cuts them;
2. a line ending exactly in ``\\`` is joined with the next one, unless the line matches
   ``(^|\\s+)#.*$`` from its start (a comment line ends a continuation);
3. ``(^|\\s+)#.*$`` is cut from the joined line, which is then stripped; empty lines go;
4. the line is split on single spaces: tokens before the first token starting with ``-``
   are the requirement, the rest is split like a shell and parsed as options (with the
   same option table as pip, so abbreviations such as ``--has`` behave the same).

``${VAR}`` references are kept as written (pip expands them from the environment; the
checker reports them). Every logical line keeps the offsets of its text in the decoded
file, so findings point at the requirement's first line.

:func:`classify` then reads a requirement as pip's ``parse_req_from_line`` does: URLs,
local paths (directories and archive files), and PEP 508 requirements via
``packaging.requirements``.
"""

from __future__ import annotations

import optparse
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from supply_chain_hooks.model import Finding, Rule

if TYPE_CHECKING:
    from supply_chain_hooks.deps.locks import HashProblem

#: Why findings come without a fix (the same words as ``locks.NO_AUTOFIX``).
NO_AUTOFIX = "hashes come from the index, so there is no autofix"
from supply_chain_hooks.source import InputError, Source

COMMENT_RE = re.compile(r"(^|\s+)#.*$")
ENV_VAR_RE = re.compile(r"\$\{([A-Z0-9_]+)\}")
# str.splitlines() boundaries.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_EXOTIC_BREAK = re.compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# The first token (after a single space, or at the start) that starts with "-".
_FIRST_OPTION = re.compile(r"(?:^|(?<= ))-")
_SHELL_SPECIAL = re.compile(r"['\"\\]")
_SHELL_TOKEN = re.compile(r"[^ \t\r\n]+")
_URL_INCLUDE = re.compile(r"^(http|https|file):", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OptionUse:
    """One option on a logical line, e.g. ``--hash`` with its value."""

    name: str  #: pip's long option name, whatever abbreviation was written
    value: str | None
    start: int  #: position of the option's token (and its value) in ``LogicalLine.text``
    end: int


@dataclass(frozen=True, slots=True)
class LogicalLine:
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


@dataclass(frozen=True, slots=True)
class RequirementsFile:
    path: str
    source: Source
    lines: tuple[LogicalLine, ...]

    def header(self, limit: int = 20) -> list[str]:
        """The leading comment lines (where generators write their command)."""
        found = []
        for raw in self.source.text.splitlines()[:limit]:
            stripped = raw.strip()
            if stripped and not stripped.startswith("#"):
                break
            found.append(stripped)
        return found


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


# -- option parsing --------------------------------------------------------------------------

#: pip's SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ (pip 26.3): flags, and whether a value follows.
_OPTION_TABLE: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("-i", "--index-url", "--pypi-url"), True),
    (("--extra-index-url",), True),
    (("--no-index",), False),
    (("-c", "--constraint"), True),
    (("-r", "--requirement"), True),
    (("-e", "--editable"), True),
    (("-f", "--find-links"), True),
    (("--no-binary",), True),
    (("--only-binary",), True),
    (("--prefer-binary",), False),
    (("--require-hashes",), False),
    (("--no-require-hashes",), False),
    (("--pre",), False),
    (("--all-releases",), True),
    (("--only-final",), True),
    (("--trusted-host",), True),
    (("--use-feature",), True),
    (("--hash",), True),
    (("-C", "--config-settings"), True),
)


class _OptionError(Exception):
    pass


class _Parser(optparse.OptionParser):
    def error(self, msg: str) -> None:  # type: ignore[override]
        raise _OptionError(msg)

    def exit(self, status: int = 0, msg: str | None = None) -> None:  # type: ignore[override]
        raise _OptionError(msg or "invalid options")


def _record(
    option: optparse.Option, opt_str: str, value: object, parser: optparse.OptionParser
) -> None:
    events: list[tuple[str, str | None, int]] = vars(parser.values)["events"]
    long_name = option._long_opts[0] if option._long_opts else opt_str
    events.append((long_name, None if value is None else str(value), len(parser.rargs or ())))


_PARSER: _Parser | None = None


def _option_parser() -> _Parser:
    global _PARSER
    if _PARSER is None:
        parser = _Parser(add_help_option=False)
        for flags, takes_value in _OPTION_TABLE:
            if takes_value:
                parser.add_option(*flags, action="callback", callback=_record, type="string")
            else:
                parser.add_option(*flags, action="callback", callback=_record)
        _PARSER = parser
    return _PARSER


def _tokens(options: str) -> tuple[list[str], list[int]] | None:
    """shlex.split(options) with each token's offset; None when quoting makes offsets moot."""
    if _SHELL_SPECIAL.search(options) is None:
        parts = options.split(" ")
        if "" not in parts and "\t" not in options and "\r" not in options and "\n" not in options:
            offsets, position = [], 0
            for part in parts:
                offsets.append(position)
                position += len(part) + 1
            return parts, offsets
        found = [(m.group(), m.start()) for m in _SHELL_TOKEN.finditer(options)]
        return [token for token, _ in found], [start for _, start in found]
    return None


@dataclass(frozen=True, slots=True)
class ParsedOptions:
    events: list[tuple[str, str | None, int]]  #: (long name, value, token index)
    tokens: list[str]
    offsets: list[int] | None  #: token offsets in the option text (None after shell quoting)
    positional: list[str]  #: tokens that are not options (pip drops them silently)
    error: str | None


def parse_options(options: str) -> ParsedOptions:
    """Parse an option string as pip does (shlex, then pip's option table)."""
    located = _tokens(options)
    if located is None:
        import shlex

        try:
            tokens = shlex.split(options)
        except ValueError:
            return ParsedOptions([], [], None, [], f"cannot split the options: {options}")
        offsets = None
    else:
        tokens, offsets = located
    if all(token.startswith("--hash=") for token in tokens):
        events: list[tuple[str, str | None, int]] = [
            ("--hash", token[7:], index) for index, token in enumerate(tokens)
        ]
        return ParsedOptions(events, tokens, offsets, [], None)
    values = optparse.Values({"events": []})
    try:
        _, positional = _option_parser().parse_args(tokens, values)
    except _OptionError as error:
        return ParsedOptions([], tokens, offsets, [], str(error))
    recorded: list[tuple[str, str | None, int]] = values.events
    total = len(tokens)
    result = []
    for name, value, remaining in recorded:
        index = total - remaining - 1
        if value is not None and index > 0 and not tokens[index].startswith("-"):
            index -= 1  # `--hash VALUE`: point at the option, not its value
        result.append((name, value, max(index, 0)))
    return ParsedOptions(result, tokens, offsets, list(positional), None)


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
                logical = _logical("".join(parts), pieces, first_number, first_start, end)
            elif is_comment or not line or line.isspace():
                continue  # a comment or blank line on its own: nothing for pip
            else:
                logical = _logical(line, [piece], number, start, end)
            if logical is not None:
                lines.append(logical)
            parts, pieces, joined_length = [], [], 0
        else:
            if not parts:
                first_number, first_start = number, start
            stripped = line.strip("\\")
            leading = len(line) - len(line.lstrip("\\"))
            pieces.append((joined_length, start + leading, False))
            parts.append(stripped)
            joined_length += len(stripped)
    if parts:
        logical = _logical("".join(parts), pieces, first_number, first_start, len(text))
        if logical is not None:
            lines.append(logical)
    return RequirementsFile(source.path, source, tuple(lines))


def _logical(
    joined: str, pieces: list[_Piece], number: int, start: int, end: int
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


# -- includes --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncludeProblem:
    file: RequirementsFile  #: the including file
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Included:
    file: RequirementsFile
    constraint: bool


@dataclass(frozen=True, slots=True)
class OtherFile:
    """An include that is not a requirements file (e.g. ``-r pylock.toml``)."""

    path: str


@dataclass
class Tree:
    """A requirements file and everything it reaches through ``-r`` and ``-c``."""

    files: list[Included] = field(default_factory=list)
    problems: list[IncludeProblem] = field(default_factory=list)
    unreadable: list[tuple[str, InputError]] = field(default_factory=list)
    other: list[OtherFile] = field(default_factory=list)


def include_target(line: LogicalLine) -> tuple[str, bool] | None:
    """(path as written, is constraint) when pip follows this line as an include."""
    if line.effective_requirement is not None:
        return None
    requirements = line.values("--requirement")
    if requirements:
        return requirements[0], False
    constraints = line.values("--constraint")
    if constraints:
        return constraints[0], True
    return None


def load_tree(
    root: str,
    read: Callable[[str], Source],
    is_other: Callable[[str], bool] = lambda path: False,
    skip: Callable[[str], bool] = lambda path: False,
) -> Tree:
    """Parse ``root`` and follow its includes depth-first, as pip does.

    ``read`` raises InputError for a file that cannot be read (the root's error propagates).
    A cycle, a missing file and a URL are reported at the including line; every file is
    parsed once even when several files include it.
    """
    tree = Tree()
    seen: set[str] = set()
    parsed: dict[str, RequirementsFile] = {}

    def visit(path: str, constraint: bool, stack: tuple[str, ...]) -> None:
        key = os.path.abspath(path)
        if key in parsed:
            current = parsed[key]
        else:
            current = parse(read(path))
            parsed[key] = current
        if (key, constraint) not in seen_kind:
            seen_kind.add((key, constraint))
            tree.files.append(Included(current, constraint))
        if key in seen:
            return
        seen.add(key)
        for line in current.lines:
            target = include_target(line)
            if target is None:
                continue
            written, nested_constraint = target
            flag = "-c" if nested_constraint else "-r"
            if _URL_INCLUDE.search(written):
                tree.problems.append(IncludeProblem(
                    current, line.start, line.end,
                    f"`{flag} {written}` includes a file from a URL: its content can change "
                    "after review and is not checked; vendor the file and include it by path",
                ))  # fmt: skip
                continue
            target_path = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
            if os.path.isabs(written):
                target_path = os.path.normpath(written)
            target_key = os.path.abspath(target_path)
            if target_key in stack or target_key == key:
                tree.problems.append(IncludeProblem(
                    current, line.start, line.end,
                    f"`{flag} {written}` includes a file that includes this one (a cycle); "
                    "pip refuses the whole file",
                ))  # fmt: skip
                continue
            if skip(target_path):
                continue
            if not os.path.isfile(target_path):
                what = "a directory" if os.path.isdir(target_path) else "missing"
                tree.problems.append(IncludeProblem(
                    current, line.start, line.end,
                    f"`{flag} {written}` names {target_path}, which is {what}; "
                    "pip stops with an error, and nothing in that file is checked",
                ))  # fmt: skip
                continue
            if is_other(target_path):
                tree.other.append(OtherFile(target_path))
                continue
            try:
                visit(target_path, nested_constraint, (*stack, key))
            except InputError as error:
                tree.unreadable.append((target_path, error))

    seen_kind: set[tuple[str, bool]] = set()
    visit(root, False, ())
    return tree


# -- requirements ----------------------------------------------------------------------------

Kind = Literal["named", "archive", "directory", "vcs", "url", "invalid"]

#: pip's ARCHIVE_EXTENSIONS.
ARCHIVE_EXTENSIONS = (
    ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma",
    ".tar.gz", ".tgz", ".tar",
)  # fmt: skip
_VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+")
_VCS_SCHEMES = frozenset({"git", "hg", "svn", "bzr"})
_URL_SCHEMES = frozenset({"http", "https", "file", "ftp"})
_FRAGMENT_HASH = re.compile(r"[#&]([A-Za-z0-9_]+)=([^&]*)")
_KNOWN_FRAGMENT_HASHES = frozenset(
    {"sha512", "sha384", "sha256", "sha224", "sha1", "md5", "blake2b"}
)
#: A name==version pin that packaging parses the same way (fast path for generated files).
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_SIMPLE_PIN = re.compile(rf"({_NAME})(\[(?:{_NAME}(?:,{_NAME})*)?\])?==([0-9][0-9A-Za-z.!+_-]*)")


@dataclass(frozen=True, slots=True)
class Requirement:
    """What pip makes of a requirement string."""

    kind: Kind
    text: str
    name: str | None = None  #: canonical project name, when known
    pinned: bool = False  #: exactly one ``==`` (no ``.*``) or ``===`` specifier
    specifier: str = ""
    marker: str = ""
    url: str = ""
    fragment_hashes: tuple[tuple[str, str], ...] = ()
    error: str | None = None


def _is_url(name: str) -> bool:
    if ":" not in name:
        return False
    scheme = name.split(":", 1)[0].lower()
    return scheme in _URL_SCHEMES or _is_vcs_scheme(scheme)


def _is_vcs_scheme(scheme: str) -> bool:
    return scheme in _VCS_SCHEMES or scheme.startswith(_VCS_PREFIXES)


def is_archive(path: str) -> bool:
    lowered = path.lower()
    return lowered.endswith(ARCHIVE_EXTENSIONS)


def _looks_like_path(name: str) -> bool:
    return "/" in name or name.startswith(".")


def _url_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:  # e.g. an unbalanced "[" in the host: keep what follows the host
        path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:(//[^/]*)?", "", url).split("?", 1)[0]
    return unquote(path)


def _fragment_hashes(url: str) -> tuple[tuple[str, str], ...]:
    if "#" not in url:
        return ()
    fragment = "#" + url.split("#", 1)[1]
    return tuple(
        (algorithm, digest)
        for algorithm, digest in _FRAGMENT_HASH.findall(fragment)
        if algorithm.lower() in _KNOWN_FRAGMENT_HASHES
    )


def _url_kind(url: str) -> Kind:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if _is_vcs_scheme(scheme):
        return "vcs"
    path = _url_path(url.split("#", 1)[0])
    if is_archive(path):
        return "archive"
    if scheme == "file" or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]+", scheme):
        return "directory"  # file: URLs and plain paths that are not archives
    return "url"


def classify(text: str) -> Requirement:
    """Classify a requirement the way pip's ``parse_req_from_line`` reads it."""
    text = text.strip()
    simple = _SIMPLE_PIN.fullmatch(text)
    if simple is not None and _valid_version(simple.group(3)):
        return Requirement("named", text, _canonical(simple.group(1)), True, "==" + simple.group(3))
    marker_sep = "; " if _is_url(text) else ";"
    name, marker = text, ""
    if marker_sep in text:
        name, marker = text.split(marker_sep, 1)
        marker = marker.strip()
    name = name.strip()
    if _is_url(name):
        kind = _url_kind(name)
        return Requirement(
            kind, text, _wheel_name(name), marker=marker, url=name,
            fragment_hashes=_fragment_hashes(name),
        )  # fmt: skip
    if not ("@" in name and not _looks_like_path(name.split("@", 1)[0])):
        base, _extras = _strip_extras(name)
        if is_archive(base):
            return Requirement("archive", text, _wheel_name(base), marker=marker, url=base)
        if _looks_like_path(name):
            return Requirement("directory", text, marker=marker, url=base)
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Parsed

    try:
        parsed = Parsed(name + (f"; {marker}" if marker else ""))
    except InvalidRequirement as error:
        return Requirement("invalid", text, error=str(error).splitlines()[0])
    canonical = _canonical(parsed.name)
    marker_text = str(parsed.marker) if parsed.marker is not None else ""
    if parsed.url:
        return Requirement(
            _url_kind(parsed.url), text, canonical, marker=marker_text, url=parsed.url,
            fragment_hashes=_fragment_hashes(parsed.url),
        )  # fmt: skip
    specs = list(parsed.specifier)
    pinned = len(specs) == 1 and (
        specs[0].operator == "==="
        or (specs[0].operator == "==" and not specs[0].version.endswith(".*"))
    )
    return Requirement("named", text, canonical, pinned, str(parsed.specifier), marker_text)


def _strip_extras(path: str) -> tuple[str, str | None]:
    match = re.match(r"^(.+)(\[[^\]]+\])$", path)
    if match:
        return match.group(1), match.group(2)
    return path, None


def _wheel_name(url: str) -> str | None:
    filename = posixpath.basename(_url_path(url.split("#", 1)[0]) if ":" in url else url)
    if filename.endswith(".whl") and "-" in filename:
        return _canonical(filename.split("-", 1)[0])
    return None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_VERSION: re.Pattern[str] | None = None


def _valid_version(version: str) -> bool:
    global _VERSION
    if _VERSION is None:
        from packaging.version import VERSION_PATTERN

        _VERSION = re.compile(VERSION_PATTERN, re.VERBOSE | re.IGNORECASE)
    return _VERSION.fullmatch(version) is not None


# -- analysis shared by the rules ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One logical line of one file in a tree, with its requirement classified."""

    file: RequirementsFile
    constraint: bool
    line: LogicalLine
    requirement: Requirement | None  #: None for option-only lines and editable lines
    #: (algorithm, digest, as written) of every --hash and URL fragment hash.
    hashes: tuple[tuple[str, str, str], ...]
    #: (as written, problem) for each hash that is not strong and well formed.
    bad_hashes: tuple[tuple[str, HashProblem], ...] = ()

    @property
    def span(self) -> tuple[int, int]:
        """Where findings about this line point: the requirement, on its first line."""
        line = self.line
        if line.requirement:
            return line.req_start, line.req_end
        text = self.file.source.text
        first_end = text.find("\n", line.start)
        first_end = len(text) if first_end < 0 else first_end
        start = line.start + (
            len(text[line.start : first_end]) - len(text[line.start : first_end].lstrip())
        )
        return start, max(min(line.end, first_end), start)

    def finding(self, rule: Rule, message: str) -> Finding:
        start, end = self.span
        return Finding(rule, self.file.path, self.file.source.location(start, end), message)

    def line_number(self, offset: int) -> int:
        return self.file.source.position(offset)[0]


def _hashes(line: LogicalLine, requirement: Requirement | None) -> tuple[tuple[str, str, str], ...]:
    found = []
    for option in line.options:
        if option.name == "--hash" and option.value is not None:
            value = option.value
            algorithm, digest = value.split(":", 1) if ":" in value else ("", value)
            found.append((algorithm, digest, f"--hash={value}"))
    if requirement is not None:
        for algorithm, digest in requirement.fragment_hashes:
            found.append((algorithm, digest, f"#{algorithm}={digest}"))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Hint:
    """How the file was generated, and the command that regenerates it with hashes."""

    generator: str  #: "uv pip compile", "uv export", "pip-compile", "pdm export" or ""
    command: str

    @property
    def regenerate(self) -> str:
        if not self.generator:
            return f"generate it with hashes, e.g. `{self.command}` ({NO_AUTOFIX})"
        return f"regenerate it with `{self.command}` ({NO_AUTOFIX})"


@dataclass
class Analysis:
    tree: Tree
    entries: list[Entry]
    hints: dict[str, Hint]

    def hint(self, file: RequirementsFile) -> Hint:
        return self.hints[file.path]


def analyse(tree: Tree) -> Analysis:
    from supply_chain_hooks.deps.locks import hash_problem

    entries = []
    hints: dict[str, Hint] = {}
    for included in tree.files:
        file = included.file
        if file.path not in hints:
            hints[file.path] = hint_for(file)
        for line in file.lines:
            requirement = None
            if line.requirement and not line.is_editable and not line.broken_continuation:
                requirement = classify(line.requirement)
            hashes = _hashes(line, requirement)
            bad = []
            for algorithm, digest, written in hashes:
                problem = hash_problem(algorithm, digest)
                if problem is not None:
                    bad.append((written, problem))
            entries.append(Entry(file, included.constraint, line, requirement, hashes, tuple(bad)))
    return Analysis(tree, entries, hints)


_COMMAND_PREFIXES = ("uv pip compile", "uv export", "pip-compile", "pdm export")


def hint_for(file: RequirementsFile) -> Hint:
    """Read the generator's command from the header comment, and add hashes to it."""
    header = file.header()
    name = posixpath.basename(file.path.replace("\\", "/"))
    for line in header:
        command = line.lstrip("#").strip()
        for prefix in _COMMAND_PREFIXES:
            if command.startswith(prefix + " ") or command == prefix:
                return Hint(prefix, _with_hashes(prefix, command))
    if any("@generated by PDM" in line for line in header):
        return Hint("pdm export", f"pdm export -o {name}")
    return Hint("", f"uv pip compile --generate-hashes requirements.in -o {name}")


def _with_hashes(prefix: str, command: str) -> str:
    words = command.split()
    if prefix in ("uv export", "pdm export"):
        return " ".join(word for word in words if word != "--no-hashes")
    if "--generate-hashes" in words:
        return command
    count = len(prefix.split())
    return " ".join([*words[:count], "--generate-hashes", *words[count:]])
