"""What the rules of the deps family read: the facts of one file, as typed, immutable values.

A file is either a requirements file, checked together with every file it includes through
``-r``/``-c`` (:class:`RequirementsContext`: one
:class:`~supply_chain_hooks.deps.analysis.Entry` per logical line), or a lock file
(:class:`LockContext`). Every rule's ``check`` takes a :data:`Context` and reports on the
kind of file it is about. :mod:`supply_chain_hooks.deps.load` builds the contexts from a path.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

    from supply_chain_hooks.deps.analysis import Entry
    from supply_chain_hooks.deps.encoding import Reading
    from supply_chain_hooks.deps.hints import Hint
    from supply_chain_hooks.deps.includes import Tree
    from supply_chain_hooks.deps.lines import RequirementsFile
    from supply_chain_hooks.deps.locks import Locator, Lock


class RequirementsContext(Record):
    """A requirements file and the files it includes, analysed line by line."""

    tree: Tree
    #: Every logical line of every file in the tree, in pip's reading order.
    entries: tuple[Entry, ...]
    #: How each file (by path) was generated, and the command that regenerates it.
    hints: Mapping[str, Hint]
    #: How pip decoded each file (by path) that is not plain UTF-8 to both installers.
    readings: Mapping[str, Reading] = field(default_factory=dict)

    def hint(self, file: RequirementsFile) -> Hint:
        return self.hints[file.path]


class LockContext(Record):
    """A lock file read into the lock model, and where its keys are in the file."""

    lock: Lock
    locator: Locator
    #: Whether packages from local directories are reported (``--forbid-local-sources``).
    forbid_local_sources: bool = False

    @property
    def path(self) -> str:
        return self.locator.source.path


Context = RequirementsContext | LockContext
