"""Hook entry points, one module per hook id; HOOK_MODULES is the explicit list."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

    from supply_chain_hooks.model import Rule
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


class RuleModules:
    """A hook's rule modules, imported from its family's ``rules`` package on first use.

    A run in which the hook has nothing to check, or which runs it in another process
    (:mod:`supply_chain_hooks.parallel`), never imports them. Calling it gives the modules
    (the family's ``of_hook``, or its ``MODULES`` for a family of one hook); :meth:`rules`
    their ``RULE``; :meth:`attribute` is the hook module's ``__getattr__`` that keeps its
    ``CHECKS`` and ``RULES`` names.
    """

    __slots__ = ("_hook", "_modules", "_owner", "_package")

    def __init__(self, package: str, hook_id: str, owner: str) -> None:
        self._package = package
        self._hook = hook_id
        self._owner = owner
        self._modules: tuple[Any, ...] | None = None

    def __call__(self) -> tuple[Any, ...]:
        modules = self._modules
        if modules is None:
            family = importlib.import_module(self._package)
            of_hook = getattr(family, "of_hook", None)
            modules = self._modules = tuple(
                family.MODULES if of_hook is None else of_hook(self._hook)
            )
        return modules

    def rules(self) -> tuple[Rule, ...]:
        return tuple(module.RULE for module in self())

    def attribute(self, name: str) -> object:
        if name == "CHECKS":
            return self()
        if name == "RULES":
            return self.rules()
        raise AttributeError(f"module {self._owner!r} has no attribute {name!r}")
