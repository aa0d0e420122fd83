"""``pylock.toml`` / ``pylock.<name>.toml`` (PEP 751), inline or expanded tables.

The structure is validated by ``packaging.pylock`` (packaging >= 26); on top of it every
``wheels[]``, ``sdist`` and ``archive`` needs a strong hash, and ``vcs.commit-id`` must be
a full commit for git and Mercurial.
"""

from __future__ import annotations

import os

from supply_chain_hooks.deps.locks import (
    Artifact,
    HashValue,
    Key,
    LocalSource,
    Lock,
    LockBuilder,
    Problem,
    VcsSource,
    text,
)
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

_CONTEXT_PART = lazy(r"([^.\[\]]+)|\[(\d+)\]")


def regenerate_command(
    data: dict[str, Any], header: list[str], filename: str, folder: str = ""
) -> str:
    for line in header:
        command = line.lstrip("#").strip()
        if command.startswith(("uv export", "pip lock", "pdm export")):
            return command
    created_by = text(data.get("created-by")).strip()
    tool = created_by.split()[0].lower() if created_by else ""
    if tool == "uv":
        return f"uv export --format pylock.toml -o {filename}"
    if tool == "pip":
        # Name an input only if it exists next to the lock file (``folder`` is its folder).
        for candidate in ("requirements.in", "requirements.txt"):
            if os.path.isfile(os.path.join(folder, candidate)):
                return f"pip lock -r {candidate} -o {filename}"
        return f"pip lock . -o {filename}"
    if tool == "pdm":
        return f"pdm export --format pylock -o {filename}"
    return f"the tool that wrote it ({created_by or 'see created-by'})"


def read(data: dict[str, Any], header: list[str], filename: str, folder: str = "") -> Lock:
    lock = LockBuilder("pylock.toml", regenerate_command(data, header, filename, folder))
    packages = data.get("packages")
    reported: set[Key] = set()
    if isinstance(packages, list):
        for index, package in enumerate(packages):
            if isinstance(package, dict):
                _package(lock, ("packages", index), package, reported)
    _validate(lock, data, reported)
    return lock.build()


def _package(lock: LockBuilder, base: Key, package: dict[str, Any], reported: set[Key]) -> None:
    name = text(package.get("name"), f"package #{int(base[1]) + 1}")
    vcs = package.get("vcs")
    if isinstance(vcs, dict):
        commit = vcs.get("commit-id")
        vcs_type = text(vcs.get("type")).lower()
        url = text(vcs.get("url")) or text(vcs.get("path"))
        recorded = commit if isinstance(commit, str) and commit.strip() else None
        # git and Mercurial ids are hashes; other VCS revisions only need to be present.
        if vcs_type in ("git", "hg") or recorded is None:
            key = (*base, "vcs", "commit-id") if commit is not None else (*base, "vcs")
            lock.vcs.append(VcsSource(name, url, recorded, key))
    directory = package.get("directory")
    if isinstance(directory, dict):
        lock.local.append(
            LocalSource(
                name,
                text(directory.get("path")),
                directory.get("editable") is True,
                (*base, "directory"),
            )
        )
    for field_name in ("archive", "sdist"):
        table = package.get(field_name)
        if isinstance(table, dict):
            lock.artifacts.append(_artifact(name, table, (*base, field_name)))
            reported.add((*base, field_name))
    wheels = package.get("wheels")
    if isinstance(wheels, list):
        for number, wheel in enumerate(wheels):
            if isinstance(wheel, dict):
                lock.artifacts.append(_artifact(name, wheel, (*base, "wheels", number)))
                reported.add((*base, "wheels", number))


def _artifact(name: str, table: dict[str, Any], key: Key) -> Artifact:
    label = text(table.get("name")) or text(table.get("url")) or text(table.get("path")) or name
    label = label.rsplit("/", 1)[-1] or label
    hashes = table.get("hashes")
    values: list[HashValue] = []
    if isinstance(hashes, dict):
        for algorithm, digest in hashes.items():
            values.append(HashValue(algorithm, text(digest), (*key, "hashes", algorithm)))
    return Artifact(name, label, tuple(values), key)


def context_key(context: str | None) -> Key:
    """``"packages[0].wheels[1].hashes"`` -> ("packages", 0, "wheels", 1, "hashes")."""
    key: list[str | int] = []
    for match in _CONTEXT_PART.finditer(context or ""):
        key.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
    return tuple(key)


def _validate(lock: LockBuilder, data: dict[str, Any], reported: set[Key]) -> None:
    import logging

    from packaging.pylock import Pylock, PylockValidationError

    logger = logging.getLogger("packaging.pylock")
    previous = logger.disabled
    logger.disabled = True  # the "minor version not supported" warning is not ours to print
    try:
        Pylock.from_dict(data)
    except PylockValidationError as error:
        key = context_key(error.context)
        # Missing or empty hashes are reported per artifact, with the regenerate command.
        if key and key[-1] == "hashes" and key[:-1] in reported:
            return
        lock.problems.append(Problem(f"invalid pylock file: {error}", key))
    except (TypeError, ValueError, AttributeError) as error:  # values of the wrong type
        lock.problems.append(Problem(f"invalid pylock file: {error}", ()))
    finally:
        logger.disabled = previous
