"""The edit engine: splice fixes into text, and write files atomically.

Fixes are applied in one forward pass sorted by position; a fix that overlaps one already
applied is skipped (the next pass, after re-checking, gets another chance). Callers repeat
check-and-apply until nothing changes, re-parsing in between, and write only when the
final text parses and differs from what is on disk.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterable

from supply_chain_hooks.model import Edit, Fix

#: How many check-and-fix passes run before giving up on convergence.
MAX_PASSES = 10


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes; return the new text and how many fixes were applied."""
    parts: list[str] = []
    last = 0
    applied = 0
    for fix in sorted(fixes, key=lambda fix: (fix.start, fix.end)):
        edits = sorted(fix.edits, key=lambda edit: (edit.start, edit.end))
        if edits[0].start < last or edits[-1].end > len(text) or _overlapping(edits):
            continue
        for edit in edits:
            parts.append(text[last : edit.start])
            parts.append(edit.content)
            last = edit.end
        applied += 1
    parts.append(text[last:])
    return "".join(parts), applied


def _overlapping(edits: list[Edit]) -> bool:
    return any(left.end > right.start for left, right in itertools.pairwise(edits))


def minimal_edit(old: str, new: str) -> Edit | None:
    """The one replacement that turns old into new (common prefix and suffix kept)."""
    if old == new:
        return None
    prefix = len(os.path.commonprefix([old, new]))  # noqa: RUF071 - a text prefix on purpose
    limit = min(len(old), len(new)) - prefix
    suffix = 0
    while suffix < limit and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix])


class WriteError(Exception):
    pass


def write_atomic(path: str, data: bytes) -> None:
    """Replace path's contents with data: temp file in the same folder, then rename.

    The file's mode is kept, a symbolic link is written through to its target only when
    that target is a regular file, and on any failure the original stays untouched.
    """
    # Only when writing: these imports cost start-up time for every check-only run.
    import contextlib
    import tempfile

    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteError("cannot write: not a regular file")
    # Replacing through the folder would succeed on a read-only file: respect its mode
    # (and the permission check, which root passes).
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise WriteError("cannot write: the file is read-only")
    folder = os.path.dirname(real) or "."
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".sch-", suffix=".tmp")
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError):
            os.chown(temp, info.st_uid, info.st_gid)
        os.replace(temp, real)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise WriteError(f"cannot write: {error.strerror or error}") from None
    except BaseException:  # interrupted (^C) between write and replace: leave no temp file
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
