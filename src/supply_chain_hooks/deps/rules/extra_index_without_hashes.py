"""## What it does
Reports `--extra-index-url` and `--find-links` (`-f`) in a requirements or constraints file,
and in every file it reaches through `-r`/`-c` (each at the line where it is written), when
the install is not fully hash-checked: some requirement it installs has no strong hash, a
`--no-require-hashes` turns checking off, an include cannot be read, or the file installs
nothing and has no `--require-hashes`.

Every form pip reads is found: `--extra-index-url URL`, `--extra-index-url=URL`, an
abbreviation such as `--extra-index`, the value on a continuation line, `-f`/`--find-links`
with a local folder or a URL. Like pip, the rule ignores these options on a line that also
has a requirement, `-e`, `-r` or `-c` (pip parses and drops them there), and reports nothing
when the file sets `--no-index` (pip then reads no index at all, the command line's
included). A line's second `--find-links` is ignored, as pip ignores it.

## Why is this bad?
Dependency confusion: pip merges every index and find-links location and installs the
highest version it finds in any of them, so anyone who publishes a private package's name on
PyPI with a higher version is installed instead of it, and a local wheel folder loses to
PyPI the same way. An option in a file applies to the whole install, the command line's
requirements included; a constraints file's index options apply too.

uv reads `--extra-index-url` and `--find-links` in requirements files as well (not in
constraints files), but by default it takes a package from the first index that has it,
which narrows the gap: the risk there is `--index-strategy unsafe-best-match` (reported on
install commands by `extra-index`, SCH807), or a private name missing from the extra index.

### Why a hashed file passes
A `--hash` pins the content of the file to install, not where it comes from: whichever
index or folder serves the project, pip refuses a file whose hash does not match, and in
hash-checking mode (on as soon as one requirement has a hash) it also refuses every
dependency the file does not list with a hash. A file that hashes everything it installs is
therefore not exploitable by confusion at install time, and reporting its index (often
`--extra-index-url https://download.pytorch.org/whl/cpu`, which such files need) would only
be noise. What the hashes do not cover is the lock step: the resolver that wrote the hashes
searched the same indexes, so review version changes in that file, and configure the
generator's input with one index (or uv's explicit indexes). An option-only file, included
by others or passed next to them, installs nothing itself: it is reported unless it turns
on `--require-hashes`, which makes pip hash-check every install that reads it.

## Example
```text
--extra-index-url https://pkgs.example.com/simple
internal-lib==1.4.0
requests==2.32.3
```
Use instead: one index that serves both (a proxy of PyPI with the private packages, given
with `--index-url`), or with uv an explicit index (`[[tool.uv.index]]` with
`explicit = true`) named for the private packages in `[tool.uv.sources]`; and hashes for
every requirement (`uv pip compile --generate-hashes`, `pip-compile --generate-hashes`),
which make a substituted file fail.

## Fix safety
No fix: which index serves which package is the user's choice, and removing the option
breaks the install of the packages that only it serves.

## References
- Alex Birsan, "Dependency Confusion" (2021)
- pip, "Secure installs" (hash-checking mode); `req_file.handle_option_line`
- uv documentation, "Package indexes" (`--index-strategy`, explicit indexes)
"""

from __future__ import annotations

from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import shorten
from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.deps.context import Context
    from supply_chain_hooks.deps.sources import AddedSource, HashGap
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH215",
    name="extra-index-without-hashes",
    hook="require-lock-hashes",
    summary="--extra-index-url or --find-links where not every requirement is hashed "
    "(dependency confusion)",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: Context) -> Iterator[Finding]:
    if not isinstance(context, RequirementsContext):
        return
    from supply_chain_hooks.deps.sources import added_sources, hash_gaps

    added = added_sources(context)
    if not added:
        return
    gaps = hash_gaps(context)
    if not gaps:
        return
    why = _why(gaps, context)
    from supply_chain_hooks.model import Finding

    for source in added:
        entry = source.entry
        location = entry.file.source.location(*source.span)
        yield Finding(RULE, entry.file.path, location, _message(source, why), hint=_hint(source))


def _message(source: AddedSource, why: str) -> str:
    if source.option.name == "--extra-index-url":
        what = "`--extra-index-url` lets a package of the same name on either index win"
    else:
        what = "`--find-links` lets a package of the same name there or on the index win"
    return f"{what} (dependency confusion), and {why}"


def _hint(source: AddedSource) -> str:
    if source.option.name == "--extra-index-url":
        return "use one index (`--index-url`) that serves every package, or hash every requirement"
    return "add `--no-index` if the links serve every package, or hash every requirement"


def _why(gaps: tuple[HashGap, ...], context: RequirementsContext) -> str:
    """The first reason the install is not hash-checked, in a few words."""
    for gap in gaps:
        if gap.kind == "off" and gap.entry is not None:
            return f"`--no-require-hashes` in {gap.entry.file.path} turns hash checking off"
    unhashed = [gap.entry for gap in gaps if gap.kind == "unhashed" and gap.entry is not None]
    if unhashed:
        first = unhashed[0]
        root = context.tree.files[0].file.path if context.tree.files else first.file.path
        where = "" if first.file.path == root else f" (in {first.file.path})"
        label = shorten(first.label, 60)
        more = len(unhashed) - 1
        if more:
            s = "s" if more > 1 else ""
            return f"`{label}`{where} and {more} more requirement{s} have no hash"
        return f"`{label}`{where} has no hash"
    if any(gap.kind == "include" for gap in gaps):
        return "an include cannot be checked for hashes"
    return "nothing in the file turns on hash checking"
