"""The Python files a run checks: the repository's tracked ``*.py``/``*.pyi`` files.

They come from the run's one listing (``git ls-files`` in a work tree, else the walker of
:mod:`supply_chain_hooks.discovery`). In a git repository git names the files that may
mention ``ruff`` or ``flake8`` (only these can hold a file-level ``# ruff: noqa``), so the
others are never read by Python: ``git grep --cached`` searches the staged contents (read
from git's object store, far quicker than opening every file of the work tree) and
``git diff-files`` adds every file whose work-tree copy may differ from them; the caller
reads those candidates themselves. When the repository configures a filter driver (a
smudge filter can put in the work tree what the staged content does not hold, and
``diff-files`` would run a clean filter), a ``git grep`` of the work tree does it instead.
The runner starts these (:func:`start`) before the run's first check and they run while
the other hooks work.
"""

from __future__ import annotations

import weakref

from supply_chain_hooks.discovery import PYTHON_SUFFIXES

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from supply_chain_hooks import git
    from supply_chain_hooks.workspace import Workspace

__all__ = ["PYTHON_SUFFIXES", "start", "tracked_files"]

#: The searches started for a run, by its workspace (forgotten with it).
_STARTED: weakref.WeakKeyDictionary[Workspace, _Search] = weakref.WeakKeyDictionary()


def start(workspace: Workspace) -> None:
    """Start the searches of tracked_files in the background (in a git work tree)."""
    if workspace.files().tracked:
        _STARTED[workspace] = _Search(workspace.root)


def tracked_files(
    workspace: Workspace,
) -> tuple[list[str], Callable[[], frozenset[str] | None] | None]:
    """Tracked Python files, and the function that waits for those that may mention
    `ruff`/`flake8` (None, or None from it: unknown, read every file). The search runs
    until that function is called."""
    listing = workspace.files()
    found = list(listing.ending(PYTHON_SUFFIXES))
    started = _STARTED.pop(workspace, None)
    if not listing.tracked:
        return found, None
    return found, (started or _Search(workspace.root)).mentioning


#: The pathspecs of the Python files.
_PATHSPECS = ("--", *(f"*{suffix}" for suffix in PYTHON_SUFFIXES))


class _Search:
    """The git commands that name the files that may mention `ruff` or `flake8`.

    The search of the staged contents and the list of files changed since are started at
    once, beside the look-up of filter drivers that decides whether the staged contents
    can stand for the work tree (they cannot when a clean/smudge filter rewrites files):
    only then is the work tree searched instead, later.
    """

    def __init__(self, root: str) -> None:
        from supply_chain_hooks import git

        self.root = root
        self.filters = filter_lookup(root)
        # One thread: the staged contents are small objects, and threads cost more CPU than
        # they save on a machine the run shares with git's other command.
        self.grep = _grep(root, ["--cached", "--threads", "1"])
        #: The files whose work-tree copy may differ from the staged one.
        self.changed = git.Pending(["diff-files", "--name-only", "-z", *_PATHSPECS], cwd=root)

    def mentioning(self) -> frozenset[str] | None:
        """The files that may hold a `# ruff: noqa` (None: unknown, read every file)."""
        from supply_chain_hooks import git

        cached = not _filters_configured(self.filters)
        if not cached:  # what is staged is not what Ruff reads: search the work tree
            self.grep.cancel()
            self.changed.cancel()
            self.grep = _grep(self.root, [])
        try:
            out = self.grep.result()
        except git.GitError as error:
            if error.stderr.strip():
                return None
            out = b""  # exit 1: nothing matched
        if cached:
            try:
                out += b"\0" + self.changed.result()
            except git.GitError:
                return None
        return frozenset(
            name for name in out.decode("utf-8", "surrogateescape").split("\0") if name
        )


def _grep(root: str, options: list[str]) -> git.Pending:
    from supply_chain_hooks import git
    from supply_chain_hooks.ruff.noqa import NEEDLES

    patterns = [arg for needle in NEEDLES for arg in ("-e", needle.decode())]
    return git.Pending(["grep", *options, "-l", "-z", "-I", "-F", *patterns, *_PATHSPECS], cwd=root)


def filter_lookup(root: str) -> git.Pending:
    """Start the look-up of filter drivers in git's configuration (:func:`_filters_configured`)."""
    from supply_chain_hooks import git

    return git.Pending(
        ["config", "--get-regexp", r"^filter\..*\.(clean|smudge|process)$"], cwd=root
    )


def _filters_configured(lookup: git.Pending) -> bool:
    """Whether git's configuration names a filter driver (True when git cannot tell)."""
    from supply_chain_hooks import git

    try:
        lookup.result()
    except git.GitError as error:
        return bool(error.stderr.strip())  # exit 1 and no message: none is configured
    return True
