"""Which shell commands upload distributions to a package index, and how they are told where
and with what credential.

:func:`recognise` reads one simple command (from :mod:`supply_chain_hooks.shell`) and returns a
:class:`Upload` for `twine upload`, `uv publish`, `hatch publish`, `pdm publish`,
`poetry publish` and `flit publish`, however they are started: directly, by path
(`.venv/bin/twine`), as a module (`python -m twine`), or through a runner (`uv run`, `uvx`,
`uv tool run`, `pipx run`, `hatch run`, `pdm run`, `poetry run`, `pipenv run`), after
`env`, `sudo`, `exec`, `command` or `NAME=value` assignments. A dry run (`--dry-run`),
`--help`, or another subcommand (`twine check`, `uv build`) is not an upload.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.shell import Command, Word

#: The publishing tools, by the name of their program, with the subcommand that uploads.
SUBCOMMAND = {
    "twine": "upload",
    "uv": "publish",
    "hatch": "publish",
    "pdm": "publish",
    "poetry": "publish",
    "flit": "publish",
}
#: The tools that can authenticate with Trusted Publishing on GitHub Actions.
TRUSTED_PUBLISHING = frozenset({"action", "twine", "uv", "pdm"})

#: Options that take a value as the next word, by tool, before and after the subcommand.
_VALUE_OPTIONS = {
    "twine": frozenset(
        {
            "-r",
            "--repository",
            "--repository-url",
            "-u",
            "--username",
            "-p",
            "--password",
            "-c",
            "--comment",
            "--config-file",
            "--cert",
            "--client-cert",
            "-i",
            "--identity",
            "--sign-with",
        }
    ),
    "uv": frozenset(
        {
            "--directory",
            "--project",
            "--cache-dir",
            "--config-file",
            "--color",
            "-p",
            "--python",
            "--index",
            "--publish-url",
            "--check-url",
            "-u",
            "--username",
            "--password",
            "-t",
            "--token",
            "--trusted-publishing",
            "--keyring-provider",
            "--index-url",
            "--extra-index-url",
            "--default-index",
            "--allow-insecure-host",
        }
    ),
    "hatch": frozenset(
        {
            "-e",
            "--env",
            "-p",
            "--project",
            "--data-dir",
            "--cache-dir",
            "--config",
            "-r",
            "--repo",
            "-u",
            "--user",
            "-a",
            "--auth",
            "--ca-cert",
            "--client-cert",
            "--client-key",
            "-o",
            "--option",
            "--publisher",
        }
    ),
    "pdm": frozenset(
        {
            "-c",
            "--config",
            "-p",
            "--project",
            "-r",
            "--repository",
            "-u",
            "--username",
            "-P",
            "--password",
            "-i",
            "--identity",
            "--comment",
            "-d",
            "--dest",
            "--ca-certs",
        }
    ),
    "poetry": frozenset(
        {
            "-C",
            "--directory",
            "-P",
            "--project",
            "-r",
            "--repository",
            "-u",
            "--username",
            "-p",
            "--password",
            "--cert",
            "--client-cert",
            "--dist-dir",
        }
    ),
    "flit": frozenset({"-f", "--ini-file", "--repository", "--pypirc", "--format"}),
}
#: The options that hand over a password or token, by tool.
CREDENTIAL_OPTIONS = {
    "twine": frozenset({"-p", "--password"}),
    "uv": frozenset({"-t", "--token", "-p", "--password"}),
    "hatch": frozenset({"-a", "--auth"}),
    "pdm": frozenset({"-P", "--password"}),
    "poetry": frozenset({"-p", "--password"}),
    "flit": frozenset(),
}
#: The options that name the index, by tool (a URL or a configured name).
TARGET_OPTIONS = {
    "twine": frozenset({"-r", "--repository", "--repository-url"}),
    "uv": frozenset({"--index", "--publish-url"}),
    "hatch": frozenset({"-r", "--repo"}),
    "pdm": frozenset({"-r", "--repository"}),
    "poetry": frozenset({"-r", "--repository"}),
    "flit": frozenset({"--repository"}),
}
#: Options of the runners that take a value as the next word.
_RUNNER_VALUES = frozenset(
    {
        "--from",
        "--with",
        "-w",
        "--with-editable",
        "--with-requirements",
        "-p",
        "--python",
        "--index",
        "--index-url",
        "-i",
        "--extra-index-url",
        "--default-index",
        "--directory",
        "--project",
        "--cache-dir",
        "--config-file",
        "--color",
        "--exclude-newer",
        "--group",
        "--extra",
        "--package",
        "--env-file",
        "--only-group",
        "--no-group",
        "--spec",
        "--pip-args",
        "-e",
        "--env",
        "--python-preference",
        "-f",
        "--find-links",
    }
)
_WRAPPERS = frozenset({"exec", "command", "nohup", "nice"})
_RUNNERS = frozenset({"hatch", "pdm", "poetry", "pipenv", "rye", "uv"})
_PYTHON = lazy(r"(python|pypy)(\d+(\.\d+)*)?w?|py")
_ASSIGNMENT = lazy(r"[A-Za-z_][A-Za-z0-9_]*=")
#: How a runner's application argument may pin or extend the package (`twine==6.1`, `twine@6`).
_SPEC_END = lazy(r"[=<>!~@\[;]")


class Upload(Record):
    """An upload command: the tool, the words after its subcommand, the `NAME=value`
    assignments written before it, and where it stands in the script."""

    tool: str
    arguments: tuple[Word, ...]
    assignments: tuple[Word, ...]
    start: int
    end: int

    def options(self, names: frozenset[str]) -> list[tuple[Word, str]]:
        """(option word, value) for each of these options: `--opt value`, `--opt=value`, `-oVALUE`."""
        found = []
        words = self.arguments
        for index, word in enumerate(words):
            text = word.text
            if text in names:
                if index + 1 < len(words):
                    found.append((word, words[index + 1].text))
                continue
            name, equals, value = text.partition("=")
            if equals and name.startswith("--") and name in names:
                found.append((word, value))
            elif len(text) > 2 and text[0] == "-" and text[1] != "-" and text[:2] in names:
                found.append((word, text[2:]))
        return found

    def value_of(self, names: frozenset[str]) -> tuple[Word, str] | None:
        """The last of these options given, as the tool reads it (the last one wins)."""
        found = self.options(names)
        return found[-1] if found else None


def program(word: str) -> str:
    """A program's name without its folder and `.exe`, lowercased."""
    name = word.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".exe")


