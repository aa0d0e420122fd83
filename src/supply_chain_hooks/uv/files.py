"""The files uv reads settings from, listed cheaply (a hook's start-up stays small)."""

from __future__ import annotations

import os
import posixpath

NAMES = ("pyproject.toml", "uv.toml", "uv.lock")


def repository_files() -> list[str]:
    """The tracked pyproject.toml, uv.toml and uv.lock files (git), else those found below "."."""
    from supply_chain_hooks import git

    try:
        listed = git.ls_files(".")
    except git.GitError:
        found = []
        skip = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
        for folder, dirs, files in os.walk("."):
            dirs[:] = sorted(d for d in dirs if d not in skip)
            prefix = folder.replace(os.sep, "/")
            found += [posixpath.normpath(f"{prefix}/{name}") for name in files if name in NAMES]
        return sorted(found)
    return [name for name in listed if posixpath.basename(name) in NAMES and os.path.isfile(name)]
