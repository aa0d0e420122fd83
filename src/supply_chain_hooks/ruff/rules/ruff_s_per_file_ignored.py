"""## What it does
Reports a `per-file-ignores` or `extend-per-file-ignores` entry that switches required S
rules off for some non-test files, with Ruff's matching: the pattern against the basename or,
anchored at the directory of the config that defines it, against the whole path; `*` crosses
`/`; `!` negates.

## Why is this bad?
Per-file ignores are often written for one file and then match many (`"core.py"` matches
every `core.py`, `"src/*"` every file below `src/`).

## Example
```toml
[tool.ruff.lint.per-file-ignores]
"scripts/*" = ["S603"]   # SCH404
```
Allow the codes with `--allow-ignore S603` if that is the policy, or silence single lines.

## Fix safety
No fix: a per-file ignore is a deliberate decision that needs review.

## References
- Ruff: [`lint.per-file-ignores`](https://docs.astral.sh/ruff/settings/#lint_per-file-ignores)
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH404",
    name="ruff-s-per-file-ignored",
    hook="enforce-ruff-S",
    summary="a per-file ignore switches required S rules off for some files",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
