"""``uv.lock``: every registry artifact hashed, url/path sources hashed, git sources pinned.

uv itself requires hashes only for ``url`` and ``path`` sources; for registries a hash is
optional (some indexes publish none), and ``uv lock --check`` accepts a deleted or md5
hash. So the checks here are stricter than uv's own consistency rules.
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

_SOURCE_KINDS = ("registry", "git", "url", "path", "directory", "editable", "virtual")


def read(data: dict[str, Any]) -> Lock:
    lock = LockBuilder("uv.lock", "uv lock --refresh")
    version = data.get("version")
    if version != 1 or isinstance(version, bool):
        lock.problems.append(
            Problem(
                f"uv.lock schema version {version!r} is not supported (expected 1); not checked",
                ("version",),
            )
        )
        return lock.build()
    packages = data.get("package", [])
    if not isinstance(packages, list):
        lock.problems.append(Problem("`package` must be an array of tables", ("package",)))
        return lock.build()
    manifest = data.get("manifest")
    members = manifest.get("members", []) if isinstance(manifest, dict) else []
    members = {member for member in members if isinstance(member, str)}
    for index, package in enumerate(packages):
        if isinstance(package, dict):
            _package(lock, index, package, members)
    return lock.build()


def _package(lock: LockBuilder, index: int, package: dict[str, Any], members: set[str]) -> None:
    name = text(package.get("name"), f"package #{index + 1}")
    base: Key = ("package", index)
    source = package.get("source")
    if not isinstance(source, dict):
        lock.problems.append(Problem(f"`{name}` has no `source` table", (*base, "name")))
        return
    kinds = [kind for kind in _SOURCE_KINDS if kind in source]
    if len(kinds) != 1:
        lock.problems.append(
            Problem(
                f"`{name}` has an unrecognised source {sorted(source)}; uv would reject it",
                (*base, "source"),
            )
        )
        return
    kind = kinds[0]
    location = text(source.get(kind))
    if kind == "git":
        commit = location.rsplit("#", 1)[1] if "#" in location else None
        lock.vcs.append(VcsSource(name, location, commit, (*base, "source", "git")))
        return
    if kind in ("directory", "editable", "virtual"):
        if kind != "virtual" and name not in members and location not in (".", ""):
            lock.local.append(LocalSource(name, location, kind == "editable", (*base, "source")))
        return
    artifacts = _artifacts(name, base, package)
    if kind in ("url", "path") and not artifacts:
        lock.artifacts.append(Artifact(name, location, (), (*base, "source")))
    lock.artifacts.extend(artifacts)


def _artifacts(name: str, base: Key, package: dict[str, Any]) -> list[Artifact]:
    found = []
    sdist = package.get("sdist")
    if isinstance(sdist, dict):
        found.append(_artifact(name, sdist, (*base, "sdist")))
    wheels = package.get("wheels")
    if isinstance(wheels, list):
        for number, wheel in enumerate(wheels):
            if isinstance(wheel, dict):
                found.append(_artifact(name, wheel, (*base, "wheels", number)))
    return found


def _artifact(name: str, table: dict[str, Any], key: Key) -> Artifact:
    label = text(table.get("url")) or text(table.get("path")) or text(table.get("filename")) or name
    label = label.rsplit("/", 1)[-1] or label
    value = table.get("hash")
    hashes = hashes_from_strings(value, (*key, "hash")) if value is not None else ()
    return Artifact(name, label, hashes, key)
