"""pip's and uv's cutoffs where CI sets them: `env:` of a workflow, job or step (and of a
composite action's steps), `--uploaded-prior-to` / `--exclude-newer` and `NAME=value`
assignments on the command lines of `run:` scripts, and committed `pip.conf` / `pip.ini`.

`run:` scripts are split with :mod:`supply_chain_hooks.shell`, the one shell reader every
hook shares (quotes, continuations, separators, comments, here-documents).
"""

from __future__ import annotations

import posixpath

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from ruamel.yaml.nodes import Node

    from supply_chain_hooks.cooldown.values import Verdict
    from supply_chain_hooks.model import Location
    from supply_chain_hooks.source import Source
    from supply_chain_hooks.yaml_doc import Document

#: Environment variable -> tool.
VARIABLES = {"PIP_UPLOADED_PRIOR_TO": "pip", "UV_EXCLUDE_NEWER": "uv"}
#: Option -> tool.
OPTIONS = {"--uploaded-prior-to": "pip", "--exclude-newer": "uv"}
PIP_CONFIG_NAMES = frozenset({"pip.conf", "pip.ini"})
#: A workflow or action that holds none of these (lowercased) sets no cutoff.
WORDS = ("uploaded-prior-to", "uploaded_prior_to", "exclude-newer", "exclude_newer", "\\")


class Setting(Record):
    """One cutoff value that CI or a committed pip configuration hands to pip or uv."""

    path: str
    location: Location
    tool: str
    #: What sets it: `PIP_UPLOADED_PRIOR_TO`, `--exclude-newer`, `uploaded-prior-to`.
    name: str
    #: Where, for messages: `jobs.test.env`, `jobs.test.steps[2].run`, `[install]`.
    where: str
    value: str
    verdict: Verdict


def may_set(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in WORDS)


def _judge(tool: str, value: str, now_ns: int) -> Verdict:
    from supply_chain_hooks.cooldown.values import pip_value, uv_value

    return pip_value(value, now_ns) if tool == "pip" else uv_value(value, now_ns)


def _opaque(value: str) -> bool:
    """A value known only at run time: an expression or a shell variable."""
    return "${{" in value or "$" in value or "`" in value


def _env(source: Source, env: Node | None, where: str, now_ns: int) -> Iterator[Setting]:
    for key, value in y.items(env):
        tool = VARIABLES.get(str(key.value))
        text = y.scalar(value)
        if tool is None or text is None or _opaque(text):
            continue
        location = source.location(y.start(key), y.end(value))
        yield Setting(
            source.path, location, tool, str(key.value), where, text, _judge(tool, text, now_ns)
        )


def _script_offset(source: Source, node: Node, script: str, start: int, end: int) -> int | None:
    """The file offset of script[start:end] inside a `run:` scalar, when it can be mapped."""
    raw = script[start:end]
    first = y.start(node)
    style = getattr(node, "style", None)
    if style == "|":
        line_index = script.count("\n", 0, start)
        column = start - (script.rfind("\n", 0, start) + 1)
        header_line = source.position(first)[0]
        line = header_line + 1 + line_index
        if line > len(source.line_starts()):
            return None
        text_line = source.line_text(line)
        indent = len(text_line) - len(text_line.lstrip(" "))
        candidate = source.offset(line, 1) + indent + column
    elif style is None and "\n" not in script:
        candidate = first + start
    elif style in ("'", '"') and "\n" not in script:
        candidate = first + 1 + start
    else:
        return None
    return candidate if source.text[candidate : candidate + len(raw)] == raw else None


def _run(source: Source, node: Node, where: str, now_ns: int) -> Iterator[Setting]:
    from supply_chain_hooks.shell import commands

    script = y.scalar(node)
    if script is None or not may_set(script):
        return
    for command in commands(script):
        words = command.assignments + command.words
        names = [posixpath.basename(word.text) for word in words]
        runs_pip = any(name.startswith("pip") for name in names) or "pip" in names
        runs_uv = any(name in ("uv", "uvx") for name in names)
        for index, word in enumerate(words):
            text = word.text
            found: tuple[str, str, str] | None = None
            variable, equals, assigned = text.partition("=")
            if equals and variable in VARIABLES:
                found = (VARIABLES[variable], variable, assigned)
            elif equals and variable in OPTIONS:
                found = (OPTIONS[variable], variable, assigned)
            elif text in OPTIONS and index + 1 < len(words):
                found = (OPTIONS[text], text, words[index + 1].text)
            if found is None:
                continue
            tool, name, value = found
            if name.startswith("--") and not (runs_pip if tool == "pip" else runs_uv):
                continue
            if _opaque(value):
                continue
            last = words[index + 1] if text in OPTIONS else word
            start = _script_offset(source, node, script, word.start, word.end)
            stop = _script_offset(source, node, script, last.start, last.end)
            if start is None or stop is None:
                location = source.location(y.start(node), y.start(node))
            else:
                location = source.location(start, stop + (last.end - last.start))
            yield Setting(
                source.path, location, tool, name, where, value, _judge(tool, value, now_ns)
            )


def _steps(source: Source, steps: Node | None, prefix: str, now_ns: int) -> Iterator[Setting]:
    for number, step in enumerate(y.elements(steps)):
        here = f"{prefix}[{number}]"
        yield from _env(source, y.value(step, "env"), f"{here}.env", now_ns)
        run = y.value(step, "run")
        if run is not None and y.is_scalar(run):
            yield from _run(source, run, f"{here}.run", now_ns)


def workflow_settings(document: Document, now_ns: int) -> list[Setting]:
    """Every cutoff a workflow or composite action sets, in document order."""
    source, root = document.source, document.root
    found = list(_env(source, y.value(root, "env"), "env", now_ns))
    for job_key, job in y.items(y.value(root, "jobs")):
        name = f"jobs.{job_key.value}"
        found += _env(source, y.value(job, "env"), f"{name}.env", now_ns)
        found += _steps(source, y.value(job, "steps"), f"{name}.steps", now_ns)
    found += _steps(source, y.value(root, "runs", "steps"), "runs.steps", now_ns)
    return found


def pip_config_settings(source: Source, now_ns: int) -> list[Setting]:
    """`uploaded-prior-to` in a pip configuration file (INI: `[section]`, `key = value`)."""
    found = []
    section = ""
    offset = 0
    for line in source.text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
        elif stripped and stripped[0] not in "#;":
            for separator in ("=", ":"):
                key, equals, value = stripped.partition(separator)
                if equals:
                    break
            name = key.strip().lower().replace("_", "-")
            if equals and name == "uploaded-prior-to" and value.strip():
                text = value.strip()
                start = offset + line.index(key.strip()[0])
                end = offset + len(line.rstrip("\r\n"))
                found.append(
                    Setting(
                        source.path,
                        source.location(start, end),
                        "pip",
                        key.strip(),
                        f"[{section}]",
                        text,
                        _judge("pip", text, now_ns),
                    )
                )
        offset += len(line)
    return found
