"""## What it does
Finds every uv project in the repository (a tracked `pyproject.toml` with a `uv.lock` beside
it or a `[tool.uv]` table, workspace members grouped under their root, and every `uv.toml`),
works out which file uv really reads its settings from (the nearest `uv.toml` or
`pyproject.toml` with `[tool.uv]`, searching upwards from the workspace root) and reports
when that file sets no `exclude-newer`.

## Why is this bad?
Without `exclude-newer`, `uv lock`, `uv sync` and `uv add` pick the newest release of every
dependency, including one published minutes ago. Most malicious releases are found and
yanked within days; a cooldown (`exclude-newer = "7 days"`) keeps them out of your lock
file until then.

## Example
```toml
[tool.uv]
dev-dependencies = ["pytest"]
```
Use instead:
```toml
[tool.uv]
dev-dependencies = ["pytest"]
exclude-newer = "7 days"
```

## Fix safety
The fix inserts `exclude-newer = "7 days"` (`--fix-value`) into the file uv reads,
creating `[tool.uv]` when needed and keeping every other byte. When a workspace member,
`[tool.uv.pip]` or a masked `pyproject.toml` already names a value that passes the policy,
that value is used instead. The fix changes how uv resolves, which is its purpose: run
`uv lock` afterwards (the hook says so), and review the resulting lock diff.

## References
- uv docs, "Dependency cooldowns" and "Reproducible resolutions" (`concepts/resolution.md`)
- uv docs, "Configuration files" (`concepts/configuration-files.md`)
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterable

    from supply_chain_hooks.uv.context import UvContext

RULE = Rule(
    code="SCH301",
    name="uv-exclude-newer-missing",
    hook="check-uv-exclude-newer",
    summary="no dependency cooldown: the file uv reads sets no exclude-newer",
    fix=FixAvailability.ALWAYS,
    doc=__doc__,
)


def check(context: UvContext) -> Iterable[Finding]:
    """The file uv reads sets no exclude-newer, or the project has no settings file at all."""
    from supply_chain_hooks.model import Location
    from supply_chain_hooks.uv import helpers
    from supply_chain_hooks.uv.settings import KEY

    for settings in context.settings:
        missing = settings.missing
        if missing is None or missing.pip_only:
            continue
        file = settings.file
        readers = ", ".join(missing.readers[:4])
        if len(missing.readers) > 4:
            readers += f" and {len(missing.readers) - 4} more"
        read_by = f" (uv reads it for {readers})" if readers else ""
        moved = f" (moving the value from {missing.moved_from})" if missing.moved_from else ""
        yield Finding(
            RULE,
            file.path,
            file.table_location(),
            f"{file.label} sets no `{KEY}`{read_by}: no cooldown",
            helpers.set_global(file, missing.value, f'set {KEY} = "{missing.value}"{moved}'),
        )
    for project in context.unconfigured:
        value = project.value
        moved = f" (moving the value from {project.moved_from})" if project.moved_from else ""
        yield Finding(
            RULE,
            project.file.path,
            Location(1, 1, 1, 1),
            f"no uv settings set `{KEY}` for this project: no cooldown",
            helpers.set_global(project.file, value, f'add [tool.uv] {KEY} = "{value}"{moved}'),
        )
