"""``Pipfile.lock`` (JSON): every non-VCS, non-local entry pinned with ``==`` and hashed.

Categories are every top-level key except ``_meta`` (``default``, ``develop`` and custom
package categories). ``_meta.hash`` hashes the Pipfile, not an artifact, and is ignored.
"""

from __future__ import annotations

import json

from supply_chain_hooks.deps.locks import (
    Artifact,
    Key,
    LocalSource,
    Lock,
    LockBuilder,
    Problem,
    Unpinned,
    VcsSource,
    hashes_from_strings,
    text,
)
from supply_chain_hooks.deps.requirement import is_archive
from supply_chain_hooks.source import InputError, Source

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

REGENERATE = "pipenv lock"
_VCS_KEYS = ("git", "hg", "svn", "bzr")


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def load(source: Source) -> dict[str, Any]:
    """Parse strictly: syntax errors and duplicate keys raise InputError with a position."""
    try:
        data = json.loads(source.text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
    except _Duplicate as duplicate:
        needle = json.dumps(duplicate.key)
        offset = source.text.rfind(needle)
        line, column = source.position(max(offset, 0))
        raise InputError(
            f"duplicate key {needle}: JSON readers keep only one", line, column
        ) from None
    if not isinstance(data, dict):
        raise InputError("a Pipfile.lock must be a JSON object")
    return data


def read(data: dict[str, Any]) -> Lock:
    lock = LockBuilder("Pipfile.lock", REGENERATE)
    meta = data.get("_meta")
    spec = meta.get("pipfile-spec") if isinstance(meta, dict) else None
    if isinstance(spec, int) and not isinstance(spec, bool) and spec > 6:
        lock.problems.append(
            Problem(
                f"pipfile-spec {spec} is newer than this checker knows (6); entries are checked "
                "as spec 6",
                ("_meta", "pipfile-spec"),
            )
        )
    for category, entries in data.items():
        if category == "_meta" or not isinstance(entries, dict):
            continue
        for name, entry in entries.items():
            if isinstance(entry, dict):
                _entry(lock, (category, name), name, entry)
            else:
                lock.problems.append(
                    Problem(f"`{name}` in `{category}` is not an object", (category, name))
                )
    return lock.build()


def _entry(lock: LockBuilder, base: Key, name: str, entry: dict[str, Any]) -> None:
    for vcs in _VCS_KEYS:
        if vcs in entry:
            ref = entry.get("ref")
            commit = text(ref) or None
            if vcs in ("git", "hg") or commit is None:
                key = (*base, "ref") if ref is not None else (*base, vcs)
                lock.vcs.append(VcsSource(name, text(entry.get(vcs)), commit, key))
            return
    path = text(entry.get("path"))
    if path and not is_archive(path):
        lock.local.append(LocalSource(name, path, entry.get("editable") is True, (*base, "path")))
        return
    if entry.get("editable") is True and not text(entry.get("file")):
        lock.local.append(LocalSource(name, path or name, True, base))
        return
    if not (path or text(entry.get("file"))):
        version = entry.get("version")
        shown = text(version)
        pinned = shown.startswith("===") or (shown.startswith("==") and not shown.endswith(".*"))
        if not pinned or "," in shown:
            key = (*base, "version") if version is not None else base
            lock.unpinned.append(Unpinned(name, shown, key))
    hashes = entry.get("hashes")
    label = path or text(entry.get("file")) or f"{name}{text(entry.get('version'))}"
    if not isinstance(hashes, list) or not hashes:
        key = (*base, "hashes") if hashes is not None else base
        lock.artifacts.append(Artifact(name, label, (), key))
        return
    lock.artifacts.append(
        Artifact(name, label, hashes_from_strings(hashes, (*base, "hashes")), base)
    )
