"""## What it does
Reports `pip-install:` on `actions/setup-python`.

## Why is this bad?
The input runs `pip install` with the words it is given, after setting up Python: by
design it installs from the index with no hash checking, and it hides the install from
every check that reads `run:` steps.

## Example
```yaml
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: "3.13"
          pip-install: -r requirements.txt nox   # SCH808
```
Use instead:
```yaml
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: "3.13"
      - run: pip install --require-hashes -r requirements.txt
```

## Fix safety
No fix.

## References
- actions/setup-python, `pip-install` input (v5.4.0 and later)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH808",
    name="setup-python-pip-install",
    hook="require-hashed-installs",
    summary="actions/setup-python with pip-install: (unpinned by design)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for found in context.sites.setup_python:
        message = (
            f"`pip-install: {found.value.strip()}` installs without hash checking: remove it and "
            "add a step `pip install --require-hashes -r requirements.txt`"
        )
        yield Finding(RULE, context.path, source.location(found.start, found.end), message)
