"""## What it does
Reports a line of a requirements or constraints file that pip or uv cannot read, or that
the two read differently:

- an unknown option (`--uploaded-prior-to` is a command-line option, not a file option),
  an option without its value, unbalanced quotes, a value pip refuses
  (`--use-feature=bogus`, `--config-settings` without `KEY=VAL`), a requirement that is
  not valid PEP 508;
- a tab between a requirement and its `--hash` (pip splits only on spaces and reads the
  hash as part of the requirement, while uv accepts it);
- an option other than `--hash` between a requirement and its hashes, any option after a
  requirement that has no hashes (`six==1.16.0 --extra-index-url URL`: pip ignores it
  there), and `--config-settings` anywhere (uv refuses all three; pip accepts them);
- a line ending in more than one backslash (pip strips them all and joins the next line,
  uv refuses the file);
- a file that pip decodes otherwise than uv: a PEP 263 `coding:` line in the first two
  lines (pip honours it, uv reads UTF-8), or a UTF-32 byte order mark (pip only).

## Why is this bad?
One installer refuses the file, or the two install different things from it: the file
does not mean one thing, and nothing in it can be said to be verified. With
`# -*- coding: utf-7 -*-`, `+AAo-` is a line break to pip only, so a `--hash` that uv
checks is a separate, ignored line to pip.

## Example
```text
packaging==24.2	--hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759
```
(a tab before `--hash`). Use a space instead, write options after the hashes (or on a
line of their own), end a continued line with one backslash, and save the file as UTF-8
(or UTF-16 with a byte order mark) without a coding line.

## Fix safety
No autofix.

## References
- pip `req_file.break_args_options` (splits on single spaces), `req_file._decode_req_file`
- uv `uv-requirements-txt` (only `--hash` after a requirement)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import Finding, FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.deps.lines import LogicalLine

RULE = Rule(
    code="SCH213",
    name="invalid-requirement-line",
    hook="require-lock-hashes",
    summary="line that pip or uv cannot parse, or that they read differently",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    for path, reading in context.readings.items():
        if reading.uv_differs:
            file = next(item.file for item in context.tree.files if item.file.path == path)
            source = file.source
            first = source.text.find("\n")
            location = source.location(0, len(source.text) if first < 0 else first)
            yield Finding(
                RULE,
                path,
                location,
                (
                    f"pip decodes this file as {reading.encoding} (by {reading.by}), but "
                    f"{reading.uv_differs}"
                ),
            )
    for entry in context.entries:
        line = entry.line
        if line.broken_continuation:
            continue  # broken-continuation explains it
        if line.error is not None:
            yield entry.finding(RULE, f"pip cannot parse the options of this line: {line.error}")
            continue
        requirement = entry.requirement
        if requirement is not None and requirement.kind == "invalid":
            if "\t-" in requirement.text:
                message = "a tab separates the requirement from its options: pip reads them as one"
            else:
                message = f"pip cannot parse `{shorten(requirement.text, 60)}`: {requirement.error}"
            yield entry.finding(RULE, message)
            continue
        uv_refuses = _uv_refuses(line)
        if uv_refuses:
            yield entry.finding(RULE, uv_refuses)


def _uv_refuses(line: LogicalLine) -> str:
    """Why uv refuses a line that pip reads ("" when it does not)."""
    if line.double_backslash is not None:
        return "the line ends in more than one backslash: uv refuses it, pip joins the next line"
    if line.has("--config-settings"):
        return "uv refuses `--config-settings` in a requirements file"
    if line.requirement and not line.is_editable and line.has("--hash"):
        first = line.options[0] if line.options else None
        if first is not None and first.name != "--hash":
            return f"uv refuses `{first.name}` between a requirement and its --hash"
    elif line.requirement and not line.is_editable and line.options:
        # uv expects only --hash after a requirement; pip reads the line and ignores it.
        return f"uv refuses `{line.options[0].name}` after a requirement, pip ignores it there"
    return ""
