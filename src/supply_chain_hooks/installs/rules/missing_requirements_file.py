"""## What it does
Reports a `-r`/`-c` file on an install command (`pip install -r requirements.txt`) that
this hook cannot read: it is not in the repository where the command runs (the step's
`working-directory`, the repository root, a composite action's `${{ github.action_path }}`;
for a Dockerfile its directory or the repository root, an absolute path by its trailing
parts), or its path is only known at run time (`-r $REQS`, `-r ${{ matrix.reqs }}`).

## Why is this bad?
Whether the install is hash-checked depends on that file: a file generated in the job (by
`pip freeze`, `uv export` without hashes, `poetry export`) or downloaded is as unpinned as a
bare `pip install`, and nothing checks it before it runs.

## Example
```yaml
      - run: |
          uv export --no-hashes > requirements.txt
          pip install -r requirements.txt   # SCH803: not in the repository
```
Use instead: commit the lock file, hashed (`uv export --format requirements.txt -o
requirements.txt`), and install it with `pip install --require-hashes -r requirements.txt`
(`--require-hashes` also makes a file generated in the job safe to install).

## Fix safety
No fix.

## References
- pip documentation, "Secure installs"
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH803",
    name="missing-requirements-file",
    hook="require-hashed-installs",
    summary="a requirements file on an install command that cannot be checked",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.installs.helpers import command_name
    from supply_chain_hooks.installs.pip import PIP_LIKE, verdict
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        if (invocation.tool, invocation.action) not in PIP_LIKE:
            continue
        for use in verdict(context, site).missing:
            written = use.option.value or ""
            runtime = any(char in written for char in "$`*")
            why = "its path is only known at run time" if runtime else "it is not in the repository"
            message = (
                f"`{command_name(invocation)} {use.option.name} {written}`: {why}, so nothing "
                "checks that it is hashed"
            )
            hint = (
                "commit the lock file hashed and install with "
                f"`{command_name(invocation)} --require-hashes {use.option.name} {written}`"
            )
            word = use.option.word
            location = source.location(word.start, word.end)
            yield Finding(RULE, context.path, location, message, hint=hint)
