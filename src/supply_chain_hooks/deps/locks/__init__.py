"""Lock files, one module per format, read into one small model of what gets installed.

Every format module exposes ``read(data, ...) -> Lock`` where ``data`` is the parsed
document (:mod:`supply_chain_hooks.deps.locks.formats` picks the format and the parser).
The model says which artifacts are installed and which hashes protect them, which VCS and
local sources appear, and where each of those sits in the file (a key path that
:mod:`supply_chain_hooks.toml_doc` or :mod:`supply_chain_hooks.deps.locks.json_spans` turns
into a line, only when there is something to report).
"""

from __future__ import annotations

from collections.abc import Callable

from supply_chain_hooks.deps.hashes import hash_problem, split_hash
from supply_chain_hooks.model import Finding, Location, Record, Rule
from supply_chain_hooks.source import Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.deps.hashes import HashProblem

Key = tuple[str | int, ...]


class HashValue(Record):
    algorithm: str
    digest: str
    key: Key

    @property
    def problem(self) -> HashProblem | None:
        return hash_problem(self.algorithm, self.digest)

    @property
    def written(self) -> str:
        """The hash as the file writes it (``algorithm:digest``, or the digest alone)."""
        return f"{self.algorithm}:{self.digest}" if self.algorithm else self.digest


class Artifact(Record):
    """A file that installing from the lock downloads or reads."""

    package: str
    label: str  #: file name or URL, for messages
    hashes: tuple[HashValue, ...]
    key: Key


class VcsSource(Record):
    package: str
    url: str
    commit: str | None  #: the recorded revision, None when there is none
    key: Key


class LocalSource(Record):
    package: str
    path: str
    editable: bool
    key: Key


class Unpinned(Record):
    package: str
    version: str
    key: Key


class Problem(Record):
    """A structural problem: the file is not what the installer expects."""

    message: str
    key: Key


class Lock(Record):
    format: str  #: "uv.lock", "pylock.toml", "poetry.lock", "pdm.lock", "Pipfile.lock"
    regenerate: str  #: the command that rewrites the file (with hashes)
    artifacts: tuple[Artifact, ...] = ()
    vcs: tuple[VcsSource, ...] = ()
    local: tuple[LocalSource, ...] = ()
    unpinned: tuple[Unpinned, ...] = ()
    problems: tuple[Problem, ...] = ()

    def command_for(self, package: str) -> str:
        """The command that rewrites the file's entry for ``package`` (with hashes)."""
        if self.format == "uv.lock":
            return f"uv lock --refresh-package {package}"
        return self.regenerate


class LockBuilder:
    """A :class:`Lock` being read: a format reader appends to the lists, then builds it."""

    def __init__(self, format: str, regenerate: str) -> None:
        self.format = format
        self.regenerate = regenerate
        self.artifacts: list[Artifact] = []
        self.vcs: list[VcsSource] = []
        self.local: list[LocalSource] = []
        self.unpinned: list[Unpinned] = []
        self.problems: list[Problem] = []

    def build(self) -> Lock:
        return Lock(
            self.format,
            self.regenerate,
            tuple(self.artifacts),
            tuple(self.vcs),
            tuple(self.local),
            tuple(self.unpinned),
            tuple(self.problems),
        )


def hashes_from_strings(values: object, key: Key) -> tuple[HashValue, ...]:
    """``["sha256:..", ...]`` (or one string) at ``key`` -> HashValues."""
    if isinstance(values, str):
        algorithm, digest = split_hash(values)
        return (HashValue(algorithm, digest, key),)
    if isinstance(values, list):
        found = []
        for index, value in enumerate(values):
            algorithm, digest = split_hash(value if isinstance(value, str) else "")
            found.append(HashValue(algorithm, digest, (*key, index)))
        return tuple(found)
    return ()


def text(value: object, default: str = "") -> str:
    return value if isinstance(value, str) else default


class Locator:
    """Turns key paths into locations; builds its index on first use (findings are rare)."""

    def __init__(
        self, source: Source, build: Callable[[str], Callable[[Key], tuple[int, int] | None]]
    ):
        self.source = source
        self._build = build
        self._lookup: Callable[[Key], tuple[int, int] | None] | None = None

    def location(self, key: Key) -> Location:
        if self._lookup is None:
            self._lookup = self._build(self.source.text)
        for length in range(len(key), 0, -1):
            span = self._lookup(key[:length])
            if span is not None:
                start, end = span
                newline = self.source.text.find("\n", start, end)
                return self.source.location(start, end if newline < 0 else newline)
        return self.source.location(0, 0)

    def finding(self, rule: Rule, key: Key, message: str, hint: str = "") -> Finding:
        return Finding(rule, self.source.path, self.location(key), message, hint=hint)


def toml_lookup(text: str) -> Callable[[Key], tuple[int, int] | None]:
    from supply_chain_hooks.toml_doc import TomlIndex

    index = TomlIndex(text)

    def lookup(key: Key) -> tuple[int, int] | None:
        entry = index.entries.get(key)
        return None if entry is None else (entry.key_start, entry.value_end)

    return lookup


def json_lookup(text: str) -> Callable[[Key], tuple[int, int] | None]:
    from supply_chain_hooks.deps.locks.json_spans import index

    entries = index(text)
    return entries.get
