"""Helpers the installs rules share: requirement words, paths, environment switches, and
the pinned forms their messages name."""

from __future__ import annotations

import re

from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.installs.commands import Invocation
    from supply_chain_hooks.installs.sites import Site
    from supply_chain_hooks.shell import Word

_NAME = lazy(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_EXACT = lazy(r"\s*(?:==|===)\s*[0-9][0-9A-Za-z.+!_-]*\s*(?:;.*)?")
_ARCHIVES = (".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar")
_VCS = lazy(r"(git|hg|svn|bzr)\+", re.IGNORECASE)
_URL = lazy(r"[A-Za-z][A-Za-z0-9+.-]*://")
TRUE = frozenset({"1", "true", "yes", "on"})

#: What the messages propose for an install from an index (how to generate the hashed lock
#: is in the rules' documentation, shown with --show-hints).
HASHED = "`pip install --require-hashes -r requirements.txt`"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(text: str) -> str | None:
    """The canonical project name a requirement word starts with (`requests[socks]>=2`)."""
    found = _NAME.match(text.strip())
    return canonical(found.group()) if found else None


def is_local(text: str) -> bool:
    """A path to a directory or an archive (`.`, `./pkg`, `dist/*.whl`, `file:...`)."""
    stripped = text.strip().strip("'\"")
    if stripped.startswith(("file:", ".", "/", "~")):
        return True
    if _URL.match(stripped) or _VCS.match(stripped):
        return False
    target = _direct_target(stripped)
    if target is not None:
        if target.startswith((".", "/", "file:")):
            return True  # `tox@.`, `pkg @ ./dir`: a direct reference to a local path
        if _URL.match(target) or _VCS.match(target):
            return False  # `pkg @ git+https://host/x.git`: a remote direct reference
    base = stripped.split("[", 1)[0]
    if base.endswith(_ARCHIVES):
        return True
    return "/" in base or "\\" in base or base in (".", "..")


def _direct_target(text: str) -> str | None:
    """The target of a direct reference `name @ target` (`name[extra] @ target`), else None."""
    name, at, target = text.partition("@")
    if at and _NAME.fullmatch(name.strip().split("[", 1)[0]):
        return target.strip()
    return None


def is_remote_direct(text: str) -> bool:
    """A VCS or URL requirement (`git+https://...`, `https://.../x.whl`, `name @ url`)."""
    stripped = text.strip()
    return bool(
        _VCS.match(stripped)
        or _URL.match(stripped)
        or " @ " in stripped
        or ("@" in stripped and "://" in stripped)
    )


def is_commit_pinned(text: str) -> bool:
    """A VCS requirement pinned to a full commit (`git+https://host/x@<40 hex>`, also as
    the target of `name @ git+...`)."""
    stripped = text.strip()
    target = _direct_target(stripped)
    if target is not None and _VCS.match(target):
        stripped = target
    return bool(_VCS.match(stripped) and re.search(r"@[0-9a-fA-F]{40}(#.*)?$", stripped))


def is_exact(text: str) -> bool:
    """`name==1.2.3` or `name[extra]==1.2.3` (no wildcard)."""
    found = _NAME.match(text.strip())
    if not found:
        return False
    rest = text.strip()[found.end() :]
    if rest.startswith("["):
        rest = rest[rest.find("]") + 1 :] if "]" in rest else ""
    return bool(_EXACT.fullmatch(rest)) and "*" not in rest


def is_exact_tool(text: str) -> bool:
    """A tool spec pinned exactly: `name==1.2.3`, `name@1.2.3` (not `@latest`)."""
    if is_exact(text):
        return True
    name, at, version = text.strip().partition("@")
    return bool(
        at
        and _NAME.fullmatch(name.split("[", 1)[0])
        and re.fullmatch(r"[0-9][0-9A-Za-z.+!_-]*", version)
    )


def switched_on(site: Site, *names: str) -> bool:
    """Whether any of these variables is set to a true value for the command."""
    for name in names:
        setting = site.variable(name)
        if setting is not None and setting.value.strip().lower() in TRUE:
            return True
    return False


def candidates(site: Site, written: str) -> tuple[str, ...] | None:
    """The paths (relative to the run's working directory) a path written on a command may
    name, or None when it is only known at run time."""
    import posixpath

    text = written.strip()
    for prefix in ("${{ github.action_path }}/", "$GITHUB_ACTION_PATH/", "${GITHUB_ACTION_PATH}/"):
        if text.startswith(prefix) and site.action_dir is not None:
            return (posixpath.normpath(posixpath.join(site.action_dir, text[len(prefix) :])),)
    for prefix in ("${{ github.workspace }}/", "$GITHUB_WORKSPACE/", "${GITHUB_WORKSPACE}/"):
        if text.startswith(prefix):
            return (posixpath.normpath(posixpath.join(site.root, text[len(prefix) :])),)
    if "$" in text or "`" in text or "*" in text or text.startswith("~"):
        return None
    if not site.directories:
        return None
    if text.startswith("/"):
        # A path inside the runner or the image (`COPY requirements.txt /app/` then
        # `-r /app/requirements.txt`): its trailing parts, longest first, in each directory.
        parts = [part for part in text.split("/") if part]
        tails = ["/".join(parts[index:]) for index in range(len(parts))]
        return tuple(
            posixpath.normpath(posixpath.join(d, t)) for t in tails for d in site.directories
        )
    return tuple(posixpath.normpath(posixpath.join(d, text)) for d in site.directories)


def allowed(name: str | None, allow: frozenset[str]) -> bool:
    return name is not None and name in allow


def words_text(words: list[Word], width: int = 60) -> str:
    """The first words as written, for a message: up to three, about width characters
    (a long URL is cut), `...` when some are left out."""
    shown: list[str] = []
    for word in words[:3]:
        if shown and sum(len(text) + 1 for text in shown) + len(word.text) > width:
            break
        shown.append(word.text if len(word.text) <= width else word.text[: width - 3] + "...")
    return " ".join(shown) + (" ..." if len(shown) < len(words) else "")


def command_name(invocation: Invocation) -> str:
    tool = {"uv-pip": "uv pip", "uvx": "uvx"}.get(invocation.tool, invocation.tool)
    action = invocation.action.replace("tool-", "tool ")
    return tool if invocation.tool == "uvx" else f"{tool} {action}"
