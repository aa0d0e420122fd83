"""## What it does
Reports a second package index on an install: `--extra-index-url` on `pip`, `uv pip`,
`uv`, `uvx` or `pipx` commands, `--index-strategy unsafe-best-match`, and the variables
`PIP_EXTRA_INDEX_URL`, `UV_EXTRA_INDEX_URL` and `UV_INDEX_STRATEGY=unsafe-best-match`
wherever the file sets them (`env:` at any level, a command's `NAME=value`, a Dockerfile
`ENV`/`ARG`).

## Why is this bad?
Dependency confusion: pip merges the indexes and installs the highest version it finds in
any of them, so anyone who registers a private package's name on PyPI with a higher
version is installed instead (uv's `unsafe-best-match` does the same). uv's default
strategy stops at the first index that has the name, which narrows but does not close the
gap: a private name missing from the extra index is still taken from PyPI.

## Example
```yaml
      - run: pip install --extra-index-url https://pkgs.example.com/simple internal-lib   # SCH807
```
Use instead: one index that proxies PyPI (`--index-url`), or with uv an explicit index
(`[[tool.uv.index]]` with `explicit = true`) and the packages it serves named in
`[tool.uv.sources]`; and hashes, which make a substituted file fail.

## Fix safety
No fix.

## References
- Alex Birsan, "Dependency Confusion" (2021)
- uv documentation, "Package indexes" (`--index-strategy`, explicit indexes)
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH807",
    name="extra-index",
    hook="require-hashed-installs",
    summary="--extra-index-url or unsafe-best-match on an install (dependency confusion)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)

#: The short form; the rule's documentation shows uv's explicit indexes too.
_USE_INSTEAD = "use one index (`--index-url`)"


def check(context: InstallContext) -> Iterator[Finding]:
    from supply_chain_hooks.installs.helpers import command_name
    from supply_chain_hooks.model import Finding

    source = context.read(context.path)
    for site in context.sites.sites:
        invocation = site.invocation
        name = command_name(invocation)
        for option in invocation.values("--extra-index-url"):
            message = (
                f"`{name} --extra-index-url` lets a package of the same name on either index "
                "win (dependency confusion)"
            )
            word = option.word
            location = source.location(word.start, word.end)
            yield Finding(RULE, context.path, location, message, hint=_USE_INSTEAD)
        for option in invocation.values("--index-strategy"):
            if (option.value or "").strip() == "unsafe-best-match":
                message = (
                    f"`{name} --index-strategy unsafe-best-match` takes the highest version "
                    "from any index (dependency confusion)"
                )
                word = option.word
                location = source.location(word.start, word.end)
                yield Finding(RULE, context.path, location, message, hint=_USE_INSTEAD)
    seen: set[int] = set()
    for setting in context.sites.settings:
        if setting.start in seen:
            continue
        value = setting.value.strip()
        if setting.name in ("PIP_EXTRA_INDEX_URL", "UV_EXTRA_INDEX_URL") and value:
            what = f"`{setting.name}` adds a second index"
        elif setting.name == "UV_INDEX_STRATEGY" and value == "unsafe-best-match":
            what = "`UV_INDEX_STRATEGY=unsafe-best-match` takes the highest version from any index"
        else:
            continue
        seen.add(setting.start)
        message = f"{what} (dependency confusion)"
        location = source.location(setting.start, setting.end)
        yield Finding(RULE, context.path, location, message, hint=_USE_INSTEAD)
