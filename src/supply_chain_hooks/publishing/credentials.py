"""The stored credentials a publish authenticates with, instead of Trusted Publishing.

A credential is *stored* when its value comes from somewhere a long-lived secret lives: a
repository or organisation secret (`${{ secrets.NAME }}`), an input (how a caller hands a
secret to a composite action or a reusable workflow), a configuration variable
(`${{ vars.NAME }}`), or the file itself (a literal password). A value built at run time
(`${{ steps.mint.outputs.token }}`: a token minted from the OIDC exchange by hand) is not
stored, and an `env.NAME` or shell `$NAME` is followed to the variable it names.

:func:`stored` lists, for one publish, each stored credential with where it is written:
the action's `password:`; the tool's password and token variables (`TWINE_PASSWORD`,
`UV_PUBLISH_TOKEN`, `UV_PUBLISH_PASSWORD`, `POETRY_PYPI_TOKEN_<NAME>`,
`POETRY_HTTP_BASIC_<NAME>_PASSWORD`, `FLIT_PASSWORD`, `HATCH_INDEX_AUTH`,
`PDM_PUBLISH_PASSWORD`) at the command, step, job or workflow level; and the command-line
options (`--password`, `-p`, `--token`, `-t`, `--auth`, `-a`, `-P`, as each tool spells
them). When no password is visible at all, a username of `__token__` (`TWINE_USERNAME`,
`--username`...) still says that an API token is used.
"""

from __future__ import annotations

import re

from supply_chain_hooks import yaml_doc as y
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.publishing.commands import CREDENTIAL_OPTIONS

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Sequence

    from supply_chain_hooks.publishing.publishes import Publish, Setting

