"""The per-file-ignores layer: patterns that switch rules off for the files they match.

Ruff matches a pattern against the file's basename or, anchored at the directory of the config
that wrote it, against its whole path; ``!`` negates. An entry in a config outside the
repository is reported at the config that extends it; a pattern that matches any Python file
anywhere is a cause of its own kind.
"""

from __future__ import annotations

from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import HookArgument, PerFileIgnored
from supply_chain_hooks.ruff.origin import Origin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.ruff.causes import Collector
    from supply_chain_hooks.ruff.settings import Pattern, Settings


class PerFileIgnoresLayer:
    """The per-file-ignores layer of one run."""

    def __init__(
        self, root: str, s_rules: frozenset[int], required: frozenset[int], collector: Collector
    ) -> None:
        self.root = root
        self.s_rules = s_rules
        self.required = required
        self.collector = collector

    def file(
        self, settings: Settings, path: str, abspath: str, name: str, reported: frozenset[int]
    ) -> frozenset[int]:
        """The S rules of `reported` the file's per-file ignores leave on; report the required
        ones they switch off."""
        for pattern in settings.per_file_ignores:
            if pattern.matches_file(abspath, name):
                hit = pattern.rules & self.s_rules
                if hit:
                    reported = reported - hit
                hit_required = hit & self.required
                if hit_required:
                    self._add(settings, pattern, path, hit_required)
        return reported

    def _add(self, settings: Settings, pattern: Pattern, path: str, rules: frozenset[int]) -> None:
        origin = pattern.origin
        if origin.path == precommit.PATH:
            self.collector.add(HookArgument(origin, "per-file ignore"), path, rules)
            return
        config = settings.config_at(origin.path)
        if config is None or not config.inside:
            origin = _extend_origin(settings)
        cause = PerFileIgnored(origin, pattern.text, everywhere=self._universal(pattern))
        self.collector.add(cause, path, rules)

    def _universal(self, pattern: Pattern) -> bool:
        """Whether a per-file pattern matches any Python file, wherever it is."""
        probes = (f"{self.root}/zz_probe.py", f"{self.root}/zz_probe_dir/zz_sub/zz_probe.py")
        return all(pattern.matches_file(probe, probe.rpartition("/")[2]) for probe in probes)


def _extend_origin(settings: Settings) -> Origin:
    """Where a config pulls in an outside one: its `extend`, or the file itself."""
    config = settings.config
    if config is None:
        return Origin("<unknown>", (), "")
    if "extend" in config.options:
        return config.origin("extend", label="extend")
    return config.origin(label=config.path)
