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
    return listing.select(_is_uv_file, suffixes=NAMES, existing=True)


def _is_uv_file(name: str) -> bool:
    return posixpath.basename(name) in NAMES


def mentions_uv(workspace: Workspace, path: str) -> bool:
    """Whether a file could configure uv at all (a key can only hide behind an escape)."""
    from supply_chain_hooks.source import InputError

    try:
        text = workspace.source(path).text
    except InputError:
        return True
    return "uv" in text or "\\" in text


def may_configure_uv(workspace: Workspace, files: list[str]) -> bool:
    """Fast path: False when there is no uv.toml, no uv.lock, and no pyproject.toml that
    mentions uv (then nothing needs parsing)."""
    return any(
        not path.endswith("pyproject.toml") or mentions_uv(workspace, path) for path in files
    )
