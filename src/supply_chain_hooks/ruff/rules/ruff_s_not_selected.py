"""## What it does
Reports, once per Ruff config file, the stable S (flake8-bandit) rules that Ruff does not
select for the Python files that config governs, and which files those are. It reads the
config Ruff really uses for each file (nearest `.ruff.toml`, `ruff.toml` or `pyproject.toml`
with `[tool.ruff]`), follows `extend`, merges deprecated top-level keys the way Ruff does, and
computes the selection exactly as Ruff does: defaults, `select`, `extend-select`, `ignore`,
`ALL`, prefixes by specificity, preview and `explicit-preview-rules`, redirects. The finding
points at the `select` that leaves S out, the `extend` whose base does, or the lint table.
It also reports files no Ruff config governs at all: once per project, at the
`pyproject.toml` that the fix edits, or once at the repository root (`.`) when there is none,
with the number of files.

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
In a `pyproject.toml` the table is `[tool.ruff.lint]`; in a `ruff.toml` or `.ruff.toml` it is
`[lint]`. Where no Ruff config governs the files, add that table to the `pyproject.toml` of
their project, or create a `ruff.toml` at the repository root.

## Fix safety
Safe (`--fix`): adds `"S"` to `lint.extend-select` of the config Ruff reads for these
files, never to `select` (which would drop Ruff's defaults). The hook never requires S101
(`assert`), so unless S101 was already on, `"S101"` goes into the ignore list Ruff reads
(`lint.ignore`, or a deprecated top-level `ignore`): the number of S101 findings stays the same. A deprecated top-level
`extend-select` is merged into it and removed, because Ruff would otherwise let the new key
shadow the old one. Nothing that was selected before is deselected. Files no config governs
get `[tool.ruff.lint] extend-select = ["S"]` in the nearest `pyproject.toml`; without one the
finding needs a human.

## References
- Ruff: [`lint.extend-select`](https://docs.astral.sh/ruff/settings/#lint_extend-select), [config discovery](https://docs.astral.sh/ruff/configuration/#config-file-discovery)
- flake8-bandit rules: https://docs.astral.sh/ruff/rules/#flake8-bandit-s
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import Gap, NotSelected
from supply_chain_hooks.ruff.helpers import codes, file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH401",
    name="ruff-s-not-selected",
    hook="enforce-ruff-S",
    summary="S rules are not selected by the Ruff config that governs the files",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, NotSelected):
            if cause.gap is Gap.NO_CONFIG:
                message = _no_config(reason.files, len(reason.rules), len(table.stable_s))
            else:
                message = _message(cause, codes(table, reason.rules), file_list(reason.files))
            yield finding(context, RULE, cause.origin, message, cause.fix_config)


def _no_config(files: Collection[str], missing: int, stable: int) -> str:
    """One short sentence for every file of a project (or repository) without a config."""
    first = min(files)
    named = first if len(files) == 1 else f"{len(files)} Python files ({first}, ...)"
    return f"no Ruff config governs {named}: {missing} of {stable} stable S rules not enabled"


def _message(cause: NotSelected, codes: str, files: str) -> str:
    gap = cause.gap
    if gap is Gap.OUTSIDE:
        text = (
            f"the Ruff config {cause.origin.path} (outside the repository) "
            f"does not select {codes} for {files}"
        )
    elif gap is Gap.SELECT:
        label = cause.origin.label
        text = f"{label if '`' in label else f'`{label}`'} leaves out {codes} for {files}"
    elif gap is Gap.EXTENDED_SELECT:
        text = f"the `select` of the extended {cause.decided_in} leaves out {codes} for {files}"
    elif gap is Gap.SWITCHED_OFF:
        text = (
            f"{codes} switched off by {cause.entry} in {cause.decided_in} "
            f"and not re-enabled here, for {files}"
        )
    else:
        text = f"Ruff's default rules leave out {codes} for {files}"
    if cause.shadows is not None:
        text += f"; this config replaces {cause.shadows} (no `extend`), which enables them"
    return text