def _skip_options(words: tuple[Word, ...], index: int, values: frozenset[str]) -> int:
    """The index of the first word at or after index that is not an option (or its value)."""
    while index < len(words) and words[index].text.startswith("-"):
        text = words[index].text
        if text == "--":
            return index + 1
        index += 2 if text in values else 1
    return index


def _unwrap(words: tuple[Word, ...], index: int) -> int:
    """Past `env`, `sudo`, `exec`, `command`, `nohup` and assignments in front of a program."""
    while index < len(words):
        text = words[index].text
        name = program(text)
        if _ASSIGNMENT.match(text):
            index += 1
        elif name == "env":
            index = _skip_options(words, index + 1, frozenset({"-u", "--unset", "-C", "--chdir"}))
        elif name == "sudo":
            index = _skip_options(words, index + 1, frozenset({"-u", "-g", "-C", "-h", "-p"}))
        elif name in _WRAPPERS:
            index = _skip_options(words, index + 1, frozenset({"-n", "-a"}))
        else:
            return index
    return index


def _tool_at(words: tuple[Word, ...], index: int, depth: int = 0) -> tuple[str, int] | None:
    """The publishing tool that runs at words[index] (through runners), and the index of
    its own first argument; None when the command runs something else."""
    if depth > 4:
        return None
    index = _unwrap(words, index)
    if index >= len(words):
        return None
    name = program(words[index].text)
    if _PYTHON.fullmatch(name):
        # python [options] -m module args
        rest = index + 1
        while rest < len(words) and words[rest].text.startswith("-"):
            text = words[rest].text
            if text == "-m" and rest + 1 < len(words):
                module = words[rest + 1].text
                if module in SUBCOMMAND:
                    return module, rest + 2
                if module == "pipx":
                    return _runner(words, rest + 2, "pipx", depth)
                return None
            if text.startswith("-m") and text[2:] in SUBCOMMAND:
                return text[2:], rest + 1
            if text in ("-c", "-"):
                return None
            rest += 2 if text in ("-X", "-W") else 1
        return None
    if name == "uvx":
        return _application(words, index + 1, depth)
    if name in ("pipx", "uv") or name in _RUNNERS:
        found = _runner(words, index + 1, name, depth)
        if found is not None:
            return found
    if name in SUBCOMMAND:
        return name, index + 1
    return None


def _runner(words: tuple[Word, ...], index: int, name: str, depth: int) -> tuple[str, int] | None:
    """`pipx run APP`, `uv run CMD`, `uv tool run APP`, `hatch run CMD`...: what they run."""
    index = _skip_options(words, index, _RUNNER_VALUES | _VALUE_OPTIONS.get(name, frozenset()))
    if index >= len(words):
        return None
    subcommand = words[index].text
    if name == "uv" and subcommand == "tool" and index + 1 < len(words):
        if words[index + 1].text == "run":
            return _application(words, index + 2, depth)
        return None
    if subcommand != "run":
        return None
    if name == "pipx":
        return _application(words, index + 1, depth)
    index = _skip_options(words, index + 1, _RUNNER_VALUES)
    if index < len(words) and name == "hatch" and ":" in words[index].text:
        # `hatch run env:command`
        text = words[index].text.split(":", 1)[1]
        if program(text) in SUBCOMMAND:
            return program(text), index + 1
    return _tool_at(words, index, depth + 1)


def _application(words: tuple[Word, ...], index: int, depth: int) -> tuple[str, int] | None:
    """The application a `uvx`/`pipx run` line runs (`twine`, `twine==6.1`, `twine@latest`)."""
    index = _skip_options(words, index, _RUNNER_VALUES)
    if index >= len(words):
        return None
    name = program(_SPEC_END.split(words[index].text, maxsplit=1)[0])
    if name in SUBCOMMAND:
        return name, index + 1
    return _tool_at(words, index, depth + 1)


def recognise(command: Command) -> Upload | None:
    """The upload this command performs, or None (another command, a dry run, `--help`)."""
    # Assignments stay in front of the program: _tool_at skips them, _assignments keeps them.
    words = command.assignments + command.words
    found = _tool_at(words, 0)
    if found is None:
        return None
    tool, first = found
    index = _skip_options(words, first, _VALUE_OPTIONS[tool])
    if index >= len(words) or words[index].text != SUBCOMMAND[tool]:
        return None
    # The tool's own options, before and after its subcommand (not a runner's).
    arguments = words[first:index] + words[index + 1 :]
    if {word.text.partition("=")[0] for word in arguments} & {"--dry-run", "-h", "--help"}:
        return None
    return Upload(tool, arguments, _assignments(words), command.start, command.end)


def _assignments(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The `NAME=value` words that set the command's environment: those in front of it,
    and after `env`, `sudo` and the like."""
    found = []
    for word in words:
        if _ASSIGNMENT.match(word.text):
            found.append(word)
        elif not (program(word.text) in {"env", "sudo", *_WRAPPERS} or word.text.startswith("-")):
            break
    return tuple(found)
