"""Which config file Ruff reads for a directory, and the ``extend`` chain behind it.

Discovery (``ruff_workspace::pyproject::settings_toml``): in each directory, from the file's
own up to the repository root, the first of ``.ruff.toml``, ``ruff.toml`` and a
``pyproject.toml`` that has a ``[tool.ruff]`` table wins; nothing merges with a parent config
except through ``extend``. A ``pyproject.toml`` Ruff reads on the way must parse as TOML.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping

from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.ruff import globset
from supply_chain_hooks.ruff.config_file import ConfigFile, ConfigProblem, Loader, Problem

CONFIG_NAMES = (".ruff.toml", "ruff.toml", "pyproject.toml")


def is_file(path: str) -> bool:
    """``os.path.isfile``, quicker for the many paths that do not exist: `access` answers
    those without raising (most folders hold no config)."""
    return os.access(path, os.F_OK) and os.path.isfile(path)


class Discovery:
    """The config file governing each directory, cached per directory."""

    def __init__(self, loader: Loader, exists: Callable[[str], bool]) -> None:
        self.loader = loader
        self._exists = exists
        self._own: dict[str, ConfigFile | Problem | None] = {}
        self._governing: dict[str, ConfigFile | Problem | None] = {}

    def own(self, directory: str) -> ConfigFile | Problem | None:
        """The config Ruff takes from this directory alone (`settings_toml`)."""
        if directory in self._own:
            return self._own[directory]
        found: ConfigFile | Problem | None = None
        for name in CONFIG_NAMES:
            abspath = os.path.join(directory, name)
            if not self._exists(abspath):
                continue
            try:
                config = self.loader.load(abspath, pyproject=name == "pyproject.toml")
            except ConfigProblem as error:
                found = error.problem
                break
            if name == "pyproject.toml" and not self.loader.has_ruff_table(config):
                continue
            found = config
            break
        self._own[directory] = found
        return found

    def problems(self) -> list[Problem]:
        """Configs found on the way that Ruff cannot read."""
        return [found for found in self._own.values() if isinstance(found, Problem)]

    def governing(self, directory: str) -> ConfigFile | Problem | None:
        """The nearest config from `directory` up to the repository root."""
        if directory in self._governing:
            return self._governing[directory]
        found = self.own(directory)
        if found is None and directory != self.loader.root:
            parent = os.path.dirname(directory)
            if parent != directory:
                found = self.governing(parent)
        self._governing[directory] = found
        return found


_VAR = lazy(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def expand(value: str, environ: Mapping[str, str]) -> str:
    """shellexpand::full: a leading `~`, then `$VAR` and `${VAR}`; unset variables fail."""
    if value == "~" or value.startswith("~/"):
        home = environ.get("HOME")
        if home is None:
            raise KeyError("HOME")
        value = home + value[1:]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in environ:
            raise KeyError(name)
        return environ[name]

    return _VAR.sub(replace, value)


def chain_of(
    config: ConfigFile, loader: Loader, environ: Mapping[str, str]
) -> tuple[ConfigFile, ...]:
    """The `extend` chain, base first; raises ConfigProblem like Ruff's hard errors."""
    seen: list[str] = []
    chain = [config]
    current = config
    while True:
        extend = current.options.get("extend")
        if extend is None:
            break
        origin = current.origin("extend", label=f'extend = "{extend}"')
        if not isinstance(extend, str):
            raise ConfigProblem(Problem("`extend` must be a string", origin))
        try:
            expanded = expand(extend, environ)
        except KeyError as error:
            raise ConfigProblem(
                Problem(
                    f'cannot expand `extend = "{extend}"`: environment variable {error} is not set',
                    origin,
                )
            ) from None
        target = globset._normalize(os.path.join(current.directory, expanded).replace(os.sep, "/"))
        seen.append(current.abspath)
        if target in seen:
            raise ConfigProblem(
                Problem(
                    f"circular `extend`: {current.path} extends {extend}, which is already in the chain",
                    origin,
                )
            )
        if not os.path.isfile(target):
            raise ConfigProblem(Problem(f"`extend` target {extend} does not exist", origin))
        try:
            current = loader.load(target)
        except ConfigProblem as error:
            raise ConfigProblem(
                Problem(f"`extend` target {extend} cannot be read: {error.problem.message}", origin)
            ) from None
        chain.append(current)
    chain.reverse()
    return tuple(chain)
