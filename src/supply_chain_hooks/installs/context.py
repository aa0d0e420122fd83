"""What an installs rule reads: the install commands of one file, with their environment,
and the requirements files they name (read on first use, once per path).

The hook builds one :class:`InstallContext` per workflow, composite action or Dockerfile.
``allow`` holds the canonical names of the packages and tools a team accepts unpinned
(`--allow`).
"""

from __future__ import annotations

from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

    from supply_chain_hooks.deps.load import Parse
    from supply_chain_hooks.installs.requirements import FileState
    from supply_chain_hooks.installs.sites import Sites
    from supply_chain_hooks.source import Source


class InstallContext(Record):
    """One file as the installs rules read it (immutable but for its cache)."""

    path: str
    sites: Sites
    read: Callable[[str], Source]
    allow: frozenset[str] = frozenset()
    #: How files are parsed (the run's workspace shares the parses of require-lock-hashes).
    parse: Parse | None = None
    _files: dict[str, FileState] = field(init=False, compare=False, default_factory=dict)

    def requirements(self, path: str) -> FileState:
        """What require-lock-hashes finds in a requirements file (a path the run can open)."""
        cache: dict[str, FileState] = self._files
        if path not in cache:
            from supply_chain_hooks.installs.requirements import state

            cache[path] = state(self.read, path, self.parse)
        return cache[path]
