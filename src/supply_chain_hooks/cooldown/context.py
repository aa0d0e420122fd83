"""What a cooldown rule reads: the policy and every source the hook found, parsed once."""

from __future__ import annotations

from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.cooldown.ci import Setting
    from supply_chain_hooks.cooldown.dependabot import Entry
    from supply_chain_hooks.cooldown.policy import Policy
    from supply_chain_hooks.cooldown.renovate import Config
    from supply_chain_hooks.yaml_doc import Document


class DependabotFile(Record):
    """`.github/dependabot.yml` and its `updates:` entries."""

    document: Document
    entries: tuple[Entry, ...]


class CooldownContext(Record):
    """One repository as the cooldown rules read it (immutable)."""

    policy: Policy
    dependabot: tuple[DependabotFile, ...] = ()
    #: pip's and uv's cutoffs set by workflows, composite actions and pip.conf / pip.ini.
    ci: tuple[Setting, ...] = ()
    #: The Renovate config Renovate reads for the repository, if any.
    renovate: Config | None = None
