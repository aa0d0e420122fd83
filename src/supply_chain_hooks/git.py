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
    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        #: git's whole error output (the message is its last line).
        self.stderr = stderr


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
    kill_group: bool = False,
) -> bytes:
    """Run ``git <safe config> <args>`` and return stdout; raise GitError on failure.

    With ``kill_group``, git runs in its own process group and a timeout kills the whole
    group, including helpers such as ``git-remote-https`` that would otherwise outlive it
    (a network server that accepts and never answers).
    """
    command = ["git", *SAFE_CONFIG, *args]
    if kill_group:
        returncode, stdout, stderr = _run_group(command, cwd, timeout, git_env(env), args[0])
    else:
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
        returncode, stdout, stderr = completed.returncode, completed.stdout, completed.stderr
    if returncode != 0:
        text = stderr.decode("utf-8", "replace").strip()
        message = text.splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed", text)
    return stdout


def _run_group(
    command: list[str], cwd: str | None, timeout: float, env: dict[str, str], name: str
) -> tuple[int, bytes, bytes]:
    import signal

    try:
        process = subprocess.Popen(  # noqa: S603 - fixed executable, argument list
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    with process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            killpg = getattr(os, "killpg", None)
            try:
                if killpg is not None:
                    killpg(process.pid, signal.SIGKILL)
                else:  # pragma: no cover - Windows has no process groups here
                    process.kill()
            except OSError:
                pass
            process.communicate()
            raise GitError(f"git {name} timed out after {timeout:g} s") from None
    return process.returncode, stdout, stderr


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
