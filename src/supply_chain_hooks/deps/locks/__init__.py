"""Lock files, one module per format, read into one small model of what gets installed.

Every format module exposes ``read(source, data) -> Lock`` where ``data`` is the parsed
document. The model says which artifacts are installed and which hashes protect them, which
VCS and local sources appear, and where each of those sits in the file (a key path that
:mod:`supply_chain_hooks.toml_doc` or :mod:`supply_chain_hooks.deps.locks.json_spans` turns
into a line, only when there is something to report).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from supply_chain_hooks.model import Finding, Location, Rule
from supply_chain_hooks.source import Source

Key = tuple[str | int, ...]

#: Why findings come without a fix (said in every message that gives a regenerate command).
NO_AUTOFIX = "hashes come from the index, so there is no autofix"
#: pip's STRONG_HASHES with their hex digest lengths; the intersection of pip and uv.
STRONG = {"sha256": 64, "sha384": 96, "sha512": 128}
#: Algorithms some tool accepts that we refuse: broken, or unknown to pip.
WEAK = frozenset({"md5", "sha1", "sha224", "blake2b", "blake2s", "sha3_224", "sha3_256",
                  "sha3_384", "sha3_512", "sha512_224", "sha512_256"})  # fmt: skip
_HEX = re.compile(r"[0-9a-fA-F]*")
_COMMIT = re.compile(r"(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})")


@dataclass(frozen=True, slots=True)
class HashProblem:
    weak: bool  #: True for a weak or unknown algorithm, False for a malformed value
    message: str


def hash_problem(algorithm: str, digest: str) -> HashProblem | None:
    """Why ``algorithm:digest`` is not a strong, well-formed hash (None when it is)."""
    if algorithm not in STRONG:
        lowered = algorithm.lower().replace("-", "_")
        if lowered in STRONG:
            return HashProblem(
                False, f"algorithm `{algorithm}` must be written `{lowered}` (pip and uv reject it)"
            )
        if not algorithm:
            return HashProblem(False, "no algorithm: write `sha256:<hex digest>`")
        if lowered in WEAK:
            return HashProblem(
                True, f"`{algorithm}` is not a strong hash (use sha256, sha384 or sha512)"
            )
        return HashProblem(
            True, f"unknown hash algorithm `{algorithm}` (use sha256, sha384 or sha512)"
        )
    expected = STRONG[algorithm]
    if not _HEX.fullmatch(digest):
        return HashProblem(False, f"the {algorithm} digest is not hexadecimal")
    if len(digest) != expected:
        return HashProblem(
            False, f"the {algorithm} digest has {len(digest)} hex digits, expected {expected}"
        )
    return None


def split_hash(value: str) -> tuple[str, str]:
    """``"sha256:abc"`` -> ("sha256", "abc"); a value without ``:`` has no algorithm."""
    if ":" not in value:
        return "", value
    algorithm, digest = value.split(":", 1)
    return algorithm, digest


def is_commit(value: object) -> bool:
    """A full git (or hg) commit id: 40 hex digits, or 64 for SHA-256 repositories."""
    return isinstance(value, str) and _COMMIT.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class HashValue:
    algorithm: str
    digest: str
    key: Key

    @property
    def problem(self) -> HashProblem | None:
        return hash_problem(self.algorithm, self.digest)


@dataclass(frozen=True, slots=True)
class Artifact:
    """A file that installing from the lock downloads or reads."""

    package: str
    label: str  #: file name or URL, for messages
    hashes: tuple[HashValue, ...]
    key: Key

    @property
    def strong(self) -> bool:
        return any(value.problem is None for value in self.hashes)


@dataclass(frozen=True, slots=True)
class VcsSource:
    package: str
    url: str
    commit: str | None  #: the recorded revision, None when there is none
    key: Key


@dataclass(frozen=True, slots=True)
class LocalSource:
    package: str
    path: str
    editable: bool
    key: Key


@dataclass(frozen=True, slots=True)
class Unpinned:
    package: str
    version: str
    key: Key


@dataclass(frozen=True, slots=True)
class Problem:
    """A structural problem: the file is not what the installer expects."""

    message: str
    key: Key


@dataclass
class Lock:
    format: str  #: "uv.lock", "pylock.toml", "poetry.lock", "pdm.lock", "Pipfile.lock"
    regenerate: str  #: the command that rewrites the file (with hashes)
    artifacts: list[Artifact] = field(default_factory=list)
    vcs: list[VcsSource] = field(default_factory=list)
    local: list[LocalSource] = field(default_factory=list)
    unpinned: list[Unpinned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def kind(path: str) -> str | None:
    """Which lock format a path names (None for requirements files and others)."""
    name = posixpath.basename(path.replace("\\", "/"))
    if name in ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"):
        return name
    if name == "pylock.toml" or re.fullmatch(r"pylock\.[^.]+\.toml", name):
        return "pylock.toml"
    return None


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

    def finding(self, rule: Rule, key: Key, message: str) -> Finding:
        return Finding(rule, self.source.path, self.location(key), message)


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
