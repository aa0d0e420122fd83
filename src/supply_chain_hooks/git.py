"""Running git safely on repositories we did not write.

Every call uses an argument list (never a shell), a timeout, no terminal prompts, and
configuration overrides that keep a scanned repository's own config from running
programs (``core.fsmonitor``, hooks) or enabling dangerous transports (``ext::``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping, Sequence

from supply_chain_hooks.model import Record

#: Overrides of the scanned repository's configuration, each passed as `-c NAME=VALUE`.
SAFE_SETTINGS = (
    "core.fsmonitor=false",
    "core.hooksPath=" + os.devnull,
    "protocol.ext.allow=never",
    "credential.helper=",
)
SAFE_CONFIG = tuple(argument for setting in SAFE_SETTINGS for argument in ("-c", setting))


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


class Pending:
    """A git command started now, whose output is collected later (:meth:`result`), so a
    slow read of the work tree (``git grep``) runs while the caller does other work."""

    def __init__(self, args: Sequence[str], *, cwd: str | None = None, timeout: float = 60.0):
        self.args = tuple(args)
        self.timeout = timeout
        self._error: GitError | None = None
        self._process: subprocess.Popen[bytes] | None = None
        command = ["git", *SAFE_CONFIG, *args]
        try:
            self._process = subprocess.Popen(  # noqa: S603 - fixed executable, argument list
                command,
                cwd=cwd,
                env=git_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except FileNotFoundError:
            self._error = GitError("git is not installed or not on PATH")

    def result(self) -> bytes:
        """git's output, as :func:`run_git` returns it (raises GitError the same way)."""
        process = self._process
        if process is None:
            raise self._error or GitError(f"git {self.args[0]} failed")
        with process:
            try:
                stdout, stderr = process.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise GitError(f"git {self.args[0]} timed out after {self.timeout:g} s") from None
        if process.returncode != 0:
            text = stderr.decode("utf-8", "replace").strip()
            message = text.splitlines()
            raise GitError(message[-1] if message else f"git {self.args[0]} failed", text)
        return stdout

    def cancel(self) -> None:
        """Stop the command if it still runs, and collect it (its output is dropped)."""
        process = self._process
        if process is None:
            return
        with process:
            if process.poll() is None:
                process.kill()
            process.communicate()


def ls_files(directory: str, cwd: str = ".") -> list[str]:
    """Tracked files below directory, as paths relative to cwd."""
    out = run_git(["ls-files", "-z", "--", directory], cwd=cwd, timeout=60)
    return names(out)


def names(out: bytes) -> list[str]:
    """The paths of a `-z` listing."""
    found = out.decode("utf-8", "surrogateescape").split("\0")
    if found and not found[-1]:
        found.pop()  # after the last path's terminator
    if "" in found:  # never from git (a path is never empty); kept from the old reading
        found = [name for name in found if name]
    return found


# --- remote repositories -------------------------------------------------------------------

#: The transports a remote URL taken from a file may use. `git+ssh://` and `ssh+git://` are
#: git's spellings of ssh; git:// (unencrypted, unauthenticated) is not among them.
_SCHEMES = {
    "https": "https",
    "http": "http",
    "ssh": "ssh",
    "git+ssh": "ssh",
    "ssh+git": "ssh",
    "file": "file",
}


