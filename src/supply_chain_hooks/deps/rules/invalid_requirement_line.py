"""## What it does
Reports a line of a requirements or constraints file that pip cannot read: an unknown
option (`--uploaded-prior-to` is a command-line option, not a file option), an option
without its value, unbalanced quotes, a requirement that is not valid PEP 508, and a tab
between a requirement and its `--hash` (pip splits only on spaces and reads the hash as
part of the requirement, while uv accepts it).

## Why is this bad?
pip refuses the whole file, and uv may read it differently: the file does not mean one
thing, and nothing in it can be said to be verified.

## Example
```text
packaging==24.2	--hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
(a tab before `--hash`). Use a space instead.

## Fix safety
No autofix.

## References
- pip `req_file.break_args_options` (splits on single spaces)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH213",
    name="invalid-requirement-line",
    hook="require-lock-hashes",
    summary="line that pip cannot parse",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        line = entry.line
        if line.broken_continuation:
            continue  # broken-continuation explains it
        if line.error is not None:
            yield entry.finding(RULE, f"pip cannot parse the options of this line: {line.error}")
            continue
        requirement = entry.requirement
        if requirement is None or requirement.kind != "invalid":
            continue
        if "\t-" in requirement.text:
            message = (
                "a tab separates the requirement from its options: pip splits only on spaces, "
                "reads the options as part of the requirement and fails, while uv accepts it; "
                "use a space"
            )
        else:
            message = f"pip cannot parse `{requirement.text}`: {requirement.error}"
        yield entry.finding(RULE, message)
