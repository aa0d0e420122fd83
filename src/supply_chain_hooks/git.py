"""Running git safely on repositories we did not write.

Every call uses an argument list (never a shell), a timeout, no terminal prompts, and
configuration overrides that keep a scanned repository's own config from running
programs (``core.fsmonitor``, hooks) or enabling dangerous transports (``ext::``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence

SAFE_CONFIG = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=" + os.devnull,
    "-c", "protocol.ext.allow=never",
    "-c", "credential.helper=",
)  # fmt: skip


class GitError(Exception):
    pass


def git_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GCM_INTERACTIVE": "never",
            "LC_ALL": "C",
        }
    )
    if extra:
        env.update(extra)
    return env


def run_git(
    args: Sequence[str],
    *,
    cwd: str | None = None,
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> bytes:
    """Run ``git <safe config> <args>`` and return stdout; raise GitError on failure."""
    command = ["git", *SAFE_CONFIG, *args]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed executable, argument list
            command,
            cwd=cwd,
            env=git_env(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} timed out after {timeout:g} s") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return completed.stdout


def toplevel(cwd: str = ".") -> str | None:
    """The work tree root containing cwd, or None outside a git repository."""
    try:
        out = run_git(["rev-parse", "--show-toplevel"], cwd=cwd, timeout=20)
    except GitError:
        return None
    return out.decode("utf-8", "surrogateescape").strip() or None


def ls_files(directory: str, cwd: str = ".") -> list[str]:
    """Tracked files below directory, as paths relative to cwd."""
    out = run_git(["ls-files", "-z", "--", directory], cwd=cwd, timeout=60)
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]
