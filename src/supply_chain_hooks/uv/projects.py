"""Which uv projects a repository holds, and which file uv reads each one's settings from.

uv (0.13) resolves a project from its *workspace root*: the nearest ancestor
``pyproject.toml`` with ``[tool.uv.workspace]`` whose ``members`` globs include the
project (and whose ``exclude`` globs do not), else the project itself. The search stops at
the first ancestor ``pyproject.toml`` without ``[tool.uv.workspace]``, whatever it holds. Settings are
then searched from that root upwards (``FilesystemOptions::find``): in each directory a
``uv.toml`` wins (even an empty one, masking ``[tool.uv]`` beside it), else a
``pyproject.toml`` with a ``[tool.uv]`` table; directories with neither are skipped.
Members' own ``[tool.uv]`` settings are never read.

Everything here works on repository-relative POSIX paths and a loader callback, so the
discovery is pure and testable; the hook feeds it tracked files read through the
runner's workspace.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from supply_chain_hooks.model import Record, field
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    #: Reads a pyproject.toml: its TOML data (None to treat it as absent); may raise
    #: InputError.
    Loader = Callable[[str], Mapping[str, Any] | None]

PYPROJECT = "pyproject.toml"
UV_TOML = "uv.toml"
UV_LOCK = "uv.lock"


class Project(Record):
    """A project uv resolves on its own: a workspace root (or lone project) and its members."""

    #: The project's directory, relative to the repository ("" for the root).
    directory: str
    #: Its pyproject.toml (None for a directory configured by a uv.toml alone).
    pyproject: str | None
    #: The uv.lock beside it, when tracked.
    lock: str | None
    #: Member pyproject.toml paths (the root itself not included).
    members: tuple[str, ...] = ()
    #: The file uv reads settings from (uv.toml, or pyproject.toml with [tool.uv]);
    #: None when there is none inside the repository.
    settings: str | None = None


class Layout(Record):
    projects: tuple[Project, ...]
    #: Every tracked uv.toml (each is read by uv for commands run below its directory).
    uv_tomls: tuple[str, ...]
    #: pyproject.toml path -> its data, for those that have a [tool.uv] table.
    uv_tables: Mapping[str, Mapping[str, Any]]
    #: Member pyproject.toml path -> the directory of its workspace root.
    member_of: Mapping[str, str] = field(default_factory=dict)
    #: Files that could not be read or parsed.
    errors: tuple[tuple[str, InputError], ...] = ()

    def settings_files(self) -> list[str]:
        """Each file uv reads settings from, once: the projects' and every uv.toml."""
        found = [p.settings for p in self.projects if p.settings is not None]
        return list(dict.fromkeys([*found, *self.uv_tomls]))

    def projects_reading(self, settings: str) -> list[Project]:
        return [project for project in self.projects if project.settings == settings]


def directory_of(path: str) -> str:
    parent = posixpath.dirname(path)
    return "" if parent in (".", "") else parent


def _join(directory: str, name: str) -> str:
    return posixpath.join(directory, name) if directory else name


def _ancestors(directory: str) -> list[str]:
    """The directory, then each parent up to the repository root ("")."""
    chain = [directory]
    while directory:
        directory = directory_of(directory)
        chain.append(directory)
    return chain


def _table(data: Mapping[str, Any] | None, *keys: str) -> Mapping[str, Any] | None:
    current: object = data
    for key in keys:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current if isinstance(current, Mapping) else None


def _patterns(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if isinstance(item, str):
            pattern = item.replace("\\", "/").strip()
            while pattern.startswith("./"):
                pattern = pattern[2:]
            out.append(pattern.rstrip("/") or ".")
    return out


def _glob_matches(relative: str, patterns: list[str], *, exclude: bool) -> bool:
    from supply_chain_hooks.uv.globs import exclude_matches, member_matches

    matches = exclude_matches if exclude else member_matches
    normal = posixpath.normpath(relative) if relative else "."
    return any(matches(normal, posixpath.normpath(pattern)) for pattern in patterns)


def discover(files: Iterable[str], load: Loader) -> Layout:
    """Group the tracked files into uv projects and find each one's settings file."""
    pyprojects: dict[str, str] = {}
    uv_tomls: dict[str, str] = {}
    locks: dict[str, str] = {}
    for path in files:
        name = posixpath.basename(path)
        target = {PYPROJECT: pyprojects, UV_TOML: uv_tomls, UV_LOCK: locks}.get(name)
        if target is not None:
            target[directory_of(path)] = path

    errors: list[tuple[str, InputError]] = []
    data: dict[str, Mapping[str, Any]] = {}
    for directory, path in sorted(pyprojects.items()):
        try:
            loaded = load(path)
        except InputError as error:
            errors.append((path, error))
            continue
        if loaded is not None:
            data[directory] = loaded

    uv_tables = {
        pyprojects[directory]: loaded
        for directory, loaded in data.items()
        if _table(loaded, "tool", "uv") is not None
    }
    workspaces = {
        directory: _table(loaded, "tool", "uv", "workspace")
        for directory, loaded in data.items()
        if _table(loaded, "tool", "uv", "workspace") is not None
    }

    def root_of(directory: str) -> str | None:
        """The workspace root whose members include this directory (nearest above it)."""
        for ancestor in _ancestors(directory)[1:]:
            workspace = workspaces.get(ancestor)
            if workspace is None:
                if ancestor in data:
                    # uv stops at the first pyproject.toml above that is no workspace root,
                    # an enclosing project or one holding only other tools' settings alike
                    return None
                continue
            relative = posixpath.relpath(directory, ancestor or ".")
            members = _patterns(workspace.get("members"))
            excluded = _patterns(workspace.get("exclude"))
            if _glob_matches(relative, members, exclude=False) and not _glob_matches(
                relative, excluded, exclude=True
            ):
                return ancestor
            return None
        return None

    member_of: dict[str, str] = {}
    roots: dict[str, list[str]] = {}
    for directory, path in sorted(pyprojects.items()):
        root = None if directory in workspaces else root_of(directory)
        if root is not None:
            member_of[path] = root
            roots.setdefault(root, []).append(path)
            continue
        is_uv = directory in workspaces or path in uv_tables or directory in locks
        if is_uv:
            roots.setdefault(directory, [])

    def settings_for(directory: str) -> str | None:
        for ancestor in _ancestors(directory):
            if ancestor in uv_tomls:
                return uv_tomls[ancestor]
            candidate = pyprojects.get(ancestor)
            if candidate is not None and candidate in uv_tables:
                return candidate
        return None

    projects = tuple(
        Project(
            directory=directory,
            pyproject=pyprojects.get(directory),
            lock=locks.get(directory),
            members=tuple(sorted(members)),
            settings=settings_for(directory),
        )
        for directory, members in sorted(roots.items())
    )
    return Layout(
        projects=projects,
        uv_tomls=tuple(sorted(uv_tomls.values())),
        uv_tables=uv_tables,
        member_of=member_of,
        errors=tuple(errors),
    )


def settings_path(project: Project) -> str:
    """Where a fix should write: the settings file uv reads, else the root pyproject.toml."""
    if project.settings is not None:
        return project.settings
    if project.pyproject is not None:
        return project.pyproject
    return _join(project.directory, UV_TOML)
