"""Which simple commands install Python packages, and with which requirements and options.

:func:`recognise` reads one command of :mod:`supply_chain_hooks.shell` and returns an
:class:`Invocation`: `pip install`/`pip download` (`pip`, `pip3`, `pip3.12`, a path to one,
`python -m pip`, `python3.12 -m pip`, `$PYTHON -m pip`, `py -m pip`), `uv pip install`/
`uv pip sync`, `uv sync`/`run`/`export`/`lock`, `uv tool install`/`run`, `uvx`, and
`pipx install`/`run`, however they are started: after `sudo` (and its options), `env`
(and its options and assignments), `exec`, `command`, `nohup`, `nice`, `time`, or
`NAME=value` assignments. Arguments are split into options (with their values) and
positional words by each tool's own list of options that take a value.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.shell import Command, Word

#: pip's install/download options that take a value (pip 26: `pip install --help`).
PIP_VALUES = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-t",
        "--target",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--root",
        "--prefix",
        "--src",
        "--source",
        "--upgrade-strategy",
        "-C",
        "--config-settings",
        "--global-option",
        "--no-binary",
        "--only-binary",
        "--progress-bar",
        "--root-user-action",
        "--report",
        "--group",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--proxy",
        "--retries",
        "--timeout",
        "--exists-action",
        "--trusted-host",
        "--cert",
        "--client-cert",
        "--cache-dir",
        "--log",
        "--log-file",
        "--local-log",
        "--keyring-provider",
        "--python",
        "--use-feature",
        "--use-deprecated",
        "--resume-retries",
        "--uploaded-prior-to",
        "-d",
        "--dest",
        "--destination-dir",
        "--build-constraint",
        "--build-dir",
        "--install-option",
        "--hash",
    }
)
#: uvx's options that make it print something of its own instead of running a tool.
_UVX_PRINTS = ("--generate-shell-completion", "--help", "-h", "--version", "-V")
#: uv's options that take a value (uv pip install/sync, sync, run, export, tool, uvx).
UV_VALUES = frozenset(
    {
        "-r",
        "--requirements",
        "--requirement",
        "-c",
        "--constraints",
        "--constraint",
        "--overrides",
        "--override",
        "-e",
        "--editable",
        "--extra",
        "--group",
        "--only-group",
        "--no-group",
        "--package",
        "-p",
        "--python",
        "--target",
        "--prefix",
        "-i",
        "--index-url",
        "--extra-index-url",
        "--index",
        "--default-index",
        "-f",
        "--find-links",
        "--index-strategy",
        "--keyring-provider",
        "-P",
        "--upgrade-package",
        "--reinstall-package",
        "--no-build-package",
        "--no-binary-package",
        "--no-binary",
        "--only-binary",
        "--resolution",
        "--prerelease",
        "--fork-strategy",
        "-C",
        "--config-setting",
        "--config-settings-package",
        "--exclude-newer",
        "--exclude-newer-package",
        "--link-mode",
        "--python-version",
        "--python-platform",
        "--cache-dir",
        "--config-file",
        "--directory",
        "--project",
        "--color",
        "--allow-insecure-host",
        "--trusted-host",
        "--from",
        "--with",
        "-w",
        "--with-editable",
        "--with-requirements",
        "--env-file",
        "--format",
        "-o",
        "--output-file",
        "--no-emit-package",
        "--emit-package",
        "--script",
        "--all-packages",
        "--torch-backend",
        "--build-constraints",
        "-b",
        "--python-preference",
        "--refresh-package",
        "--no-install-package",
        "--only-install-package",
        "-m",
        "--module",
        "--build-constraint",
    }
)
#: pipx's options that take a value (install and run).
PIPX_VALUES = frozenset(
    {
        "--spec",
        "--python",
        "--pip-args",
        "--index-url",
        "-i",
        "--suffix",
        "--preinstall",
        "--fetch-python",
        "--backend",
        "--editable",
        "-e",
        "--global",
    }
)
#: Options that end the words the tool reads: the rest are the tool's own arguments.
_WRAPPERS = frozenset({"exec", "command", "nohup", "nice", "time", "stdbuf", "xvfb-run"})
_SUDO_VALUES = frozenset(
    {"-u", "--user", "-g", "--group", "-C", "-D", "-h", "-p", "-r", "-t", "-U"}
)
_ENV_VALUES = frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"})
_PYTHON = lazy(r"(python|pypy)(\d+(\.\d+)*)?[wt]?(\.exe)?|py(\.exe)?")
_PIP = lazy(r"pip(\d+(\.\d+)*)?(\.exe)?")


class Option(Record):
    """An option as written: its name (without `=value`), its value (None for a flag)."""

    name: str
    value: str | None
    word: Word


class Invocation(Record):
    """An installing command.

    ``tool`` is `pip`, `uv-pip` (`uv pip ...`), `uv`, `uvx` or `pipx`; ``action`` the
    subcommand (`install`, `download`, `sync`, `run`, `export`, `lock`, `tool-install`,
    `tool-run`; `run` for uvx). ``positional`` are the words that are not options (for `run`
    commands only the first: the rest belong to the program run). ``assignments`` are the
    `NAME=value` words written before the command and given to `env`.
    """

    tool: str
    action: str
    options: tuple[Option, ...]
    positional: tuple[Word, ...]
    assignments: tuple[Word, ...]
    start: int
    end: int

    def has(self, *names: str) -> bool:
        return any(option.name in names for option in self.options)

    def values(self, *names: str) -> list[Option]:
        return [option for option in self.options if option.name in names and option.value]

    def environment(self, name: str) -> Word | None:
        for word in self.assignments:
            if word.text.partition("=")[0] == name:
                return word
        return None


def _basename(text: str) -> str:
    return text.replace("\\", "/").rsplit("/", 1)[-1]


def _strip_wrappers(words: tuple[Word, ...], assignments: list[Word]) -> tuple[Word, ...]:
    """The command after `sudo`, `env`, `exec`... (assignments given to `env` collected)."""
    from supply_chain_hooks.shell import is_assignment

    while words:
        name = _basename(words[0].text)
        if name in ("sudo", "doas"):
            index = 1
            while index < len(words) and words[index].text.startswith("-"):
                if words[index].text == "--":
                    index += 1
                    break
                index += 2 if words[index].text in _SUDO_VALUES else 1
            while index < len(words) and is_assignment(words[index].text):
                assignments.append(words[index])
                index += 1
            words = words[index:]
        elif name == "env":
            index = 1
            while index < len(words):
                text = words[index].text
                if text.startswith("-"):
                    index += 2 if text in _ENV_VALUES else 1
                elif is_assignment(text):
                    assignments.append(words[index])
                    index += 1
                else:
                    break
            words = words[index:]
        elif name in _WRAPPERS:
            index = 1
            while index < len(words) and words[index].text.startswith("-"):
                index += 1
            words = words[index:]
        else:
            return words
    return words


def _split(
    words: tuple[Word, ...], values: frozenset[str], *, stop_at_positional: bool = False
) -> tuple[list[Option], list[Word]]:
    """Options (with values) and positional words; `--` ends the options."""
    options: list[Option] = []
    positional: list[Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        text = word.text
        if text == "--":
            positional += words[index + 1 :]
            break
        if text.startswith("--") and "=" in text:
            name, _, written = text.partition("=")
            options.append(Option(name, written, word))
        elif text in values:
            following = words[index + 1].text if index + 1 < len(words) else None
            options.append(Option(text, following, word))
            index += 1
        elif (
            text.startswith("-")
            and len(text) > 2
            and not text.startswith("--")
            and text[:2] in values
        ):
            options.append(Option(text[:2], text[2:], word))  # `-rfile`
        elif text.startswith("-") and text != "-":
            options.append(Option(text, None, word))
        else:
            positional.append(word)
            if stop_at_positional:
                break
        index += 1
    return options, positional


def _python_module(words: tuple[Word, ...]) -> tuple[str, tuple[Word, ...]] | None:
    """(`pip`/`uv`/`pipx`, the rest) for `python -m pip ...`; None for another program."""
    first = words[0]
    name = _basename(first.text)
    if not (_PYTHON.fullmatch(name) or (first.opaque and "python" in first.text.lower())):
        return None
    index = 1
    while index < len(words):
        text = words[index].text
        if text in ("-m",) and index + 1 < len(words):
            module = words[index + 1].text
            if module in ("pip", "uv", "pipx"):
                return module, words[index + 2 :]
            return None
        if text.startswith("-m") and len(text) > 2:
            return (text[2:], words[index + 1 :]) if text[2:] in ("pip", "uv", "pipx") else None
        if not text.startswith("-") or text == "-c":
            return None
        index += 1
    return None


def recognise(command: Command) -> Invocation | None:
    """The install this command runs, or None."""
    assignments = list(command.assignments)
    words = _strip_wrappers(command.words, assignments)
    if not words:
        return None
    name = _basename(words[0].text).lower()
    module = _python_module(words)
    if module is not None:
        program, rest = module
    elif _PIP.fullmatch(name):
        program, rest = "pip", words[1:]
    elif name in ("uv", "uv.exe", "uvx", "uvx.exe", "pipx", "pipx.exe"):
        program, rest = name.removesuffix(".exe"), words[1:]
    else:
        return None
    return _invocation(program, rest, tuple(assignments), command)


def _invocation(
    program: str, rest: tuple[Word, ...], assignments: tuple[Word, ...], command: Command
) -> Invocation | None:
    # Global options before the subcommand (`uv --no-cache pip install`, `pip -q install`).
    values = {"pip": PIP_VALUES, "uv": UV_VALUES, "uvx": UV_VALUES, "pipx": PIPX_VALUES}[program]
    head_options, head = _split(rest, values, stop_at_positional=True)
    if program == "uvx":
        options, positional = _split(rest, values, stop_at_positional=True)
        invocation = _make("uvx", "run", options, positional, assignments, command)
        # `uvx --generate-shell-completion bash`, `uvx --version`: uv prints, nothing runs.
        return None if invocation.has(*_UVX_PRINTS) else invocation
    if not head:
        return None
    after = rest[rest.index(head[0]) + 1 :]
    subcommand = head[0].text
    if program == "pip":
        if subcommand not in ("install", "download"):
            return None
        options, positional = _split(after, values)
        return _make("pip", subcommand, head_options + options, positional, assignments, command)
    if program == "pipx":
        if subcommand not in ("install", "run"):
            return None
        stop = subcommand == "run"
        options, positional = _split(after, values, stop_at_positional=stop)
        return _make("pipx", subcommand, head_options + options, positional, assignments, command)
    # uv
    if subcommand == "pip":
        options, inner = _split(after, values, stop_at_positional=True)
        if not inner or inner[0].text not in ("install", "sync"):
            return None
        more, positional = _split(after[after.index(inner[0]) + 1 :], values)
        return _make(
            "uv-pip", inner[0].text, head_options + options + more, positional, assignments, command
        )
    if subcommand == "tool":
        options, inner = _split(after, values, stop_at_positional=True)
        if not inner or inner[0].text not in ("install", "run"):
            return None
        stop = inner[0].text == "run"
        more, positional = _split(
            after[after.index(inner[0]) + 1 :], values, stop_at_positional=stop
        )
        return _make(
            "uv",
            "tool-" + inner[0].text,
            head_options + options + more,
            positional,
            assignments,
            command,
        )
    if subcommand in ("sync", "export", "lock"):
        options, positional = _split(after, values)
        return _make("uv", subcommand, head_options + options, positional, assignments, command)
    if subcommand == "run":
        # uv run's own options come before the command it runs.
        options, positional = _split(after, values, stop_at_positional=True)
        return _make("uv", "run", head_options + options, positional, assignments, command)
    return None


def _make(
    tool: str,
    action: str,
    options: list[Option],
    positional: list[Word],
    assignments: tuple[Word, ...],
    command: Command,
) -> Invocation:
    return Invocation(
        tool, action, tuple(options), tuple(positional), assignments, command.start, command.end
    )
