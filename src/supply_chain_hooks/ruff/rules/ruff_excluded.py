"""## What it does
Reports `exclude`, `extend-exclude` and `lint.exclude` patterns (and Ruff's default
excludes such as `venv`, `dist`, `node_modules`) that drop tracked Python files. pre-commit's
ruff hook passes `--force-exclude`, so such files are never checked.

## Why is this bad?
An exclude meant for generated code easily matches real code (`"gen"` matches every
directory named `gen`, a pattern without `/` matches a basename at any depth).

## Example
```toml
[tool.ruff]
extend-exclude = ["scripts"]   # SCH406: scripts/deploy.py is never checked
```

## Fix safety
No fix.

## References
- Ruff: [`exclude`](https://docs.astral.sh/ruff/settings/#exclude), [`force-exclude`](https://docs.astral.sh/ruff/settings/#force-exclude)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH406",
    name="ruff-excluded",
    hook="enforce-ruff-S",
    summary="tracked Python files are excluded from Ruff",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
