"""## What it does
Reports `${VARIABLE}` inside a requirement or a `--hash` value. (Variables in index URLs,
the usual way to pass credentials, are not reported: the hashes still verify what those
indexes serve.)

## Why is this bad?
pip and uv replace `${NAME}` from the environment when it is set, and keep it literally
when it is not. What gets installed, or which hash is checked, then depends on the
machine that runs the install, and the reviewed file is not what was installed.

## Example
```text
mypkg @ https://files.example.com/${MYPKG_VERSION}/mypkg.tar.gz --hash=sha256:...
```
Use instead: write the value out, and regenerate the file when it changes.

## Fix safety
No autofix.

## References
- pip `req_file.expand_env_variables`
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
    code="SCH214",
    name="environment-variable",
    hook="require-lock-hashes",
    summary="${VAR} in a requirement or hash",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    from supply_chain_hooks.deps.lines import ENV_VAR_RE

    for entry in context.entries:
        line = entry.line
        if "${" not in line.text:
            continue
        texts = [line.requirement, *line.values("--hash")]
        if line.is_editable:
            texts += line.editables
        names = sorted({match.group() for text in texts for match in ENV_VAR_RE.finditer(text)})
        if not names:
            continue
        yield entry.finding(RULE, (
            f"{', '.join(f'`{name}`' for name in names)} is replaced from the environment by pip "
            "and uv: what is installed, or which hash is checked, depends on the machine; "
            "write the value out"
        ))  # fmt: skip
