"""The Python files a run checks: the repository's tracked ``*.py``/``*.pyi`` files.

They come from the run's one listing (``git ls-files`` in a work tree, else the walker of
:mod:`supply_chain_hooks.discovery`). In a git repository one ``git grep`` names the files
that mention ``ruff`` or ``flake8`` (only these can hold a file-level ``# ruff: noqa``), so
the others are never read by Python. That grep reads every Python file of the work tree,
the slowest step on a large repository, so the runner starts it (:func:`start`) before the
run's first check and it runs while the other hooks work.
"""

from __future__ import annotations

import weakref

from supply_chain_hooks.discovery import PYTHON_SUFFIXES

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.git import Pending
    from supply_chain_hooks.workspace import Workspace

__all__ = ["PYTHON_SUFFIXES", "start", "tracked_files"]

#: The grep started for a run, by its workspace (forgotten with it).
_STARTED: weakref.WeakKeyDictionary[Workspace, Pending] = weakref.WeakKeyDictionary()


def start(workspace: Workspace) -> None:
    """Start the `git grep` of tracked_files in the background (in a git work tree)."""
    if workspace.files().tracked:
        _STARTED[workspace] = _grep(workspace.root)


def tracked_files(workspace: Workspace) -> tuple[list[str], frozenset[str] | None]:
    """Tracked Python files, and those that mention `ruff`/`flake8` (None: unknown)."""
    listing = workspace.files()
    found = list(listing.ending(PYTHON_SUFFIXES))
    started = _STARTED.pop(workspace, None)
    if not listing.tracked:
        return found, None
    return found, _mentioning(started or _grep(workspace.root))


def _grep(root: str) -> Pending:
    from supply_chain_hooks import git
    from supply_chain_hooks.ruff.noqa import NEEDLES

    patterns = [arg for needle in NEEDLES for arg in ("-e", needle.decode())]
    return git.Pending(["grep", "-l", "-z", "-I", "-F", *patterns, "--", "*.py", "*.pyi"], cwd=root)


def _mentioning(grep: Pending) -> frozenset[str] | None:
    """One `git grep` instead of reading every file: only these can hold a `# ruff: noqa`."""
    from supply_chain_hooks import git

    try:
        out = grep.result()
    except git.GitError as error:
        return frozenset() if not error.stderr.strip() else None  # exit 1: nothing matched
    return frozenset(name for name in out.decode("utf-8", "surrogateescape").split("\0") if name)
