"""Which files a run checks: the one walker every hook uses, and the paths of a command line.

Inside a git work tree a folder's files are those git tracks (``git ls-files``: ignored and
untracked files are left alone). Elsewhere the folder is walked, skipping version-control
and cache folders and every virtualenv (a folder holding ``pyvenv.cfg``, whatever its name).
A run lists each folder once (:meth:`Workspace.files <supply_chain_hooks.workspace.Workspace.files>`)
and each hook selects from that listing by name, without touching the filesystem.
"""

from __future__ import annotations

import os

from supply_chain_hooks.config import UsageError
from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from supply_chain_hooks import git
    from supply_chain_hooks.workspace import Workspace

#: Folders never walked (outside git): version control, caches and virtualenvs.
SKIP_DIRS = frozenset(
    [
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    ]
)
#: A folder holding this file is a virtualenv (`python -m venv`, virtualenv, uv venv).
VIRTUALENV_MARKER = "pyvenv.cfg"


#: The names of Python files end so: most of a Python repository's files (see Listing.ending).
PYTHON_SUFFIXES = (".py", ".pyi")


class Listing(Record):
    """The files below one folder, as names relative to it with ``/`` separators.

    Selecting is string work: a hook's ``suffixes`` (the endings of every name it can
    match) narrow the names with one C-level ``str.endswith`` per name before its own
    test runs, and only the selected names are ever looked up on disk.
    """

    directory: str
    names: tuple[str, ...]
    #: Whether the names come from git's index (which may list files deleted since).
    tracked: bool
    _is_file: dict[str, bool] = field(init=False, compare=False, default_factory=dict)
    #: suffixes -> the names that end with one of them (the Python files' complement
    #: under the key ()), computed once per run.
    _ending: dict[tuple[str, ...], tuple[str, ...]] = field(
        init=False, compare=False, default_factory=dict
    )
    #: (matches, suffixes, existing) -> the names selected (a run selects again to report
    #: the arguments in which nothing was found).
    _selected: dict[object, tuple[str, ...]] = field(
        init=False, compare=False, default_factory=dict
    )

    def select(
        self,
        matches: Callable[[str], bool],
        *,
        suffixes: tuple[str, ...] = (),
        existing: bool = False,
    ) -> list[str]:
        """The names that matches accepts. suffixes, when given, must end every name that
        matches accepts: the others are skipped without calling it. With existing, a
        tracked name is kept only when it is a regular file on disk (not deleted since,
        not a submodule): one stat per selected name, for callers that read every file
        they select."""
        key = (matches, suffixes, existing)
        selected = self._selected.get(key)
        if selected is None:
            names = self.ending(suffixes) if suffixes else self.names
            found = [name for name in names if matches(name)]
            if existing and self.tracked:
                found = [name for name in found if self._exists(name)]
            selected = self._selected[key] = tuple(found)
        return list(selected)

    def ending(self, suffixes: tuple[str, ...]) -> tuple[str, ...]:
        """The names that end with one of suffixes, in listing order. A set of suffixes
        that ends no Python file is looked for among the other names only (split off once),
        so each such hook reads a few thousand names, not every file of the repository."""
        found = self._ending.get(suffixes)
        if found is None:
            names = self.names
            if not any(p.endswith(s) or s.endswith(p) for s in suffixes for p in PYTHON_SUFFIXES):
                others = self._ending.get(())
                if others is None:
                    others = self._ending[()] = tuple(
                        name for name in self.names if not name.endswith(PYTHON_SUFFIXES)
                    )
                names = others
            found = self._ending[suffixes] = tuple(
                name for name in names if name.endswith(suffixes)
            )
        return found

    def _exists(self, name: str) -> bool:
        known = self._is_file.get(name)
        if known is None:
            known = self._is_file[name] = os.path.isfile(self.path(name))
        return known

    def path(self, name: str) -> str:
        """The path a name is opened and reported by (relative to the current directory
        when the folder is)."""
        if self.directory == ".":
            return name
        return os.path.normpath(os.path.join(self.directory, name))


#: Listings started ahead by :func:`prefetch`, by absolute folder, until :func:`walk`.
_PREFETCHED: dict[str, git.Pending] = {}


def prefetch(paths: Sequence[str]) -> None:
    """Start listing the tracked files of the folders among paths, so that git works while
    the run imports its hooks; :func:`walk` collects each, :func:`drop_prefetched` the
    ones a run did not need."""
    from supply_chain_hooks import git

    for path in paths:
        key = os.path.abspath(path)
        if key not in _PREFETCHED and os.path.isdir(key):
            _PREFETCHED[key] = git.Pending(["ls-files", "-z", "--", "."], cwd=key, timeout=60)


def drop_prefetched() -> None:
    while _PREFETCHED:
        _PREFETCHED.popitem()[1].cancel()


def walk(directory: str) -> Listing:
    """List the files below directory (git's tracked files inside a work tree)."""
    from supply_chain_hooks import git

    started = _PREFETCHED.pop(os.path.abspath(directory), None)
    try:
        names = git.names(started.result()) if started else git.ls_files(".", cwd=directory)
    except git.GitError:
        return Listing(directory, tuple(_walk_tree(directory)), tracked=False)
    return Listing(directory, tuple(names), tracked=True)


