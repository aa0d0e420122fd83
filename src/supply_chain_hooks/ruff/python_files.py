"""The Python files a run checks: the repository's tracked ``*.py``/``*.pyi`` files.

They come from the run's one listing (``git ls-files`` in a work tree, else the walker of
:mod:`supply_chain_hooks.discovery`). In a git repository one ``git grep`` names the files
that mention ``ruff`` or ``flake8`` (only these can hold a file-level ``# ruff: noqa``), so
the others are never read; outside git every file is a candidate.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.workspace import Workspace

PYTHON_SUFFIXES = (".py", ".pyi")


def tracked_files(workspace: Workspace) -> tuple[list[str], frozenset[str] | None]:
    """Tracked Python files, and those that mention `ruff`/`flake8` (None: unknown)."""
    listing = workspace.files()
    found = listing.select(lambda name: name.endswith(PYTHON_SUFFIXES))
    return found, _mentioning(workspace.root) if listing.tracked else None


def _mentioning(root: str) -> frozenset[str] | None:
    """One `git grep` instead of reading every file: only these can hold a `# ruff: noqa`."""
    from supply_chain_hooks import git
    from supply_chain_hooks.ruff.noqa import NEEDLES

    patterns = [arg for needle in NEEDLES for arg in ("-e", needle.decode())]
    try:
        out = git.run_git(
            ["grep", "-l", "-z", "-I", "-F", *patterns, "--", "*.py", "*.pyi"], cwd=root
        )
    except git.GitError as error:
        return frozenset() if not error.stderr.strip() else None  # exit 1: nothing matched
    return frozenset(name for name in out.decode("utf-8", "surrogateescape").split("\0") if name)
