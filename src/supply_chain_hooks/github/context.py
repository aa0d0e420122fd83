"""What a github rule reads: one workflow or action file, with the run's choices.

Both hooks of the family hand their rules a :class:`WorkflowContext`: the parsed document,
its `uses:` sites (collected on first use, so forbid-pull-request-target, whose rules never
read them, never collects them), the pin policies, and what `--fix`/`--verify` learned from
the server. A rule reads the fields it needs and ignores the rest.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping

    from supply_chain_hooks.github.policies import Policies
    from supply_chain_hooks.github.registry import Digest, RegistryError
    from supply_chain_hooks.github.resolve import Session
    from supply_chain_hooks.github.sites import Site
    from supply_chain_hooks.yaml_doc import Document

_set = object.__setattr__


class Resolved(Record):
    """A file as it was when the run resolved its repositories, before any fix, and the sites
    whose repositories were resolved for it."""

    document: Document
    sites: tuple[Site, ...]


class WorkflowContext(Record):
    """One workflow or action file as the github rules read it (immutable).

    ``policies`` says which refs must be commit SHAs (pin-actions-to-sha's `--allow` and
    `--policy`; by default every ref). ``session`` is what `--fix`/`--verify` learned from the
    server, filled once before any file is checked; None when the run is offline.
    ``verify`` is pin-actions-to-sha's `--verify`, ``include_workflow_run``
    forbid-pull-request-target's `--include-workflow-run`. ``resolved`` is this file as it
    was when its repositories were resolved, or None when none were. ``images`` is what
    `--fix` learned from container registries (digests by registry.key), None when the run
    does not fix; ``strict_images`` is pin-actions-to-sha's `--strict-images`.
    """

    # Written by hand, not declared: the ``sites`` argument is kept in ``_sites``, a cache
    # the ``sites`` property fills on first use (forbid-pull-request-target's rules never
    # read the sites, so they are never collected); a declared field cannot take its
    # argument under another name than its own.
    __match_args__ = (
        "document",
        "sites",
        "policies",
        "session",
        "verify",
        "include_workflow_run",
        "resolved",
        "images",
        "strict_images",
    )
    __slots__ = (
        "_sites",
        "document",
        "images",
        "include_workflow_run",
        "policies",
        "resolved",
        "session",
        "strict_images",
        "verify",
    )
    document: Document
    _sites: tuple[Site, ...] | None
    policies: Policies
    session: Session | None
    verify: bool
    include_workflow_run: bool
    resolved: Resolved | None
    images: Mapping[str, Digest | RegistryError] | None
    strict_images: bool

    def __init__(
        self,
        document: Document,
        sites: tuple[Site, ...] | None = None,
        policies: Policies | None = None,
        session: Session | None = None,
        verify: bool = False,
        include_workflow_run: bool = False,
        resolved: Resolved | None = None,
        images: Mapping[str, Digest | RegistryError] | None = None,
        strict_images: bool = False,
    ) -> None:
        if policies is None:
            from supply_chain_hooks.github.policies import Policies

            policies = Policies()
        _set(self, "document", document)
        _set(self, "_sites", sites)
        _set(self, "policies", policies)
        _set(self, "session", session)
        _set(self, "verify", verify)
        _set(self, "include_workflow_run", include_workflow_run)
        _set(self, "resolved", resolved)
        _set(self, "images", images)
        _set(self, "strict_images", strict_images)

    @property
    def sites(self) -> tuple[Site, ...]:
        """Every `uses:` of the document (and a Docker action's `runs.image`), in order."""
        sites = self._sites
        if sites is None:
            from supply_chain_hooks.github.sites import collect

            sites = tuple(collect(self.document))
            _set(self, "_sites", sites)
        return sites
