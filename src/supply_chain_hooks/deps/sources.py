"""Where a requirements tree lets pip look for packages, and whether its installs are hashed.

pip applies the finder options of a requirements file (``--index-url``, ``--extra-index-url``,
``--no-index``, ``--find-links``) only on a line that has no requirement, no ``-e`` and no
``-r``/``-c`` (``req_file.handle_option_line``; on other lines it parses and ignores them),
in constraints files too, and for the whole install: ``--no-index`` anywhere empties the
list of indexes, the command line's included, and drops every ``--extra-index-url``. Of a
line's ``--find-links`` options only the first counts.

:func:`added_sources` gives the options that add a place beside the index;
:func:`hash_gaps` gives why an install of the tree is not fully hash-checked (empty when it
is): then a package pip takes from the wrong source has no hash to fail.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.deps.analysis import Entry
    from supply_chain_hooks.deps.context import RequirementsContext
    from supply_chain_hooks.deps.lines import LogicalLine, OptionUse


class AddedSource(Record):
    """An ``--extra-index-url`` or ``--find-links`` that pip adds to the install's sources."""

    entry: Entry
    option: OptionUse  #: its ``name`` is pip's long name: ``--extra-index-url`` or ``--find-links``

    @property
    def span(self) -> tuple[int, int]:
        """File offsets of the option and its value (across a continuation, if any)."""
        return self.entry.line.source_span(self.option.start, self.option.end)


class HashGap(Record):
    """Why a tree's install is not fully hash-checked (see :func:`hash_gaps`)."""

    #: "unhashed" (``entry`` installs without a strong hash), "off" (``--no-require-hashes``),
    #: "nothing" (the tree installs nothing and has no ``--require-hashes``), "include" (an
    #: include that cannot be read: a URL, a missing file, a cycle, an unreadable file).
    kind: str
    entry: Entry | None = None


def applies_options(line: LogicalLine) -> bool:
    """pip applies this line's finder options (a line of options only, without -r/-c/-e)."""
    return (
        not line.requirement
        and not line.is_editable
        and line.error is None
        and not line.has("--requirement")
        and not line.has("--constraint")
    )


def added_sources(context: RequirementsContext) -> tuple[AddedSource, ...]:
    """The effective ``--extra-index-url`` and ``--find-links`` options of the tree, each
    once, in reading order; none when ``--no-index`` is in effect anywhere in the tree."""
    found: list[AddedSource] = []
    seen: set[tuple[str, int]] = set()
    for entry in context.entries:
        line = entry.line
        if not line.options or not applies_options(line):
            continue
        if line.has("--no-index"):
            return ()
        first_link = True
        for option in line.options:
            if option.name == "--find-links":
                if not first_link:
                    continue  # pip keeps only the first --find-links of a line
                first_link = False
            elif option.name != "--extra-index-url":
                continue
            key = (entry.file.path, line.offset(option.start))
            if key not in seen:
                seen.add(key)
                found.append(AddedSource(entry, option))
    return tuple(found)


def hash_gaps(context: RequirementsContext) -> tuple[HashGap, ...]:
    """Why pip's install of the tree may take a file no hash checks; empty when every
    requirement it installs carries a strong hash (or it installs nothing and turns on
    ``--require-hashes``), so that a file from the wrong source fails the install."""
    gaps: list[HashGap] = []
    installs = False
    require_hashes = False
    for entry in context.entries:
        line = entry.line
        if applies_options(line):
            if line.has("--no-require-hashes"):
                gaps.append(HashGap("off", entry))
            require_hashes = require_hashes or line.has("--require-hashes")
            continue
        if entry.constraint or line.error is not None:
            continue  # a constraint installs nothing; pip refuses a line it cannot parse
        if not line.requirement and not line.is_editable:
            continue  # an include
        installs = True
        if line.is_editable or not entry.has_strong_hash:
            gaps.append(HashGap("unhashed", entry))
    tree = context.tree
    if tree.problems or tree.unreadable or tree.other:
        gaps.append(HashGap("include"))
    if not installs and not require_hashes:
        gaps.append(HashGap("nothing"))
    return tuple(gaps)
