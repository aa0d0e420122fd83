"""A requirements tree analysed line by line: each line's requirement, hashes and hint.

This is the requirements half of the family's facts: :func:`analyse` classifies every
logical line of every file in a tree (:mod:`~supply_chain_hooks.deps.includes`), collects
its ``--hash`` options and URL fragment hashes with what is wrong with each, and reads each
file's generator hint, into the :class:`~supply_chain_hooks.deps.context.RequirementsContext`
that the rules read.
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hashes import hash_problem
from supply_chain_hooks.deps.hints import hint_for
from supply_chain_hooks.deps.requirement import classify
from supply_chain_hooks.model import Finding, Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

    from supply_chain_hooks.deps.encoding import Reading
    from supply_chain_hooks.deps.hashes import HashProblem
    from supply_chain_hooks.deps.hints import Hint
    from supply_chain_hooks.deps.includes import Tree
    from supply_chain_hooks.deps.lines import LogicalLine, RequirementsFile
    from supply_chain_hooks.deps.requirement import Requirement
    from supply_chain_hooks.model import Rule


class Entry(Record):
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

    def finding(self, rule: Rule, message: str, hint: str = "") -> Finding:
        start, end = self.span
        location = self.file.source.location(start, end)
        return Finding(rule, self.file.path, location, message, hint=hint)

    def line_number(self, offset: int) -> int:
        return self.file.source.position(offset)[0]


def analyse(tree: Tree, readings: Mapping[str, Reading] | None = None) -> RequirementsContext:
    entries = []
    hints: dict[str, Hint] = {}
    for included in tree.files:
        file = included.file
        if file.path not in hints:
            hints[file.path] = hint_for(file)
        for line in file.lines:
            requirement = None
            if line.requirement and not line.is_editable and not line.broken_continuation:
                requirement = classify(line.requirement)
            hashes = _hashes(line, requirement)
            bad = []
            for algorithm, digest, written in hashes:
                problem = hash_problem(algorithm, digest)
                if problem is not None:
                    bad.append((written, problem))
            entries.append(Entry(file, included.constraint, line, requirement, hashes, tuple(bad)))
    return RequirementsContext(tree, tuple(entries), hints, dict(readings or {}))


def _hashes(line: LogicalLine, requirement: Requirement | None) -> tuple[tuple[str, str, str], ...]:
    found = []
    for option in line.options:
        if option.name == "--hash" and option.value is not None:
            value = option.value
            algorithm, digest = value.split(":", 1) if ":" in value else ("", value)
            found.append((algorithm, digest, f"--hash={value}"))
    if requirement is not None:
        for algorithm, digest in requirement.fragment_hashes:
            found.append((algorithm, digest, f"#{algorithm}={digest}"))
    return tuple(found)
