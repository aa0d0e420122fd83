"""## What it does
Reports a project pinned twice, across a requirements file and every file it includes with
`-r`/`-c`: with the same environment marker but a different version or a different set of
hashes, or with different markers, the same version and a different set of hashes. The same
project under different markers at different versions (as `uv export` writes for split
resolutions) is not a duplicate.

## Why is this bad?
When both lines apply (the same marker, or two markers that both hold on the machine), the
installers do not agree on which hashes count: pip 26.3 checks the download against the
first line's hashes and uv 0.13.9 against the last line's, so each accepts a file the
other refuses. A second line with other hashes usually means one of the lines is stale (a
bad merge, a hand edit); one version has one set of files, so two lines for it should list
the same hashes. Two different pins for one project make the install fail.

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
- pip `Hashes`; uv `HashStrategy` (tested against pip 26.3 and uv 0.13.9)
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
    #: Per project and version: the first hashed line, whatever its marker.
    by_version: dict[tuple[str, str], tuple[Entry, frozenset[str]]] = {}
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
            if hashes:
                same = by_version.setdefault((requirement.name, version), (entry, hashes))
                if same[0].line is not entry.line and same[1] != hashes:
                    # Other markers, same version: both markers can hold at once, and then pip
                    # checks the first line's hashes and uv the last line's.
                    yield _finding(entry, requirement.name, "different hashes", same[0])
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
        yield _finding(entry, requirement.name, " and ".join(different), earlier)


def _finding(entry: Entry, name: str, different: str, earlier: Entry) -> Finding:
    where = f"{earlier.file.path}:{earlier.line_number(earlier.span[0])}"
    return entry.finding(
        RULE, f"`{name}` is listed again with {different} (first at {where})", "keep one entry"
    )
