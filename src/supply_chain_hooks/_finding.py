"""``model.Finding``: a frozen dataclass, imported only when a finding is made.

Import it as ``from supply_chain_hooks.model import Finding``; it lives in its own module
so that a hook run with nothing to report never imports ``dataclasses`` (see model.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from supply_chain_hooks.model import Fix, Location, Rule


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    path: str
    location: Location
    message: str
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.rule.code)


# Pickling and reprs name the module users import it from.
Finding.__module__ = "supply_chain_hooks.model"
