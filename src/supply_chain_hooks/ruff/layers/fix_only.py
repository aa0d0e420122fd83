"""The fix-only layer: with ``fix-only`` Ruff applies fixes and reports nothing.

``fix-only = true`` in the config, or ``--fix-only`` in the hook's arguments (reported as an
argument of the hook).
"""

from __future__ import annotations

from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import FixOnly, HookArgument

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.ruff.causes import Collector
    from supply_chain_hooks.ruff.settings import Settings


def file(settings: Settings, path: str, required: frozenset[int], collector: Collector) -> bool:
    """Report `fix-only` for the file; whether it is on."""
    fix_only, origin = settings.fix_only
    if not fix_only or origin is None:
        return False
    if origin.path == precommit.PATH:
        collector.add(HookArgument(origin, "reports nothing (fix-only)"), path, required)
    else:
        collector.add(FixOnly(origin), path, required)
    return True