_PASSWORDS = {
    "TWINE_PASSWORD": "twine",
    "UV_PUBLISH_TOKEN": "uv",
    "UV_PUBLISH_PASSWORD": "uv",
    "HATCH_INDEX_AUTH": "hatch",
    "PDM_PUBLISH_PASSWORD": "pdm",
    "FLIT_PASSWORD": "flit",
}
_USERNAMES = {
    "TWINE_USERNAME": "twine",
    "UV_PUBLISH_USERNAME": "uv",
    "HATCH_INDEX_USER": "hatch",
    "PDM_PUBLISH_USERNAME": "pdm",
    "FLIT_USERNAME": "flit",
}
_POETRY_PASSWORD = lazy(r"POETRY_PYPI_TOKEN_\w+|POETRY_HTTP_BASIC_\w+_PASSWORD")
_POETRY_USERNAME = lazy(r"POETRY_HTTP_BASIC_\w+_USERNAME")
_USER_OPTIONS = {
    "twine": frozenset({"-u", "--username"}),
    "uv": frozenset({"-u", "--username"}),
    "hatch": frozenset({"-u", "--user"}),
    "pdm": frozenset({"-u", "--username"}),
    "poetry": frozenset({"-u", "--username"}),
    "flit": frozenset(),
}
_EXPRESSION = lazy(r"\$\{\{(.*?)\}\}", re.DOTALL)
_SECRET = lazy(r"\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\])")
_INPUT = lazy(
    r"\b(?:github\.event\.)?inputs\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\])"
)
_VARIABLE = lazy(r"\bvars\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_ENV = lazy(r"\benv\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_SHELL_VARIABLE = lazy(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
#: Secrets that are never a PyPI credential: the one every GitHub run gets.
_NOT_PYPI = frozenset({"github_token"})


def credential_tool(name: str) -> str | None:
    """The tool that reads this environment variable as its password or token."""
    if name in _PASSWORDS:
        return _PASSWORDS[name]
    if _POETRY_PASSWORD.fullmatch(name):
        return "poetry"
    return None


def _is_password(name: str, tool: str) -> bool:
    return credential_tool(name) == tool


def _is_username(name: str, tool: str) -> bool:
    if tool == "poetry":
        return _POETRY_USERNAME.fullmatch(name) is not None
    return _USERNAMES.get(name) == tool


class Origin(Record):
    """Where a stored credential comes from: ``kind`` is "secret", "input", "variable" or
    "literal"; ``name`` the secret's, input's or variable's name ("" for a literal)."""

    kind: str
    name: str

    def describe(self) -> str:
        if self.kind == "literal":
            return "a value written in the file"
        return f"{self.kind} `{self.name}`" if self.name else f"a {self.kind}"


def origin(
    value: str, settings: Sequence[Setting], *, expands: bool, depth: int = 0
) -> Origin | None:
    """Where value comes from when it is stored; None when it is built at run time or
    empty. ``expands`` says whether `$NAME` is expanded (a command line, not `env:`)."""
    text = value.strip()
    if not text or depth > 3:
        return None
    for match in _EXPRESSION.finditer(text):
        inner = match.group(1)
        for secret in _SECRET.finditer(inner):
            name = secret.group(1) or secret.group(2) or ""
            if name.lower() not in _NOT_PYPI:
                return Origin("secret", name)
        found = _INPUT.search(inner)
        if found is not None:
            return Origin("input", found.group(1) or found.group(2) or "")
        found = _VARIABLE.search(inner)
        if found is not None:
            return Origin("variable", found.group(1))
        for variable in _ENV.finditer(inner):
            followed = _follow(variable.group(1), settings, depth)
            if followed is not None:
                return followed
    if expands:
        for variable in _SHELL_VARIABLE.finditer(_EXPRESSION.sub("", text)):
            followed = _follow(variable.group(1) or variable.group(2), settings, depth)
            if followed is not None:
                return followed
    if "$" not in text and "`" not in text:
        return Origin("literal", "")
    return None


def _follow(name: str, settings: Sequence[Setting], depth: int) -> Origin | None:
    for setting in settings:
        if setting.name == name:
            return origin(setting.value, settings, expands=False, depth=depth + 1)
    return None


class Credential(Record):
    """A stored credential a publish uses: how it is given (``what``: "`password:`",
    "`TWINE_PASSWORD` (job `env:`)", "`--password`"...), where it comes from, and where it is
    written (``start``/``end``: the key and its value, or the option and its value)."""

    what: str
    origin: Origin | None
    start: int
    end: int


_LEVEL = {
    "command": "on the command line",
    "step": "step `env:`",
    "job": "job `env:`",
    "workflow": "workflow `env:`",
}


def _action(publish: Publish) -> list[Credential]:
    found = y.get(y.value(publish.step, "with"), "password")
    if found is None:
        return []
    key, value = found
    text = y.scalar(value)
    if not text or not text.strip():
        return []
    # Any password: the action authenticates with Trusted Publishing whenever it has none.
    stored = origin(text, publish.settings, expands=False)
    return [Credential("`password:`", stored, y.start(key), y.end(value))]


def stored(publish: Publish) -> list[Credential]:
    """The stored credentials this publish uses, in the order of the file."""
    if publish.tool == "action":
        return _action(publish)
    tool = publish.tool
    found: list[Credential] = []
    password_seen = False
    for setting in publish.settings:
        if not _is_password(setting.name, tool) or publish.setting(setting.name) is not setting:
            continue  # another tool's variable, or one a nearer level overrides
        password_seen = True
        source = origin(setting.value, publish.settings, expands=setting.level == "command")
        if source is not None:
            what = f"`{setting.name}` ({_LEVEL[setting.level]})"
            found.append(Credential(what, source, setting.start, setting.end))
    upload = publish.upload
    if upload is not None:
        for word, value in upload.options(CREDENTIAL_OPTIONS[tool]):
            password_seen = True
            source = origin(value, publish.settings, expands=True)
            if source is not None:
                option = word.text.partition("=")[0]
                option = option[:2] if not option.startswith("--") else option
                found.append(Credential(f"`{option}`", source, word.start, word.end))
    if not password_seen:
        found += _token_username(publish)
    found.sort(key=lambda credential: credential.start)
    return found


def _token_username(publish: Publish) -> list[Credential]:
    """A `__token__` username, the sign of an API token whose password is set elsewhere."""
    tool = publish.tool
    for setting in publish.settings:
        if (
            _is_username(setting.name, tool)
            and setting.value.strip() == "__token__"
            and publish.setting(setting.name) is setting
        ):
            what = f"`{setting.name}: __token__` ({_LEVEL[setting.level]})"
            return [Credential(what, None, setting.start, setting.end)]
    if publish.upload is not None:
        for word, value in publish.upload.options(_USER_OPTIONS[tool]):
            if value.strip() == "__token__":
                return [Credential(f"`{word.text} __token__`", None, word.start, word.end)]
    return []


def secret_names(publishes: Sequence[Publish]) -> dict[str, str]:
    """The secrets the stored credentials of these publishes read, by lowercased name
    (GitHub matches secret names case-insensitively)."""
    names: dict[str, str] = {}
    for publish in publishes:
        if not publish.target.in_scope:
            continue
        for credential in stored(publish):
            if credential.origin is not None and credential.origin.kind == "secret":
                names.setdefault(credential.origin.name.lower(), credential.origin.name)
    return names
