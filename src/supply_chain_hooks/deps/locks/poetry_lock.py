"""``poetry.lock``: lock-version 1.x (``[metadata.files]``) and 2.x (``package.files``).

``content-hash`` hashes pyproject.toml, not an artifact, and is ignored. ``files = []`` is
accepted only for git and directory sources; git sources need ``resolved_reference`` to be
a full commit.
"""

from __future__ import annotations

from supply_chain_hooks.deps.locks import (
    Artifact,
    Key,
    LocalSource,
    Lock,
    LockBuilder,
    Problem,
    VcsSource,
    hashes_from_strings,
    text,
)

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

REGENERATE = "poetry lock --regenerate"


def read(data: dict[str, Any]) -> Lock:
    lock = LockBuilder("poetry.lock", REGENERATE)
    metadata = data.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    version = text(metadata.get("lock-version"))
    major = version.split(".", 1)[0]
    if major not in ("1", "2"):
        shown = repr(version) if version else "missing"
        lock.problems.append(
            Problem(
                f"poetry.lock lock-version {shown} is not supported (expected 1.x or 2.x); not checked",
                ("metadata", "lock-version") if version else ("metadata",),
            )
        )
        return lock.build()
    legacy_files = metadata.get("files") if major == "1" else None
    legacy_files = legacy_files if isinstance(legacy_files, dict) else {}
    packages = data.get("package", [])
    if not isinstance(packages, list):
        lock.problems.append(Problem("`package` must be an array of tables", ("package",)))
        return lock.build()
    for index, package in enumerate(packages):
        if isinstance(package, dict):
            _package(lock, index, package, legacy_files)
    return lock.build()


def _legacy_entry(files: dict[str, Any], name: str) -> tuple[str, Any] | None:
    if name in files:
        return name, files[name]
    canonical = _canonical(name)
    for key, value in files.items():
        if _canonical(key) == canonical:
            return key, value
    return None


def _canonical(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def _package(
    lock: LockBuilder, index: int, package: dict[str, Any], legacy: dict[str, Any]
) -> None:
    name = text(package.get("name"), f"package #{index + 1}")
    base: Key = ("package", index)
    source = package.get("source")
    source = source if isinstance(source, dict) else {}
    source_type = text(source.get("type"))
    if source_type == "git":
        commit = source.get("resolved_reference")
        lock.vcs.append(
            VcsSource(
                name,
                text(source.get("url")),
                text(commit) or None,
                (*base, "source", "resolved_reference")
                if commit is not None
                else (*base, "source"),
            )
        )
        return
    if source_type == "directory":
        lock.local.append(
            LocalSource(
                name, text(source.get("url")), package.get("develop") is True, (*base, "source")
            )
        )
        return
    if "files" in package:
        files, files_key = package.get("files"), (*base, "files")
    else:
        entry = _legacy_entry(legacy, name)
        files, files_key = (entry[1], ("metadata", "files", entry[0])) if entry else ([], base)
    if not isinstance(files, list) or not files:
        label = text(source.get("url")) or f"{name} {text(package.get('version'))}".strip()
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
