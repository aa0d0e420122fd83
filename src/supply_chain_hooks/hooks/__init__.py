"""Hook entry points, one module per hook id; HOOK_MODULES is the explicit list."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.runner import Hook

#: hook id -> module name, in the order `supply-chain-hooks check` runs them.
HOOK_MODULES: dict[str, str] = {
    "pin-actions-to-sha": "pin_actions_to_sha",
    "forbid-pull-request-target": "forbid_pull_request_target",
    "require-lock-hashes": "require_lock_hashes",
    "check-uv-exclude-newer": "check_uv_exclude_newer",
    "enforce-ruff-S": "enforce_ruff_s",
    "pin-pre-commit-revs": "pin_pre_commit_revs",
    "require-trusted-publishing": "require_trusted_publishing",
    "require-hashed-installs": "require_hashed_installs",
    "check-dependency-cooldown": "check_dependency_cooldown",
}


def load(hook_id: str) -> Hook:
    module = importlib.import_module(f"supply_chain_hooks.hooks.{HOOK_MODULES[hook_id]}")
    hook: Hook = module.HOOK
    return hook
