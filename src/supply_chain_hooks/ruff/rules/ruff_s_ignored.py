"""## What it does
Reports an `ignore`/`extend-ignore` entry (or a deprecated top-level one) that switches
required S rules off for some files: `"S"`, a prefix such as `"S1"`, a code, a redirected
code (`"PGH001"` is `S307`, `"RUF035"` is `S704`), a rule name or category in preview, or
`"ALL"`. An entry only counts when it really decides the rule (a more specific `select`
entry wins over it), including ignores carried over from an `extend`ed config with
`select = []`.

## Why is this bad?
An ignore list grows one convenient entry at a time; `"S"` or `"S6"` there switches off
checks for shell injection and unsafe deserialisation everywhere, and stays long after the
one false positive that motivated it is gone.

## Example
```toml
[tool.ruff.lint]
extend-select = ["S"]
ignore = ["E501", "S"]   # SCH402
```
Use instead: drop `"S"` and silence single findings with `# noqa: S603` and a reason.

## Fix safety
Unsafe (only with `--unsafe-fixes`) for entries in config files inside the repository: an
ignore entry is someone's deliberate choice, and removing it may leave its explaining comment
behind. The entry is removed and the allowed codes it covered are kept explicitly (`"S1"`
becomes `"S101"`). Entries less specific than `S` (`"ALL"`, a category) are not removed:
adding `"S"` to `extend-select` overrides them, which is safe. Entries in configs outside the
repository are reported, not fixed.

## References
- Ruff: [rule selection](https://docs.astral.sh/ruff/linter/#rule-selection)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule
from supply_chain_hooks.ruff.causes import Ignored
from supply_chain_hooks.ruff.helpers import codes, file_list, finding

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.ruff.context import RuffContext

RULE = Rule(
    code="SCH402",
    name="ruff-s-ignored",
    hook="enforce-ruff-S",
    summary="an ignore entry switches required S rules off",
    fix=FixAvailability.SOMETIMES,
    doc=__doc__,
)


def check(context: RuffContext) -> Iterator[Finding]:
    table = context.verdict.table
    for reason in context.verdict.reasons:
        cause = reason.cause
        if isinstance(cause, Ignored):
            message = (
                f"{cause.origin.label} switches off {codes(table, reason.rules)} "
                f"for {file_list(reason.files)}"
            )
            yield finding(
                context, RULE, cause.origin, message, cause.fix_config, unsafe=cause.by_removal
            )
