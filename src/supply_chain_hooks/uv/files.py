"""The files uv reads settings from, listed cheaply (a hook's start-up stays small)."""

from __future__ import annotations

import posixpath

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.workspace import Workspace

NAMES = ("pyproject.toml", "uv.toml", "uv.lock")


def repository_files(workspace: Workspace) -> list[str]:
    """The tracked pyproject.toml, uv.toml and uv.lock files (git), else those found below "."."""
    listing = workspace.files(".")
    return listing.select(lambda name: posixpath.basename(name) in NAMES, existing=True)
