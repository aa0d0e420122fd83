"""A requirements tree analysed line by line: each line's requirement, hashes and hint.

This is the requirements half of the family's facts: :func:`analyse` classifies every
logical line of every file in a tree (:mod:`~supply_chain_hooks.deps.includes`), collects
its ``--hash`` options and URL fragment hashes with what is wrong with each, and reads each
file's generator hint, into the :class:`~supply_chain_hooks.deps.context.RequirementsContext`
that the rules read.
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import Entry, RequirementsContext
from supply_chain_hooks.deps.hashes import hash_problem, split_hash
from supply_chain_hooks.deps.hints import hint_for
from supply_chain_hooks.deps.requirement import classify

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.deps.hints import Hint
    from supply_chain_hooks.deps.includes import Tree
    from supply_chain_hooks.deps.lines import LogicalLine
    from supply_chain_hooks.deps.requirement import Requirement


def analyse(tree: Tree) -> RequirementsContext:
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
    return RequirementsContext(tree, tuple(entries), hints)


def _hashes(line: LogicalLine, requirement: Requirement | None) -> tuple[tuple[str, str, str], ...]:
    found = []
    for option in line.options:
        if option.name == "--hash" and option.value is not None:
            value = option.value
            algorithm, digest = split_hash(value)
            found.append((algorithm, digest, f"--hash={value}"))
    if requirement is not None:
        for algorithm, digest in requirement.fragment_hashes:
            found.append((algorithm, digest, f"#{algorithm}={digest}"))
    return tuple(found)
