"""## What it does
Reports, once per server and cause, that `--fix` or `--verify` could not reach a git
server at all (`could not resolve host`, `connection refused`, `timed out`, ...), with the
number of references that were therefore left as they are. It is the tool's own error,
not a problem in your files: no reference is reported as mismatched or unresolvable
because the network was down.

## Why is this bad?
A run that needed the network and did not get it checked less than it was asked to.
Reporting each reference separately would bury that one cause under many lines, and
reporting version comments as wrong (SCH106) when nothing could be compared would show an
outage as a rule violation.

## Example
```text
.github/workflows/ci.yml:7:15: SCH003 could not reach https://github.com: could not resolve host; 85 references left as they are
```

## Fix safety
No fix. Check the network or the server URL (`--server-url`, `$GITHUB_SERVER_URL`) and run
again, or run with `--offline` to do only what needs no network.
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from supply_chain_hooks.model import Finding, Location

RULE = Rule(
    code="SCH003",
    name="unreachable-server",
    hook="*",
    summary="a git server needed by --fix or --verify could not be reached",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def findings(
    unreached: Mapping[tuple[str, str], Sequence[tuple[str, Location]]],
) -> list[Finding]:
    """One finding per (server, cause), at the first reference it left as it is."""
    from supply_chain_hooks.model import Finding

    out = []
    for (server, cause), places in unreached.items():
        if not places:
            continue
        path, location = places[0]
        count = len(places)
        left = "reference left as it is" if count == 1 else "references left as they are"
        message = f"could not reach {server}: {cause}; {count} {left}"
        out.append(Finding(RULE, path, location, message))
    return out
