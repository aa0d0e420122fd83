"""## What it does
Reports an editable requirement (`-e PATH` / `--editable PATH`, including `-e .` and
`-e git+https://...`) in a requirements or constraints file.

## Why is this bad?
An editable install has no single file that a hash could describe. In hash-checking mode
pip refuses the whole file ("cannot be installed when requiring hashes, because there is
no single file to hash") and uv reports it as unhashed; without hash-checking mode, the
editable project and everything else in the file install unverified. `uv pip compile
--generate-hashes` and `pip-compile --generate-hashes` write such lines without a hash.

## Example
```text
-e .
packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
Use instead: keep the project out of the hashed file and install it on its own, after the
locked dependencies:
```text
pip install --require-hashes -r requirements.txt
pip install --no-deps -e .
```
(`uv export --no-emit-project --no-emit-local` leaves local projects out of an export.)

## Fix safety
No autofix: removing the line changes what gets installed.

## References
- pypa/pip#4995; jazzband/pip-tools#814
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import local_hint, shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH205",
    name="editable-requirement",
    hook="require-lock-hashes",
    summary="editable requirement (-e), which cannot be hashed",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for entry in context.entries:
        line = entry.line
        if not line.is_editable:
            continue
        yield entry.finding(
            RULE,
            f"`{shorten(line.text, 60)}` is an editable install, which cannot be hashed",
            local_hint(context.hint(entry.file)),
        )
