"""## What it does
Reports `${VARIABLE}` anywhere on a line of a requirements file, as pip expands it: in the
requirement, in a `--hash` value, after the options. The only exception is a variable inside
the value of `--index-url`, `--extra-index-url`, `--find-links` or `--trusted-host` on a line
of its own, the usual way to pass credentials: the hashes still verify what those indexes
serve.

## Why is this bad?
pip expands `${NAME}` from the environment before it parses the line (and keeps it literally
when it is not set), so what is installed, or which hash is checked, depends on the machine
that runs the install: `evil==1.0 --hash=sha256:<wrong> ${EXTRA}` accepts whatever hash
`EXTRA=--hash=sha256:...` adds. The reviewed file is not what was installed.

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
    from supply_chain_hooks.deps.lines import LogicalLine
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH214",
    name="environment-variable",
    hook="require-lock-hashes",
    summary="${VAR} on a requirement line (anywhere pip expands it)",
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
        names = sorted(
            {
                match.group()
                for match in ENV_VAR_RE.finditer(line.text)
                if not _credentials(line, match.start())
            }
        )
        if not names:
            continue
        yield entry.finding(
            RULE,
            f"{', '.join(f'`{name}`' for name in names)} is replaced from the environment "
            "by pip and uv",
            "write the value out",
        )


#: Options whose value may carry credentials from the environment without changing what
#: the hashes verify.
_LOCATION_OPTIONS = frozenset(
    {"--index-url", "--extra-index-url", "--find-links", "--trusted-host"}
)


def _credentials(line: LogicalLine, position: int) -> bool:
    """The variable at ``position`` is inside an index option's value on an option-only line."""
    if line.requirement or len(line.options) != 1 or line.positional:
        return False
    option = line.options[0]
    if option.name not in _LOCATION_OPTIONS or position < option.start:
        return False
    # `--option VALUE` or `--option=VALUE`, with the variable inside VALUE.
    return line.text[option.start : position].count(" ") <= 1 and " " not in line.text[position:]
