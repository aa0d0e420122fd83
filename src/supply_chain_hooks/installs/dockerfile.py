"""The `RUN` instructions of a Dockerfile or Containerfile, read as BuildKit reads them.

An instruction continues over lines that end with the escape character (`\\`, or the one a
`# escape=` directive names), and comment lines inside it are dropped. `RUN` flags
(`--mount=...`, `--network=...`) are skipped. The shell form is read by
:mod:`supply_chain_hooks.shell` (here-documents are data, as for the shell), except `RUN <<EOF`,
whose here-document is itself the script. The exec form (`RUN ["pip", "install", "x"]`)
is read word for word, and `["sh", "-c", "..."]` reads its script. `ENV` and `ARG` set the
environment of the later `RUN`s of the stage (a `FROM` starts afresh). After a `SHELL`
instruction that names anything but a POSIX shell (`powershell`, `cmd`), shell-form `RUN`s
are not read.
"""

from __future__ import annotations

import re

from supply_chain_hooks.installs.sites import Setting, Site, Sites, installs_in
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.installs.commands import Invocation
    from supply_chain_hooks.source import Source

_DIRECTIVE = lazy(r"#\s*escape\s*=\s*(\S)", re.IGNORECASE)
_INSTRUCTION = lazy(r"[ \t]*([A-Za-z]+)([ \t]+|$)")
_JSON_STRING = lazy(r'"(?:[^"\\]|\\.)*"')
_HEREDOC = lazy(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_POSIX = ("sh", "bash", "ash", "dash", "zsh")


def _instructions(text: str) -> list[tuple[str, int, int, str]]:
    """(keyword, start of its arguments, end, arguments with comment lines blanked)."""
    escape = "\\"
    lines = text.splitlines(keepends=True)
    offsets = []
    at = 0
    for line in lines:
        offsets.append(at)
        at += len(line)
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        found = _DIRECTIVE.match(stripped)
        if found:
            escape = found.group(1)
    found_list: list[tuple[str, int, int, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        match = _INSTRUCTION.match(line)
        if match is None:
            index += 1
            continue
        keyword = match.group(1).upper()
        start = offsets[index] + match.end()
        parts = [line[match.end() :]]
        heredocs = _HEREDOC.findall(line) if keyword == "RUN" else []
        continued = line.rstrip().endswith(escape)
        while continued and index + 1 < len(lines):
            index += 1
            line = lines[index]
            if line.strip().startswith("#") or not line.strip():
                parts.append(" " * len(line))  # dropped, newline included
                continue
            parts.append(line)
            continued = line.rstrip().endswith(escape)
            heredocs += _HEREDOC.findall(line) if keyword == "RUN" else []
        index += 1
        for _dash, _quote, delimiter in heredocs:
            while index < len(lines):
                line = lines[index]
                parts.append(line)
                index += 1
                if line.strip("\r\n").lstrip("\t") == delimiter:
                    break
        body = "".join(parts)
        if escape != "\\":
            body = body.replace(escape + "\n", "\\\n")
        found_list.append((keyword, start, start + len(body), body))
    return found_list


def _env_settings(body: str, start: int) -> list[Setting]:
    from supply_chain_hooks.shell import commands

    found = []
    for command in commands(body, start):
        words = list(command.assignments) + list(command.words)
        if len(words) == 2 and "=" not in words[0].text and not command.assignments:
            found.append(Setting(words[0].text, words[1].text, words[0].start, words[1].end))
            continue
        for word in words:
            name, equals, value = word.text.partition("=")
            found.append(Setting(name, value if equals else "", word.start, word.end))
    return found


def _exec_form(body: str, start: int) -> list[Invocation] | None:
    import json

    from supply_chain_hooks.installs.commands import recognise
    from supply_chain_hooks.shell import Command, Word

    stripped = body.strip()
    if not stripped.startswith("[") or not stripped.endswith("]"):
        return None
    try:
        values = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    words = []
    for match in _JSON_STRING.finditer(body):
        words.append(Word(json.loads(match.group()), start + match.start(), start + match.end()))
    if len(words) != len(values):
        return None
    if len(words) >= 3 and words[0].text.rsplit("/", 1)[-1] in _POSIX and words[1].text == "-c":
        return installs_in(words[2].text, words[2].start + 1)
    found = recognise(Command((), tuple(words)))
    return [found] if found is not None else []


def from_dockerfile(path: str, source: Source) -> Sites:
    import posixpath

    directory = posixpath.dirname(path.replace("\\", "/"))
    directories = (directory, "") if directory else ("",)
    sites: list[Site] = []
    settings: list[Setting] = []
    stage: list[Setting] = []
    posix = True
    for keyword, start, _end, body in _instructions(source.text):
        if keyword == "FROM":
            stage = []
        elif keyword in ("ENV", "ARG"):
            found = _env_settings(body, start)
            settings += found
            stage = found + stage
        elif keyword == "SHELL":
            exec_words = _JSON_STRING.findall(body)
            program = exec_words[0].strip('"').rsplit("/", 1)[-1] if exec_words else ""
            posix = program in _POSIX
        elif keyword == "RUN":
            invocations = _run(body, start, posix)
            for invocation in invocations:
                own = [
                    Setting(w.text.partition("=")[0], w.text.partition("=")[2], w.start, w.end)
                    for w in invocation.assignments
                ]
                settings += own
                sites.append(Site(invocation, tuple(own + stage), directories, ""))
    return Sites(tuple(sites), tuple(settings), ())


def _run(body: str, start: int, posix: bool) -> list[Invocation]:
    # Skip the flags (`--mount=type=cache,target=/root/.cache`).
    offset = 0
    while True:
        match = re.match(r"[ \t]*(--[A-Za-z-]+=\S*|--[A-Za-z-]+)(?=[ \t\\]|$)", body[offset:])
        if match is None:
            break
        offset += match.end()
    rest = body[offset:]
    exec_found = _exec_form(rest, start + offset)
    if exec_found is not None:
        return exec_found
    if not posix:
        return []
    heredoc = re.match(r"[ \t]*<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*\r?\n", rest)
    if heredoc is not None:
        # `RUN <<EOF`: the here-document is the script; the line ends before it.
        script_start = heredoc.end()
        delimiter = heredoc.group(3)
        lines = rest[script_start:].splitlines(keepends=True)
        taken = []
        for line in lines:
            if line.strip("\r\n").lstrip("\t") == delimiter:
                break
            taken.append(line)
        return installs_in("".join(taken), start + offset + script_start)
    return installs_in(rest, start + offset)
