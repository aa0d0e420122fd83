"""The github family's rule interface: one list, one check per module, light modules."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

from supply_chain_hooks.github import rules
from supply_chain_hooks.github.rules import MODULES, RULES, of_hook
from supply_chain_hooks.hooks import forbid_pull_request_target, pin_actions_to_sha

RULES_DIR = Path(rules.__file__).parent


def test_every_module_is_listed_once_with_a_check() -> None:
    names = {name for _, name, _ in pkgutil.iter_modules([str(RULES_DIR)])}
    assert sorted(module.__name__.rsplit(".", 1)[1] for module in MODULES) == sorted(names)
    assert tuple(module.RULE for module in MODULES) == RULES
    for module in MODULES:
        assert callable(module.check), module.__name__
        # The module is named after its rule (`unpinned-action-ref` -> unpinned_action_ref).
        assert module.__name__.endswith("." + module.RULE.name.replace("-", "_"))


def test_each_hook_runs_exactly_its_rules_from_the_family_list() -> None:
    for hook in (pin_actions_to_sha, forbid_pull_request_target):
        assert of_hook(hook.ID) == hook.CHECKS
        assert hook.HOOK.rules == hook.RULES
        assert {rule.hook for rule in hook.RULES} == {hook.ID}
    assert {*pin_actions_to_sha.RULES, *forbid_pull_request_target.RULES} == set(RULES)


def _top_level_imports(path: Path) -> set[str]:
    """Modules a file imports when it is loaded (not inside functions or TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_rule_modules_load_nothing_but_the_model_and_never_each_other() -> None:
    """Every github rule module is loaded by both hooks: the grammar, the edits and the
    resolver are imported inside ``check``, and shared code lives in github/helpers.py."""
    for path in sorted(RULES_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        imported = _top_level_imports(path)
        assert imported <= {
            "__future__",
            "__future__.annotations",
            "supply_chain_hooks.model",
            "supply_chain_hooks.model.FixAvailability",
            "supply_chain_hooks.model.Rule",
        }, path.name
        source = path.read_text()
        siblings = {module.__name__ for module in MODULES} - {f"{rules.__name__}.{path.stem}"}
        assert not any(name in source for name in siblings), path.name
