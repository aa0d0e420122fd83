"""From the path of a checked file to the contexts the deps rules read.

A lock file (known by its name) is read by its format's reader. Any other path is a
requirements file, decoded as pip decodes it (:mod:`~supply_chain_hooks.deps.encoding`): it is parsed with every file it includes through ``-r``/``-c`` and
analysed as one tree; a lock file it includes (``-r pylock.toml``) is read into a context of
its own, at its own path. Included files that cannot be read or parsed are returned with the
reason, for the hook to report where they are; the checked file's own error propagates.
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import LockContext
from supply_chain_hooks.deps.locks import formats
from supply_chain_hooks.model import Record
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol, TypeVar

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.deps.encoding import Reading
    from supply_chain_hooks.deps.locks import Locator, Lock
    from supply_chain_hooks.source import Source

    _T = TypeVar("_T")

    class Parse(Protocol):
        """``parser(source)``, or the result a run already has (:meth:`Workspace.parse`)."""

        def __call__(self, source: Source, parser: Callable[[Source], _T], /) -> _T: ...


def parse_now(source: Source, parser: Callable[[Source], _T]) -> _T:
    """The :class:`Parse` of a caller without a workspace: parse every time."""
    return parser(source)


class Loaded(Record):
    """The checked file's context, the lock files it includes, and what could not be read."""

    context: Context
    #: Lock files included with -r/-c, each checked at its own path.
    included_locks: tuple[LockContext, ...] = ()
    #: Included files that cannot be read or parsed: (path, why).
    unreadable: tuple[tuple[str, InputError], ...] = ()


def load(
    read: Callable[[str], Source],
    path: str,
    *,
    skip: Callable[[str], bool],
    forbid_local_sources: bool,
    parse: Parse = parse_now,
) -> Loaded:
    """Read ``path`` (and its includes) into contexts; ``skip`` names includes not to check;
    ``parse`` parses a file (a run passes its workspace's, so that a file several files
    include, or several hooks read, is parsed once).

    Raises InputError when ``path`` itself cannot be read or parsed.
    """
    lock_kind = formats.kind(path)
    if lock_kind is not None:
        return Loaded(_lock_context(parse(read(path), formats.read_file), forbid_local_sources))
    # A lock file's run does not import the requirements reader.
    from supply_chain_hooks.deps.analysis import analyse
    from supply_chain_hooks.deps.encoding import reader
    from supply_chain_hooks.deps.includes import is_constraints_name, load_tree
    from supply_chain_hooks.deps.lines import parse as parse_lines

    readings: dict[str, Reading] = {}
    tree = load_tree(
        path,
        reader(read, readings),
        is_other=lambda target: formats.kind(target) is not None,
        skip=skip,
        constraint=is_constraints_name(path),
        parse=lambda source: parse(source, parse_lines),
    )
    included: list[LockContext] = []
    unreadable = list(tree.unreadable)
    for other in tree.other:
        if formats.kind(other.path) is None:
            continue
        try:
            lock = parse(read(other.path), formats.read_file)
            included.append(_lock_context(lock, forbid_local_sources))
        except InputError as error:
            unreadable.append((other.path, error))
    return Loaded(analyse(tree, readings), tuple(included), tuple(unreadable))


def _lock_context(read: tuple[Lock, Locator], forbid_local_sources: bool) -> LockContext:
    lock, locator = read
    return LockContext(lock, locator, forbid_local_sources)