def remote_transport(url: str) -> str:
    """The transport git uses to reach ``url``: ``https``, ``http``, ``ssh`` or ``file``.

    For URLs read from files we did not write. Raises ValueError, with the reason, for
    anything git must not be given: an option (`--upload-pack=...`), git's remote-helper
    syntax (`ext::<command>`, `fd::<n>`, `<helper>::<address>`), whitespace or control
    characters, a host or path that starts with `-` (`ssh://-oProxyCommand=...`), `%` in a
    host or user name, other schemes (git://, ftp://...), and plain paths.
    """
    import re

    if not url:
        raise ValueError("the URL is empty")
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        raise ValueError("the URL contains whitespace or control characters")
    if url.startswith("-"):
        raise ValueError("the URL starts with `-`, like a command-line option")
    helper = re.match(r"[A-Za-z0-9][A-Za-z0-9+.-]*::", url)
    if helper is not None:
        return _refuse(f"`{helper.group()}` is git's remote-helper syntax, which runs a program")
    host = r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])"
    user = r"(?:[A-Za-z0-9._~+-]+(?::[^@/\s]*)?@)?"
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", url)
    if scheme is not None:
        name = scheme.group(1).lower()
        rest = url[scheme.end() :]
        transport = _SCHEMES.get(name)
        if transport is None:
            if name == "git":
                return _refuse("git:// is unencrypted and unauthenticated")
            return _refuse(f"{name}:// is not a transport this tool uses")
        if transport == "file":
            if not rest.startswith("/") or rest.startswith("//"):
                return _refuse("write a local repository as file:///absolute/path")
            return transport
        if re.match(rf"{user}{host}(?::[0-9]{{1,5}})?(?:/|\Z)", rest) is None:
            return _refuse("the host is not a plain host name")
        return transport
    # scp-like syntax: [user@]host:path, with no `/` before the first `:`.
    scp = re.match(rf"([A-Za-z0-9._~+-]+@)?{host}:(?!:)", url)
    if scp is not None and "/" not in url[: scp.end()]:
        path = url[scp.end() :]
        if not path or path.startswith("-"):
            return _refuse("the path after `host:` is empty or starts with `-`")
        return "ssh"
    return _refuse("not a URL (write file:///absolute/path for a local repository)")


def _refuse(reason: str) -> str:
    raise ValueError(reason)


class NotAttempted(GitError):
    """A look-up that was not run: the URL was refused, or the time limit was used up."""


def ls_remote(
    urls: Sequence[str],
    *,
    timeout: float,
    config: Callable[[str, str], Sequence[tuple[str, str]]] | None = None,
    workers: int = 8,
) -> dict[str, bytes | GitError]:
    """`git ls-remote --heads --tags -- <url>` for each URL, in parallel, within one deadline.

    Each URL is checked with :func:`remote_transport` first (a refused one gets a
    :class:`NotAttempted` error and no process), follows `--`, and gets a git that may use
    that one transport and no other (so a user's `insteadOf` cannot reroute it to `ext::`).
    git runs in an empty temporary folder with discovery stopped above it, so the
    configuration and hooks of the repository being checked never apply, in its own process
    group (a timeout kills its helpers too), without terminal prompts. ``config(url,
    transport)`` may add configuration pairs (an auth header), passed through the
    environment, never the command line. Returns the output or the error, by URL.
    """
    import tempfile
    import time
    from concurrent.futures import ThreadPoolExecutor

    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    deadline = time.monotonic() + timeout

    def one(url: str, cwd: str) -> bytes | GitError:
        try:
            transport = remote_transport(url)
        except ValueError as error:
            return NotAttempted(f"not looked up: {error}")
        remaining = deadline - time.monotonic()
        if remaining < 0.5:
            return NotAttempted(f"not attempted: the time limit of {timeout:g} s was used up")
        pairs = [
            ("protocol.allow", "never"),
            (f"protocol.{transport}.allow", "always"),
            ("http.lowSpeedLimit", "1"),
            ("http.lowSpeedTime", str(max(1, int(timeout)))),
            *(config(url, transport) if config is not None else ()),
        ]
        # git needs no token variables of its own (and helpers it starts should not see them).
        env = {
            "GH_TOKEN": "",
            "GITHUB_TOKEN": "",
            "GIT_CONFIG_COUNT": str(len(pairs)),
            "GIT_CEILING_DIRECTORIES": os.path.dirname(cwd),
        }
        for number, (key, value) in enumerate(pairs):
            env[f"GIT_CONFIG_KEY_{number}"] = key
            env[f"GIT_CONFIG_VALUE_{number}"] = value
        try:
            return run_git(
                ["ls-remote", "--heads", "--tags", "--", url],
                cwd=cwd,
                timeout=remaining,
                env=env,
                kill_group=True,
            )
        except GitError as error:
            return error

    with (
        tempfile.TemporaryDirectory(prefix="sch-ls-remote-") as cwd,
        ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique)))) as pool,
    ):
        results = pool.map(lambda url: one(url, cwd), unique)
        return dict(zip(unique, results, strict=True))


