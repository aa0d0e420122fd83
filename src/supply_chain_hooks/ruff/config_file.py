"""One Ruff configuration file, read and parsed once, and what Ruff refuses in it.

A ``pyproject.toml`` keeps Ruff's options under ``[tool.ruff]``, a ``ruff.toml`` or
``.ruff.toml`` at its top level. Files are read through the run's reader, so an in-memory fix
is seen by the next check. Anything Ruff refuses to start with is a :class:`Problem`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from supply_chain_hooks.model import Record
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.source import InputError, Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Problem(Record):
    """A configuration Ruff rejects (it stops before checking anything)."""

    message: str
    origin: Origin
    #: (line, column) of a TOML syntax error: the file is not valid TOML (reported as SCH001).
    syntax: tuple[int, int] | None = None


class ConfigProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class ConfigFile(Record):
    """One Ruff configuration file, parsed."""

    #: Repository-relative path with `/` (absolute when outside the repository).
    path: str
    abspath: str
    pyproject: bool
    source: Source
    data: Mapping[str, Any]
    inside: bool
    #: For an inline `--config 'key = value'` override: the command-line argument.
    argument: Origin | None = None

    # Identity, not value, equality (as before, a dataclass with eq=False): the loader
    # makes one ConfigFile per file, its parsed ``data`` is a mutable mapping that has no
    # hash, and comparing two parsed files value by value would cost a walk of both.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    @property
    def base(self) -> tuple[str, ...]:
        """The key path of the Ruff options table in the file."""
        return ("tool", "ruff") if self.pyproject else ()

    @property
    def options(self) -> Mapping[str, Any]:
        if not self.pyproject:
            return self.data
        tool = self.data.get("tool")
        ruff = tool.get("ruff") if isinstance(tool, dict) else None
        return ruff if isinstance(ruff, dict) else {}

    @property
    def directory(self) -> str:
        return os.path.dirname(self.abspath)

    def origin(self, *key: str | int, label: str = "") -> Origin:
        if self.argument is not None:
            return Origin(
                self.argument.path, self.argument.key, f"{label} (from {self.argument.label})"
            )
        return Origin(self.path, self.base + key, label)

    def is_empty(self) -> bool:
        """Whether the file sets nothing at all (an empty file, a bare `[tool.ruff]`)."""
        return not _has_values(self.options)


def _has_values(table: Mapping[str, Any]) -> bool:
    return any(not isinstance(value, dict) or _has_values(value) for value in table.values())


class Loader:
    """Parses config files once (through a reader so in-memory fixes are seen)."""

    def __init__(
        self,
        root: str,
        read: Callable[[str], Source],
        parse: Callable[[str], dict[str, Any]] | None = None,
    ) -> None:
        """`parse` parses a file of the run as TOML 1.1 (a workspace shares that parse with
        the other hooks); without it the loader parses what `read` returns."""
        self.root = os.path.abspath(root)
        self._read = read
        self._parse = parse
        self._cache: dict[str, ConfigFile | Problem] = {}

    def relative(self, abspath: str) -> tuple[str, bool]:
        rel = os.path.relpath(abspath, self.root)
        inside = not rel.startswith("..") and not os.path.isabs(rel)
        return (rel.replace(os.sep, "/") if inside else abspath), inside

    def load(self, abspath: str, *, pyproject: bool | None = None) -> ConfigFile:
        cached = self._cache.get(abspath)
        if cached is None:
            cached = self._load(abspath, pyproject)
            self._cache[abspath] = cached
        if isinstance(cached, Problem):
            raise ConfigProblem(cached)
        return cached

    def _load(self, abspath: str, pyproject: bool | None) -> ConfigFile | Problem:
        path, inside = self.relative(abspath)
        read_path = path if inside else abspath
        try:
            source = self._read(read_path)
            data = _load_toml(source) if self._parse is None else self._parse(read_path)
        except InputError as error:
            return Problem(error.message, Origin(path, (), path), syntax=(error.line, error.column))
        is_pyproject = (
            os.path.basename(abspath) == "pyproject.toml" if pyproject is None else pyproject
        )
        config = ConfigFile(path, abspath, is_pyproject, source, data, inside)
        if is_pyproject:
            tool = data.get("tool")
            if tool is not None and not isinstance(tool, dict):
                return Problem("`tool` must be a table", config.origin(label="tool"))
            ruff = tool.get("ruff") if isinstance(tool, dict) else None
            if ruff is not None and not isinstance(ruff, dict):
                return Problem(
                    "`tool.ruff` must be a table", Origin(path, ("tool", "ruff"), "tool.ruff")
                )
        return config

    def has_ruff_table(self, config: ConfigFile) -> bool:
        tool = config.data.get("tool")
        return isinstance(tool, dict) and isinstance(tool.get("ruff"), dict)


def _load_toml(source: Source) -> dict[str, Any]:
    """TOML 1.1, as Ruff reads it (multi-line inline tables with trailing commas, `\\e`)."""
    from supply_chain_hooks import toml_doc

    return toml_doc.load_1_1(source)
