"""## What it does
Reports a requirement that is not pinned to exactly one version: ranges (`>=`, `~=`,
`!=`), several specifiers (`==24.2,<25`), wildcards (`==24.*`) and bare names; a line
without a hash as well is reported once, here. Constraints files are exempt: a range there
only narrows what the requirements pick. A pin is one
`==version` without `.*`, or `===version`. Direct references to an archive
(`name @ https://.../name-1.0.tar.gz`) are pinned by their hash instead. In `Pipfile.lock`,
an entry whose `version` is not `==version` is reported too.

## Why is this bad?
An unpinned requirement installs whatever is newest when the install runs. With hashes,
uv and pip before 26.1 refuse it ("must have their versions pinned with =="), and pip
26.1+ quietly installs any version whose file matches one of the hashes, which makes the
file mean different things to different installers. `==24.*` passes pip's own pin check
although it is a range.

## Example
```text
packaging>=24 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
Use instead:
```text
packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```

## Fix safety
No autofix: choosing the version is a resolution, and its hashes come from the index.
Keep ranges in the input file (`requirements.in`, `pyproject.toml`) and regenerate the
locked file with the command `--show-hints` gives.

## References
- pip `InstallRequirement.is_pinned`; pip #9243 (hashed unpinned requirements, 26.1)
- uv `HashStrategy::from_requirements`
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import regenerate, shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context, LockContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH204",
    name="unpinned-requirement",
    hook="require-lock-hashes",
    summary="requirement not pinned to one version with == or ===",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if isinstance(context, RequirementsContext):
        yield from _requirements(context)
    else:
        yield from _lock(context)


def _describe(specifier: str) -> str:
    if not specifier:
        return "no version"
    if "," in specifier:
        return "several version specifiers"
    if specifier.endswith(".*"):
        return f"a wildcard `{specifier}`"
    return f"`{specifier}`"


def _requirements(context: RequirementsContext) -> Iterator[Finding]:
    for entry in context.entries:
        requirement = entry.requirement
        if requirement is None or requirement.kind != "named" or requirement.pinned:
            continue
        if entry.constraint:
            continue  # a range in a constraints file only narrows what the requirements pick
        tail = "" if entry.hashes else ", and no --hash"
        yield entry.finding(
            RULE,
            f"`{shorten(requirement.text, 60)}` has {_describe(requirement.specifier)} "
            f"instead of one `==version` pin{tail}",
            context.hint(entry.file).regenerate,
        )


def _lock(context: LockContext) -> Iterator[Finding]:
    for item in context.lock.unpinned:
        shown = f"`{item.version}`" if item.version else "no version"
        yield context.locator.finding(
            RULE,
            item.key,
            f"`{item.package}` has {shown} instead of `==version`",
            regenerate(context.lock.command_for(item.package), path=context.path),
        )
