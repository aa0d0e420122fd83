"""## What it does
Reports, once per Ruff config file, the stable S (flake8-bandit) rules that Ruff does not
select for the Python files that config governs, and which files those are. It reads the
config Ruff really uses for each file (nearest `.ruff.toml`, `ruff.toml` or `pyproject.toml`
with `[tool.ruff]`), follows `extend`, merges deprecated top-level keys the way Ruff does, and
computes the selection exactly as Ruff does: defaults, `select`, `extend-select`, `ignore`,
`ALL`, prefixes by specificity, preview and `explicit-preview-rules`, redirects. The finding
points at the `select` that leaves S out, the `extend` whose base does, or the lint table.
It also reports files no Ruff config governs at all.

## Why is this bad?
Ruff 0.16+ enables only three S rules by default (S102, S110, S112). A `select` that was
written for the old defaults (`["E", "F"]`) or a nested config that replaces the root one
silently leaves `subprocess(..., shell=True)`, `pickle.loads`, `yaml.load` and hard-coded
passwords unchecked, while a glance at the root config suggests otherwise.

## Example
```toml
[tool.ruff.lint]
select = ["E", "F"]   # SCH401: S rules not selected
```
Use instead:
```toml
[tool.ruff.lint]
select = ["E", "F"]
extend-select = ["S"]
```

## Fix safety
Safe (`--fix`): adds `"S"` to `lint.extend-select` of the config Ruff reads for these
files, never to `select` (which would drop Ruff's defaults). A deprecated top-level
`extend-select` is merged into it and removed, because Ruff would otherwise let the new key
shadow the old one. Nothing that was selected before is deselected. Files no config governs
get `[tool.ruff.lint] extend-select = ["S"]` in the nearest `pyproject.toml`; without one the
finding needs a human.

## References
- Ruff: [`lint.extend-select`](https://docs.astral.sh/ruff/settings/#lint_extend-select), [config discovery](https://docs.astral.sh/ruff/configuration/#config-file-discovery)
- flake8-bandit rules: https://docs.astral.sh/ruff/rules/#flake8-bandit-s
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH401",
    name="ruff-s-not-selected",
    hook="enforce-ruff-S",
    summary="S rules are not selected by the Ruff config that governs the files",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)
