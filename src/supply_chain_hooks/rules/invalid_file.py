"""## What it does
Reports a file that a hook was asked to check but could not read or parse: invalid YAML
or TOML, duplicate keys, bytes that are not UTF-8, NUL bytes, tab indentation in YAML,
more than one YAML document, a file over the size limit, a missing file.

## Why is this bad?
A file the hook cannot read is a file nobody checked. GitHub, uv, pip and Ruff reject most
of these files too, or worse, read them differently from what a reviewer sees (a second
`on:` key silently replaces the first in many YAML libraries).

## Example
```yaml
on: push
on: pull_request_target   # duplicate key: SCH001
```

## Fix safety
No fix: the file needs a human. The other files are still checked.
"""

from supply_chain_hooks.model import FixAvailability, Rule

RULE = Rule(
    code="SCH001",
    name="invalid-file",
    hook="*",
    summary="file cannot be read or parsed",
    fix=FixAvailability.NONE,
    doc=__doc__,
)
