"""The tree of requirements files that ``-r`` and ``-c`` includes reach, as pip follows it.

Includes are resolved relative to the including file and followed depth-first; every file
is parsed once, however many files include it. What pip would refuse (a cycle, a missing
file, a directory) and what cannot be checked (a URL) are kept as problems at the including
line; an included lock file (e.g. ``-r pylock.toml``) is kept aside for its own reader.
"""

from __future__ import annotations

import os
import posixpath
import re

from supply_chain_hooks.deps.lines import parse
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal

    from supply_chain_hooks.deps.lines import LogicalLine, RequirementsFile
    from supply_chain_hooks.source import Source

    IncludeReason = Literal["url", "cycle", "missing", "directory"]

_URL_INCLUDE = lazy(r"^(http|https|file):", re.IGNORECASE)


_CONSTRAINTS_NAME = lazy(r"constraints?[^/]*\.txt$", re.IGNORECASE)


def is_constraints_name(path: str) -> bool:
    """A file named like a constraints file (``constraints.txt``, ``test-constraints.txt``)."""
    name = posixpath.basename(path.replace("\\", "/"))
    return _CONSTRAINTS_NAME.search(name) is not None


class IncludeProblem(Record):
    """An include that pip refuses or that cannot be checked, at the including line."""

    file: RequirementsFile  #: the including file
    start: int
    end: int
    #: "url" (fetched at install time), "cycle", "missing" or "directory"
    reason: IncludeReason
    written: str  #: the included path or URL as written
    constraint: bool  #: ``-c`` rather than ``-r``
    target: str  #: the resolved path (the URL for "url")


class Included(Record):
    file: RequirementsFile
    constraint: bool


class OtherFile(Record):
    """An include that is not a requirements file (e.g. ``-r pylock.toml``)."""

    path: str


class Tree(Record):
    """A requirements file and everything it reaches through ``-r`` and ``-c``."""

    files: tuple[Included, ...] = ()
    problems: tuple[IncludeProblem, ...] = ()
    unreadable: tuple[tuple[str, InputError], ...] = ()
    other: tuple[OtherFile, ...] = ()


def include_target(line: LogicalLine) -> tuple[str, bool] | None:
    """(path as written, is constraint) when pip follows this line as an include."""
    if line.effective_requirement is not None:
        return None
    requirements = line.values("--requirement")
    if requirements:
        return requirements[0], False
    constraints = line.values("--constraint")
    if constraints:
        return constraints[0], True
    return None


def load_tree(
    root: str,
    read: Callable[[str], Source],
    is_other: Callable[[str], bool] = lambda path: False,
    skip: Callable[[str], bool] = lambda path: False,
    *,
    constraint: bool = False,
    parse: Callable[[Source], RequirementsFile] = parse,
) -> Tree:
    """Parse ``root`` and follow its includes depth-first, as pip does.

    ``constraint`` says that ``root`` itself is a constraints file (named like one).

    ``read`` raises InputError for a file that cannot be read (the root's error propagates).
    A missing file and a URL are reported at the including line; every file is parsed once
    even when several files include it. A cycle that leads back to ``root`` is reported at
    the root's line that enters it (so that checking each file of a cycle reports the
    cycle once, in that file), any other cycle at the line that closes it.
    """
    files: list[Included] = []
    problems: list[IncludeProblem] = []
    unreadable: list[tuple[str, InputError]] = []
    other: list[OtherFile] = []
    seen: set[str] = set()
    parsed: dict[str, RequirementsFile] = {}

    root_key = os.path.abspath(root)
    cycles: set[tuple[str, int]] = set()

    def visit(
        path: str, constraint: bool, stack: tuple[str, ...], entry: IncludeProblem | None
    ) -> None:
        key = os.path.abspath(path)
        if key in parsed:
            current = parsed[key]
        else:
            current = parse(read(path))
            parsed[key] = current
        if (key, constraint) not in seen_kind:
            seen_kind.add((key, constraint))
            files.append(Included(current, constraint))
        if key in seen:
            return
        seen.add(key)
        for line in current.lines:
            target = include_target(line)
            if target is None:
                continue
            written, nested_constraint = target
            if _URL_INCLUDE.search(written):
                problems.append(
                    IncludeProblem(
                        current, line.start, line.end, "url", written, nested_constraint, written
                    )
                )
                continue
            target_path = posixpath.normpath(posixpath.join(posixpath.dirname(path), written))
            if os.path.isabs(written):
                target_path = os.path.normpath(written)
            target_key = os.path.abspath(target_path)
            here = IncludeProblem(
                current, line.start, line.end, "cycle", written, nested_constraint, target_path
            )
            if target_key in stack or target_key == key:
                problem = entry if target_key == root_key and entry is not None else here
                if (problem.file.path, problem.start) not in cycles:
                    cycles.add((problem.file.path, problem.start))
                    problems.append(problem)
                continue
            if skip(target_path):
                continue
            if not os.path.isfile(target_path):
                reason: IncludeReason = "directory" if os.path.isdir(target_path) else "missing"
                problems.append(
                    IncludeProblem(
                        current,
                        line.start,
                        line.end,
                        reason,
                        written,
                        nested_constraint,
                        target_path,
                    )
                )
                continue
            if is_other(target_path):
                other.append(OtherFile(target_path))
                continue
            try:
                visit(target_path, nested_constraint, (*stack, key), entry or here)
            except InputError as error:
                unreadable.append((target_path, error))

    seen_kind: set[tuple[str, bool]] = set()
    visit(root, constraint, (), None)
    return Tree(tuple(files), tuple(problems), tuple(unreadable), tuple(other))
