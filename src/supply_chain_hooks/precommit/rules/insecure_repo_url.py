"""## What it does
Reports a `repo:` URL that pre-commit would fetch over an unencrypted transport (`http://`,
`git://`), or one written so that git runs a program (`ext::<command>`, `fd::`, any
`<helper>::` remote-helper syntax) or reads it as an option (a leading `-`).

## Why is this bad?
pre-commit clones the repository and runs its code. Over `http://` or `git://` anyone on
the network path (a café's Wi-Fi, a compromised proxy) can serve other code, and a frozen
SHA only protects a rev that was resolved safely in the first place. `ext::` URLs run a
shell command when fetched; git refuses them by default, but a config that relies on that
default is one `protocol.allow` away from running it. This hook never passes such URLs to
git.

## Example
```yaml
  - repo: http://github.com/astral-sh/ruff-pre-commit   # SCH506
```
Use instead:
```yaml
  - repo: https://github.com/astral-sh/ruff-pre-commit
```

## Fix safety
No automatic fix: whether the server offers the same repository over https is for you to
check.

## References
- zizmor `insecure-url-scheme` (pre-commit `repo:` over http/git)
- git documentation, `protocol.allow` and `git-remote-ext`
"""

from __future__ import annotations

from supply_chain_hooks.model import Finding, FixAvailability, Rule
from supply_chain_hooks.precommit.context import Context
from supply_chain_hooks.precommit.remote import insecure

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

RULE = Rule(
    code="SCH506",
    name="insecure-repo-url",
    hook="pin-pre-commit-revs",
    summary="pre-commit `repo:` over an unencrypted transport, or one that runs a program",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    source = context.config.source
    for repo in context.remote_repos():
        why = insecure(repo.url)
        if why is not None:
            message = f"`repo: {repo.url}`: {why}"
            yield Finding(RULE, source.path, source.location(repo.start, repo.end), message)
