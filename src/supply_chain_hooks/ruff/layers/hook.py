"""The ruff hook's layer: whether pre-commit runs Ruff on a file at all, and how.

The hook may be missing (with ``--require-pre-commit-hook``), listed in ``ci: skip``, confined
to stages without the commit stage, or given arguments that silence Ruff; its ``files``,
``exclude`` and ``types`` (and the top-level ``files``/``exclude``) may keep a file away from it.
"""

from __future__ import annotations

from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import (
    HookArgument,
    HookFiles,
    HookMissing,
    HookSkippedInCi,
    HookStages,
)
from supply_chain_hooks.ruff.origin import Origin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from supply_chain_hooks.ruff.causes import Collector
    from supply_chain_hooks.ruff.cli import ParsedArgs


def repository(
    hook: precommit.RuffHook | None,
    parsed: ParsedArgs,
    files: Sequence[str],
    *,
    require_hook: bool,
    required: frozenset[int],
    collector: Collector,
) -> None:
    """What keeps the hook from enforcing anything for every file."""
    add = collector.add
    if hook is None:
        if require_hook:
            missing = HookMissing(Origin(precommit.PATH, (), "no ruff hook"))
            for path in files:
                add(missing, path, required)
        return
    if hook.ci_skip is not None:
        skipped = HookSkippedInCi(hook.ci_skip, hook.hook_id)
        for path in files:
            add(skipped, path, required)
    if not hook.runs_on_commit():
        stages = HookStages(hook.stages_origin or hook.origin, hook.stages or ())
        for path in files:
            add(stages, path, required)
    if hook.not_linting is not None:
        entry = HookArgument(hook.not_linting, "runs instead of `ruff check`, so nothing is linted")
        for path in files:
            add(entry, path, required)
    for argument, why in parsed.silencing:
        silencing = HookArgument(argument.origin, why)
        for path in files:
            add(silencing, path, required)


def file(
    filters: precommit.FileFilter,
    path: str,
    name: str,
    required: frozenset[int],
    collector: Collector,
) -> bool:
    """The hook's file filters (compiled once per run): report the one that keeps the file
    (of this name) away; whether one does."""
    reason = filters(path, name)
    if reason is None:
        return False
    collector.add(HookFiles(reason), path, required)
    return True
