"""``pdm.lock``: ``package.files`` (``file`` or ``url`` plus ``hash``), or the legacy
``[metadata.files]`` keyed by ``"name version"``. ``content_hash`` is not an artifact hash.
"""

from __future__ import annotations

from supply_chain_hooks.deps.locks import (
    Artifact,
    Key,
    LocalSource,
    Lock,
    LockBuilder,
    VcsSource,
    hashes_from_strings,
    text,
)
from supply_chain_hooks.deps.requirement import is_archive

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

REGENERATE = "pdm lock --refresh"
_VCS_KEYS = ("git", "hg", "svn", "bzr")


def read(data: dict[str, Any]) -> Lock:
    lock = LockBuilder("pdm.lock", REGENERATE)
    metadata = data.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    legacy = metadata.get("files")
    legacy = legacy if isinstance(legacy, dict) else {}
    packages = data.get("package", [])
    if not isinstance(packages, list):
        return lock.build()
    for index, package in enumerate(packages):
        if isinstance(package, dict):
            _package(lock, index, package, legacy)
    return lock.build()


def _package(
    lock: LockBuilder, index: int, package: dict[str, Any], legacy: dict[str, Any]
) -> None:
    name = text(package.get("name"), f"package #{index + 1}")
    version = text(package.get("version"))
    base: Key = ("package", index)
    for vcs in _VCS_KEYS:
        if vcs in package:
            revision = package.get("revision")
            key = (*base, "revision") if revision is not None else (*base, vcs)
            commit = text(revision) or None
            if vcs in ("git", "hg") or commit is None:
                lock.vcs.append(VcsSource(name, text(package.get(vcs)), commit, key))
            return
    path = text(package.get("path"))
    if path and not is_archive(path):
        lock.local.append(LocalSource(name, path, package.get("editable") is True, (*base, "path")))
        return
    if "files" in package:
        files, files_key = package.get("files"), (*base, "files")
    elif f"{name} {version}" in legacy:
        files, files_key = legacy[f"{name} {version}"], ("metadata", "files", f"{name} {version}")
    else:
        files, files_key = [], base
    if not isinstance(files, list) or not files:
        label = path or text(package.get("url")) or f"{name} {version}".strip()
        lock.artifacts.append(Artifact(name, label, (), files_key))
        return
    for number, item in enumerate(files):
        if not isinstance(item, dict):
            continue
        label = text(item.get("file")) or text(item.get("url")) or name
        value = item.get("hash")
        key = (*files_key, number)
        hashes = hashes_from_strings(value, (*key, "hash")) if value else ()
        lock.artifacts.append(Artifact(name, label.rsplit("/", 1)[-1], hashes, key))