def _walk_tree(directory: str) -> list[str]:
    found: list[str] = []
    for folder, dirs, names in os.walk(directory):
        relative = folder[len(directory) :].lstrip(os.sep).replace(os.sep, "/")
        if relative and VIRTUALENV_MARKER in names:
            dirs[:] = []
            continue
        dirs[:] = [name for name in dirs if name not in SKIP_DIRS]
        prefix = relative + "/" if relative else ""
        found += [prefix + name for name in names]
    found.sort()
    return found


def file_targets(
    workspace: Workspace,
    paths: Sequence[str],
    matches: Callable[[str], bool],
    *,
    route_files: bool = False,
    exclude: tuple[str, ...] = (),
    suffixes: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """The files a file-level hook checks: folders listed and their files selected by name
    (relative to the folder, as pre-commit matches paths relative to the repository root);
    explicit files as given (a hook checks what it is handed), or with route_files also
    selected (the umbrella sends each file only to the hooks it concerns); then the
    configured ``exclude`` globs taken out. suffixes end every name matches accepts
    (see :meth:`Listing.select`)."""
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            listing = workspace.files(path)
            # A folder's names are matched relative to its repository's root, as pre-commit
            # matches them, whichever folder was given (`.github/workflows`, `.`), or
            # relative to the folder itself (a project folder inside a larger repository).
            prefix = repo_relative(path)
            if prefix == ".":
                selected = listing.select(matches, suffixes=suffixes, existing=True)
            else:
                selected = listing.select(
                    _under(prefix + "/", matches), suffixes=suffixes, existing=True
                )
            files += [listing.path(name) for name in selected]
        elif not route_files or _matches_path(path, matches):
            files.append(path)
    if exclude:
        from supply_chain_hooks.globs import matches_any

        files = [name for name in files if not matches_any(name, exclude)]
    return tuple(dict.fromkeys(files))


def repo_targets(paths: Sequence[str], matches: Callable[[str], bool]) -> tuple[str, ...]:
    """The explicit files a repository-level hook is handed (folders aside): () tells it
    to discover its files itself."""
    return tuple(path for path in paths if not os.path.isdir(path) and _matches_path(path, matches))


def _matches_path(path: str, matches: Callable[[str], bool]) -> bool:
    """A file matched as given or relative to its repository's root."""
    return matches(os.path.normpath(path).replace(os.sep, "/")) or matches(repo_relative(path))


def _under(prefix: str, matches: Callable[[str], bool]) -> Callable[[str], bool]:
    """Relative to the repository's root, or (a project folder inside a larger repository,
    checked on its own) relative to the folder itself."""
    return lambda name: matches(prefix + name) or matches(name)


def rooted_elsewhere(paths: Sequence[str]) -> str | None:
    """The folder a run over these paths belongs in, when it is not the current one.

    That is the root of the repository every path lies in (outside git, a folder argument
    is its own root), when the current directory is not inside it: `cd /tmp &&
    supply-chain-hooks check project` then runs as it would in `project`, its
    repository-level hooks examining that repository (as pre-commit run there would)
    instead of the current directory. None when the current directory is inside that root
    (a run from a subfolder keeps its subfolder's view), when the paths belong to different
    roots, when a file lies outside any git work tree (what its root is would be a guess),
    or when a path does not exist.
    """
    roots = set()
    for path in paths:
        absolute = os.path.abspath(path)
        if not os.path.lexists(absolute):
            return None  # reported as the command line wrote it
        if os.path.isdir(absolute):
            roots.add(_root_above(absolute) or absolute)
        else:
            root = _root_above(os.path.dirname(absolute))
            if root is None:
                return None
            roots.add(root)
    if len(roots) != 1:
        return None
    (root,) = roots
    here, real = os.getcwd(), os.path.realpath(root)  # getcwd() has no symlinks
    if here == real or here.startswith(os.path.join(real, "")):
        return None
    return root


_ROOTS: dict[str, str | None] = {}


def repo_root(folder: str) -> str:
    """The work tree root above folder (the nearest folder holding `.git`), or the current
    directory when there is none. Looked up on disk, without running git."""
    return _root_above(os.path.abspath(folder)) or os.getcwd()


def _root_above(folder: str) -> str | None:
    if folder not in _ROOTS:
        parent = os.path.dirname(folder)
        if os.path.lexists(os.path.join(folder, ".git")):
            _ROOTS[folder] = folder
        else:
            _ROOTS[folder] = None if parent == folder else _root_above(parent)
    return _ROOTS[folder]


def repo_relative(path: str) -> str:
    """path relative to the root of its repository, with `/` (what `files:` globs, `--allow`
    and the hooks' path patterns are written against), however it was given: relative to
    a subfolder, absolute, or through `..`."""
    absolute = os.path.abspath(path)
    root = repo_root(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def check_exist(paths: Sequence[str]) -> None:
    """A path that does not exist is a usage error (exit 2), before anything is checked."""
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
