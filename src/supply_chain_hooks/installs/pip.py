"""What a `pip install`, `pip download`, `uv pip install` or `uv pip sync` leaves unverified.

:func:`verdict` sorts what the command installs: requirements from an index (or a URL or
VCS) that no hash checks, requirements files that are incomplete or cannot be found, and
local paths whose dependencies are resolved from the index. Hash checking is on with
`--require-hashes` (or `PIP_REQUIRE_HASHES`/`UV_REQUIRE_HASHES`); pip also turns it on by
itself when the `-r` files carry hashes, so `pip install -r complete.txt` is verified.
uv verifies the hashes present but installs a dependency missing from the file unhashed,
so `uv pip install -r complete.txt` needs `--require-hashes` (or `--no-deps`); `uv pip
sync` installs exactly the file and needs neither.
"""

from __future__ import annotations

from supply_chain_hooks.installs.helpers import (
    candidates,
    is_local,
    requirement_name,
    switched_on,
)
from supply_chain_hooks.model import Record
from supply_chain_hooks.shell import Word

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.installs.commands import Option
    from supply_chain_hooks.installs.context import InstallContext
    from supply_chain_hooks.installs.requirements import FileState
    from supply_chain_hooks.installs.sites import Site

PIP_LIKE = frozenset(
    {("pip", "install"), ("pip", "download"), ("uv-pip", "install"), ("uv-pip", "sync")}
)
_REQUIREMENT = ("-r", "--requirement", "--requirements")
_CONSTRAINT = ("-c", "--constraint", "--constraints")


class FileUse(Record):
    """A `-r`/`-c` option, the path it names as written, and where that path was found."""

    option: Option
    path: str | None  #: the readable path, or None (missing, or only known at run time)
    state: FileState | None  #: require-lock-hashes's verdict on the file


class Verdict(Record):
    """What one pip-like command leaves unverified."""

    #: Index, URL and VCS requirements no hash checks (words as written; opaque included).
    unhashed: tuple[Word, ...] = ()
    #: `-r` files that require-lock-hashes does not find complete.
    incomplete: tuple[FileUse, ...] = ()
    #: `-r`/`-c` files that cannot be read (missing, or a path only known at run time).
    missing: tuple[FileUse, ...] = ()
    #: Local paths and archives installed with their dependencies.
    local: tuple[Word, ...] = ()
    #: `uv pip install` from complete files only, without `--require-hashes`/`--no-deps`.
    uv_unrequired: bool = False


def _use(context: InstallContext, site: Site, option: Option) -> FileUse:
    import os

    written = option.value or ""
    found = candidates(site, written)
    if found is None:
        return FileUse(option, None, None)
    for path in found:
        if os.path.isfile(path):
            return FileUse(option, path, context.requirements(path))
    return FileUse(option, None, None)


def verdict(context: InstallContext, site: Site) -> Verdict:
    invocation = site.invocation
    uv = invocation.tool == "uv-pip"
    require = invocation.has("--require-hashes") or switched_on(
        site, "UV_REQUIRE_HASHES" if uv else "PIP_REQUIRE_HASHES"
    )
    no_deps = invocation.has("--no-deps", "--no-dependencies") or switched_on(
        site, "UV_NO_DEPS" if uv else "PIP_NO_DEPS", "PIP_NO_DEPENDENCIES"
    )
    if require:
        return Verdict()
    unhashed: list[Word] = []
    local: list[Word] = []
    for option in invocation.values("-e", "--editable"):
        value = option.value or ""
        # The option and its value, as one word for the messages (located at the option).
        shown = Word(f"{option.name} {value}", option.word.start, option.word.end)
        if is_local(value) and not value.startswith("$"):
            if not no_deps:
                local.append(shown)
        else:
            unhashed.append(shown)
    for word in invocation.positional:
        if is_local(word.text) and not word.text.startswith(("$", "${{")):
            if not no_deps:
                local.append(word)
            continue
        if word.opaque or requirement_name(word.text) not in context.allow:
            unhashed.append(word)
    incomplete: list[FileUse] = []
    missing: list[FileUse] = []
    complete = 0
    for option in invocation.values(*_REQUIREMENT, *_CONSTRAINT):
        use = _use(context, site, option)
        if use.state is None:
            missing.append(use)
        elif use.state.state != "complete":
            if option.name in _REQUIREMENT:
                incomplete.append(use)
        elif option.name in _REQUIREMENT:
            complete += 1
    uv_unrequired = (
        uv
        and invocation.action == "install"
        and complete > 0
        and not no_deps
        and not unhashed
        and not incomplete
    )
    return Verdict(tuple(unhashed), tuple(incomplete), tuple(missing), tuple(local), uv_unrequired)
