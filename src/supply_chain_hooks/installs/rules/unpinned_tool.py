"""## What it does
Reports `uvx TOOL`, `uv tool install TOOL`, `uv tool run TOOL`, `pipx install TOOL` and
`pipx run TOOL` when the tool is not pinned to an exact version: `TOOL==1.2.3`,
`TOOL@1.2.3` (uv), or `--from TOOL==1.2.3` / `--spec TOOL==1.2.3`. Packages added with
`--with` must be exact too. A local path passes, so does a VCS URL pinned to a full
commit, and `TOOL==${{ matrix.version }}` when the job's matrix, written out in the
workflow, gives only exact versions. `uvx --version` and `uvx --generate-shell-completion
SHELL` run no tool.

## Why is this bad?
`uvx ruff` runs the newest release of ruff, chosen at the minute the job starts, with the
job's token: a compromised release runs at once. An exact version changes only when
someone changes it.

An exact version does not pin the tool's own dependencies; for that, install the tool
from a hashed lock (`pip install --require-hashes -r tools.txt`).

## Example
```yaml
      - run: uvx ruff check .   # SCH806
```
Use instead:
```yaml
      - run: uvx ruff@0.15.2 check .
```
A tool a team accepts unpinned is exempted with `--allow NAME`.

## Fix safety
No fix: which version to pin is the maintainer's choice.

## References
- uv documentation, "Tools" (`uvx tool@version`, `--from`)
- pipx documentation, `pipx run --spec`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.installs.sites import Site
    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.shell import Word

RULE = Rule(
    code="SCH806",
    name="unpinned-tool",
    hook="require-hashed-installs",
    summary="uvx/uv tool/pipx of a tool without an exact version",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

_TOOLS = frozenset(
    {
        ("uvx", "run"),
        ("uv", "tool-install"),
        ("uv", "tool-run"),
        ("pipx", "install"),
        ("pipx", "run"),
    }
)


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.installs.helpers import (
        command_name,
        is_commit_pinned,
        is_exact_tool,
        is_local,
        is_remote_direct,
        requirement_name,
    )
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        if (invocation.tool, invocation.action) not in _TOOLS:
            continue
        #: (the requirement(s) as written, where, the option naming it in the message)
        specs: list[tuple[str, Word, str]] = []
        source_options = invocation.values("--from", "--spec")
        if source_options:
            specs += [(o.value or "", o.word, f"{o.name} ") for o in source_options]
        elif invocation.positional:
            first = invocation.positional[0]
            specs.append((first.text, first, ""))
        more = invocation.positional[1:] if invocation.action == "install" else ()
        specs += [(word.text, word, "") for word in more]
        specs += [(o.value or "", o.word, f"{o.name} ") for o in invocation.values("--with", "-w")]
        name = command_name(invocation)
        for spec, word, option in specs:
            for part in spec.split(","):
                part = part.strip()
                if (
                    not part
                    or is_local(part)
                    or is_exact_tool(part)
                    or is_commit_pinned(part)
                    or _matrix_pinned(site, part)
                ):
                    continue
                project = requirement_name(part)
                if project is not None and project in context.allow:
                    continue
                base = project or part
                location = source.location(word.start, word.end)
                if is_remote_direct(part):
                    message = f"`{name} {option}{part}` installs from a URL that can change"
                    hint = (
                        "pin the VCS URL to a full commit (`git+https://...@<40-hex commit>`) "
                        "or use an exact version from the index"
                    )
                    yield Finding(RULE, context.path, location, message, hint=hint)
                    continue
                message = (
                    f"`{name} {option}{part}` runs whatever version is newest when the job starts"
                )
                hint = (
                    f"pin it exactly (`{base}==1.2.3`"
                    + (f", `{base}@1.2.3`" if invocation.tool in ("uv", "uvx") else "")
                    + ")"
                )
                yield Finding(RULE, context.path, location, message, hint=hint)


def _matrix_pinned(site: Site, part: str) -> bool:
    """`name==${{ matrix.version }}` where every value the job's static matrix gives it is
    an exact version (each run of the job installs a pinned version)."""
    from supply_chain_hooks.github.workflow import matrix_values
    from supply_chain_hooks.installs.helpers import is_exact_tool

    name, equals, expression = part.partition("==")
    if not equals or site.job is None or "${{" not in expression:
        return False
    values = matrix_values(site.job, expression)
    if not values:  # another expression, a matrix not written out, or no value
        return False
    return all(is_exact_tool(f"{name}=={value}") for value in values)
