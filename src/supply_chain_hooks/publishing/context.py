"""What a publishing rule reads: one workflow or action file, its publishes, and the local
reusable workflows it calls.

The hook builds one :class:`PublishContext` per file. Its publishes are collected on first
use (:mod:`publishing.publishes`), once for all the rules; ``called`` holds, for every
local reusable workflow a job of the file calls (`uses: ./.github/workflows/x.yml`), that
workflow's parsed document, or None when it cannot be read.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record, field

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.publishing.publishes import Publish
    from supply_chain_hooks.yaml_doc import Document

_set = object.__setattr__


class PublishContext(Record):
    """One workflow or action file as the publishing rules read it (immutable).

    ``require_environment`` is require-trusted-publishing's `--require-environment`.
    """

    document: Document
    called: tuple[tuple[str, Document | None], ...] = ()
    require_environment: bool = False
    _publishes: tuple[Publish, ...] | None = field(init=False, compare=False, default=None)
    _called_publishes: dict[str, tuple[Publish, ...] | None] = field(
        init=False, compare=False, default_factory=dict
    )

    @property
    def publishes(self) -> tuple[Publish, ...]:
        """Every publish of the file, in order (to any index; rules check ``target``)."""
        found: tuple[Publish, ...] | None = self._publishes
        if found is None:
            from supply_chain_hooks.publishing.publishes import collect

            found = tuple(collect(self.document))
            _set(self, "_publishes", found)
        return found

    def called_publishes(self, path: str) -> tuple[Publish, ...] | None:
        """The publishes of a local reusable workflow this file calls; None when unreadable."""
        cache: dict[str, tuple[Publish, ...] | None] = self._called_publishes
        if path not in cache:
            document = dict(self.called).get(path)
            if document is None:
                cache[path] = None
            else:
                from supply_chain_hooks.publishing.publishes import collect

                cache[path] = tuple(collect(document))
        return cache[path]
