"""What the rules of the deps family read: the facts of one file, as typed, immutable values.

A file is either a requirements file, checked together with every file it includes through
``-r``/``-c`` (:class:`RequirementsContext`: one :class:`Entry` per logical line), or a lock
file (:class:`LockContext`). Every
rule's ``check`` takes a :data:`Context` and reports on the kind of file it is about.
:mod:`supply_chain_hooks.deps.load` builds the contexts from a path.
"""

from __future__ import annotations

from dataclasses import dataclass

from supply_chain_hooks.model import Finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

    from supply_chain_hooks.deps.hashes import HashProblem
    from supply_chain_hooks.deps.hints import Hint
    from supply_chain_hooks.deps.includes import Tree
    from supply_chain_hooks.deps.lines import LogicalLine, RequirementsFile
    from supply_chain_hooks.deps.locks import Locator, Lock
    from supply_chain_hooks.deps.requirement import Requirement
    from supply_chain_hooks.model import Rule


@dataclass(frozen=True, slots=True)
class RequirementsContext:
    """A requirements file and the files it includes, analysed line by line."""

    tree: Tree
    #: Every logical line of every file in the tree, in pip's reading order.
    entries: tuple[Entry, ...]
    #: How each file (by path) was generated, and the command that regenerates it.
    hints: Mapping[str, Hint]

    def hint(self, file: RequirementsFile) -> Hint:
        return self.hints[file.path]


@dataclass(frozen=True, slots=True)
class Entry:
    """One logical line of one file in a tree, with its requirement classified."""

    file: RequirementsFile
    constraint: bool
    line: LogicalLine
    requirement: Requirement | None  #: None for option-only lines and editable lines
    #: (algorithm, digest, as written) of every --hash and URL fragment hash.
    hashes: tuple[tuple[str, str, str], ...]
    #: (as written, problem) for each hash that is not strong and well formed.
    bad_hashes: tuple[tuple[str, HashProblem], ...] = ()

    @property
    def span(self) -> tuple[int, int]:
        """Where findings about this line point: the requirement, on its first line."""
        line = self.line
        if line.requirement:
            return line.req_start, line.req_end
        text = self.file.source.text
        first_end = text.find("\n", line.start)
        first_end = len(text) if first_end < 0 else first_end
        start = line.start + (
            len(text[line.start : first_end]) - len(text[line.start : first_end].lstrip())
        )
        return start, max(min(line.end, first_end), start)

    @property
    def label(self) -> str:
        """The requirement as written, or the line's text when it has none."""
        return self.requirement.text if self.requirement is not None else self.line.text

    @property
    def has_strong_hash(self) -> bool:
        """At least one of the line's hashes is strong and well formed."""
        return len(self.bad_hashes) < len(self.hashes)

    def finding(self, rule: Rule, message: str) -> Finding:
        start, end = self.span
        return Finding(rule, self.file.path, self.file.source.location(start, end), message)

    def line_number(self, offset: int) -> int:
        return self.file.source.position(offset)[0]


@dataclass(frozen=True, slots=True)
class LockContext:
    """A lock file read into the lock model, and where its keys are in the file."""

    lock: Lock
    locator: Locator
    #: Whether packages from local directories are reported (``--forbid-local-sources``).
    forbid_local_sources: bool = False

    @property
    def path(self) -> str:
        return self.locator.source.path


Context = RequirementsContext | LockContext
