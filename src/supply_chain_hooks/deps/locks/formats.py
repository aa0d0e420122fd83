"""Which lock format a path names, and reading a lock file with its format's reader.

The format follows from the file name alone (as the pre-commit manifest's ``files:`` regex
does). TOML formats are parsed with :mod:`~supply_chain_hooks.deps.locks.fast_toml`,
``Pipfile.lock`` strictly as JSON; each reader and parser is imported only for its format.
"""

from __future__ import annotations

import posixpath
import re

from supply_chain_hooks.deps.locks import Locator, json_lookup, toml_lookup

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.deps.locks import Lock
    from supply_chain_hooks.source import Source


def kind(path: str) -> str | None:
    """Which lock format a path names (None for requirements files and others)."""
    name = posixpath.basename(path.replace("\\", "/"))
    if name in ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock"):
        return name
    if name == "pylock.toml" or re.fullmatch(r"pylock\.[^.]+\.toml", name):
        return "pylock.toml"
    return None


def read(source: Source, lock_kind: str) -> tuple[Lock, Locator]:
    """The lock model of a file of format ``lock_kind``, and the locator of its keys.

    Raises InputError when the file does not parse.
    """
    if lock_kind == "Pipfile.lock":
        from supply_chain_hooks.deps.locks import pipfile_lock

        return pipfile_lock.read(pipfile_lock.load(source)), Locator(source, json_lookup)
    return _read_toml(source, lock_kind), Locator(source, toml_lookup)


def read_file(source: Source) -> tuple[Lock, Locator]:
    """:func:`read` in the format its name says (a lock file's path: see :func:`kind`)."""
    lock_kind = kind(source.path)
    if lock_kind is None:
        raise ValueError(f"{source.path} is not named as a lock file")
    return read(source, lock_kind)


def _read_toml(source: Source, lock_kind: str) -> Lock:
    from supply_chain_hooks.deps.locks.fast_toml import load

    data = load(source)
    if lock_kind == "uv.lock":
        from supply_chain_hooks.deps.locks import uv_lock

        return uv_lock.read(data)
    if lock_kind == "poetry.lock":
        from supply_chain_hooks.deps.locks import poetry_lock

        return poetry_lock.read(data)
    if lock_kind == "pdm.lock":
        from supply_chain_hooks.deps.locks import pdm_lock

        return pdm_lock.read(data)
    from supply_chain_hooks.deps.hints import header_comments
    from supply_chain_hooks.deps.locks import pylock

    filename = posixpath.basename(source.path.replace("\\", "/"))
    folder = posixpath.dirname(source.path.replace("\\", "/"))
    return pylock.read(data, header_comments(source.text), filename, folder)
