"""## What it does
Reports `pip install .`, `pip install -e .`, `pip install dist/*.whl` (and the same with
`uv pip install`) without `--no-deps`: a local project or archive installed with its
dependencies, which pip resolves from the index with no pin and no hash.

## Why is this bad?
The project's own code is local, but its dependencies are whatever the index serves now:
`pip install -e .` in CI is `pip install` of every dependency range of `pyproject.toml`.
Install the dependencies from a hashed lock first, then the project alone.

The isolated build of a source tree still fetches the build backend named in
`[build-system] requires` from the index, unhashed. This rule does not report that: it is
the same for every build, and pinning it needs the backend installed from a hashed lock
with `--no-build-isolation` (or `uv build` with `build-constraint-dependencies`). A wheel
installed with `--no-deps` builds nothing.

## Example
```yaml
      - run: pip install -e .   # SCH802
```
Use instead:
```yaml
      - run: |
          pip install --require-hashes -r requirements-dev.txt
          pip install --no-deps -e .
```

## Fix safety
No fix: the lock file the dependencies come from is the maintainer's choice.

## References
- pip documentation, "Secure installs" (`--no-deps` with hash-checked requirements)
- OpenSSF Scorecard, Pinned-Dependencies (local installs with `--no-deps`)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH802",
    name="local-install-with-dependencies",
    hook="require-hashed-installs",
    summary="a local path installed without --no-deps resolves its dependencies unpinned",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.installs.helpers import HASHED, command_name, words_text
    from supply_chain_hooks.installs.pip import PIP_LIKE, verdict
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        if (invocation.tool, invocation.action) not in PIP_LIKE:
            continue
        local = verdict(context, site).local
        if not local:
            continue
        name = command_name(invocation)
        shown = words_text(list(local))
        message = (
            f"`{name} {shown}` resolves the dependencies from the index unpinned: install them "
            f"with {HASHED}, then `{name} --no-deps {shown}`"
        )
        yield Finding(RULE, context.path, source.location(local[0].start, local[-1].end), message)
