"""## What it does
Reports an `additional_dependencies` entry of a hook (remote or `repo: local`) that does
not install one exact version. Python entries are PEP 508 requirements pinned with one
`==` (no `.*`) or `===` (extras and markers allowed); node entries are npm specs pinned to
one version (`name@1.2.3`); golang entries are module paths pinned with `@v<semver>`. A
local hook's `language:` says which grammar applies; a remote hook's language lives in its
repository's manifest, so its entries are read by their form. VCS URLs pinned to a full
commit SHA and archive URLs with a `#sha256=` hash are pinned too.

Not checked: installer options (`-r file`, `--index-url ...`), the entries of local hooks
in other languages, and remote entries that fit none of the three grammars (Ruby's
`gem:1.0`, Rust's `cli:name:1.0`, Dart, conda...), whose pinning rules differ per installer.

## Why is this bad?
pre-commit installs these packages into the hook's environment the first time it runs on
each machine, from whatever the registry serves that day: an unpinned `types-requests` or
`eslint-plugin-x@^2` gets every new release, including a compromised one, on every fresh
clone and CI cache miss. Freezing the hook's rev does not freeze its dependencies.

## Example
```yaml
      - id: mypy
        additional_dependencies: [types-requests]   # SCH505
```
Use instead:
```yaml
        additional_dependencies: [types-requests==2.32.0.20240712]
```

## Fix safety
No automatic fix: choosing a version is a resolution this hook does not make. Pick the
version you test with (`pip index versions`, `npm view <name> version`).

## References
- pre-commit docs, "Config file: additional_dependencies"
- PEP 508; npm docs, "package spec"
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context
from supply_chain_hooks.precommit.dependencies import judge

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

RULE = Rule(
    code="SCH505",
    name="unpinned-hook-dependency",
    hook="pin-pre-commit-revs",
    summary="hook `additional_dependencies` entry not pinned to one version",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    source = context.config.source
    for repo in context.config.repos:
        for hook in repo.hooks:
            for dependency in hook.dependencies:
                verdict = judge(dependency.text, hook.language)
                if verdict is None:
                    continue
                form = f"{verdict.form} dependency" if verdict.form else "dependency"
                message = (
                    f"{form} `{dependency.text}` of hook `{hook.id}` is not pinned ({verdict.why})"
                )
                location = source.location(dependency.start, dependency.end)
                yield Finding(RULE, source.path, location, message)