class Tag(Record):
    """A tag of a remote: the object its ref names (the commit itself for a lightweight
    tag) and the commit it peels to."""

    object: str
    commit: str


def parse_ls_remote(output: str) -> tuple[dict[str, str], dict[str, Tag]]:
    """The branches (name -> commit) and tags (name -> :class:`Tag`) in the output of
    `git ls-remote --heads --tags`. An annotated tag is listed twice, its ref naming the
    tag object and then its `^{}` line naming the commit; a `^{}` line whose tag has no
    line of its own is left out, as is every line that is not a full sha, a tab and a
    `refs/heads/` or `refs/tags/` name (HEAD, pull refs, a sha-256 repository's ids)."""
    import re

    line_pattern = re.compile(r"([0-9a-f]{40})\t(refs/(?:heads|tags)/\S+)\Z")
    branches: dict[str, str] = {}
    objects: dict[str, str] = {}
    peeled: dict[str, str] = {}
    for line in output.splitlines():
        match = line_pattern.match(line.strip())
        if match is None:
            continue
        oid, ref = match.groups()
        if ref.startswith("refs/heads/"):
            branches[ref.removeprefix("refs/heads/")] = oid
        elif ref.endswith("^{}"):
            peeled[ref.removeprefix("refs/tags/").removesuffix("^{}")] = oid
        else:
            objects[ref.removeprefix("refs/tags/")] = oid
    return branches, {name: Tag(oid, peeled.get(name, oid)) for name, oid in objects.items()}


#: What git (through curl or ssh) says when the server itself cannot be reached, and how
#: we name the cause: every repository on that server fails the same way.
_UNREACHABLE = (
    ("could not resolve host", "could not resolve host"),
    ("could not resolve hostname", "could not resolve host"),
    ("name or service not known", "could not resolve host"),
    ("temporary failure in name resolution", "could not resolve host"),
    ("connection refused", "connection refused"),
    ("couldn't connect to server", "connection refused"),
    ("failed to connect to", "connection refused"),
    ("network is unreachable", "network unreachable"),
    ("no route to host", "network unreachable"),
    ("timed out", "timed out"),
    ("the time limit of", "timed out"),
    ("ssl certificate problem", "TLS certificate problem"),
)


def unreachable_cause(error: GitError) -> str | None:
    """Why the server of a failed ls-remote could not be reached at all (a name that does
    not resolve, a refused connection, a timeout), or None when the server answered (a
    missing or private repository, a refused URL)."""
    if isinstance(error, NotAttempted) and "time limit" not in str(error):
        return None
    lowered = (error.stderr or str(error)).lower()
    for needle, cause in _UNREACHABLE:
        if needle in lowered:
            return cause
    return None


def server_of(url: str) -> str:
    """The server part of a remote URL, as a message names it: `https://github.com`,
    `ssh://git@host` for `git@host:path`, `file://` for a local repository."""
    import re

    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)", url)
    if scheme is not None:
        return f"{scheme.group(1).lower()}://{scheme.group(2)}"
    scp = re.match(r"([^/:]+):", url)
    return f"ssh://{scp.group(1)}" if scp is not None else url


def explain_ls_remote(error: GitError, token: str | None = None, token_hint: str = "") -> str:
    """A one-line, token-free explanation of a failed ls-remote; ``token_hint`` is added
    when the server asked for credentials and no token was given."""
    if isinstance(error, NotAttempted):
        return str(error)
    stderr = error.stderr or str(error)
    if token:
        stderr = stderr.replace(token, "***")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    text = fatal[0] if fatal else lines[-1] if lines else "git ls-remote failed"
    text = text.removeprefix("fatal:").removeprefix("error:").strip()
    lowered = text.lower()
    if "could not read username" in lowered or "authentication failed" in lowered:
        hint = "" if token else token_hint
        return f"repository not found, or private{hint}"
    if "not found" in lowered or "does not appear to be a git repository" in lowered:
        return f"repository not found ({text})"
    if "timed out" in lowered:
        return text
    return f"git ls-remote failed: {text}"
