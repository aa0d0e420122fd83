"""## What it does
Reports a project pinned twice, with the same environment marker, but to a different
version or with a different set of hashes, across a requirements file and every file it
includes with `-r`/`-c`. The same project under different markers (as `uv export` writes
for split resolutions) is not a duplicate.

## Why is this bad?
pip accepts a download that matches any hash listed for the project in any of the lines,
so a second line with other hashes widens what is accepted, and usually means one of the
lines is stale (a bad merge, a hand edit). Two different pins for one project make the
install fail.

## Example
```text
six==1.16.0 --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254
six==1.16.0 --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926
```
Use instead: one line with the hashes of the files that really belong to that version
(a wheel and the sdist), as the generator writes them.

## Fix safety
No autofix: which line is right is not known from the file.

## References
- pip `Hashes` (any listed hash satisfies the check)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.analysis import Entry
    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH211",
    name="conflicting-duplicate",
    hook="require-lock-hashes",
    summary="project listed twice with different versions or hashes",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    from supply_chain_hooks.deps.requirement import HASHABLE

    first: dict[tuple[str, str], tuple[Entry, str, frozenset[str]]] = {}
    for entry in context.entries:
        requirement = entry.requirement
        if requirement is None or requirement.kind not in HASHABLE or requirement.name is None:
            continue
        if requirement.kind == "named" and not requirement.pinned:
            continue  # ranges intersect; unpinned-requirement reports them
        key = (requirement.name, requirement.marker)
        version = requirement.specifier or requirement.url
        hashes = frozenset(f"{algorithm}:{digest.lower()}" for algorithm, digest, _ in entry.hashes)
        if key not in first:
            first[key] = (entry, version, hashes)
            continue
        earlier, earlier_version, earlier_hashes = first[key]
        if earlier.line is entry.line:
            continue
        different = []
        if version != earlier_version:
            different.append(f"`{version}` instead of `{earlier_version}`")
        if hashes and earlier_hashes and hashes != earlier_hashes:
            different.append("different hashes")
        if not different:
            continue
        where = f"{earlier.file.path}:{earlier.line_number(earlier.span[0])}"
        effect = (
            "two different pins for one project fail the install"
            if version != earlier_version
            else "pip accepts a file that matches any hash of either line"
        )
        yield entry.finding(RULE, (
            f"`{requirement.name}` is listed again with {' and '.join(different)} (first at "
            f"{where}): {effect}; keep one entry"
        ))  # fmt: skip
