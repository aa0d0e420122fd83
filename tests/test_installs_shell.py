"""installs/shell.py against real bash: generated command lines, each word echoed by bash."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from supply_chain_hooks.shell import commands

BASH = shutil.which("bash")

# Every command of a generated line is `w` (succeeds) or `v` (fails, so that `||` runs the
# next one); both print their arguments to fd 3 in one write (newlines encoded, as bash flushes at
# a newline and a pipeline's members run at once), one record per command.
PRELUDE = (
    "exec 3>&1\n"
    "w() { local s; printf -v s '%s\\2' . \"$@\"; s=${s//$'\\n'/$'\\3'}; printf '%s\\1' \"$s\" >&3; return 0; }\n"
    "v() { local s; printf -v s '%s\\2' . \"$@\"; s=${s//$'\\n'/$'\\3'}; printf '%s\\1' \"$s\" >&3; return 1; }\n"
)

_PIECES = [
    "pip",
    "install",
    "-r",
    "req.txt",
    "a b",
    "x",
    "--no-deps",
    "#",
    "==",
    "=",
    "{",
    "}",
    "if",
    "done",
    "!",
    "*",
    "?",
    "[",
    "]",
    "~",
    ",",
    "-",
    ".",
    "/",
    "@",
    ":",
    "%",
    "^",
]


def _piece(rng: random.Random) -> str:
    """A fragment of a word: plain, quoted in one of bash's ways, or escaped."""
    text = rng.choice(_PIECES)
    safe = "".join(ch for ch in text if ch not in "*?[]~{}")  # no globbing, no braces
    form = rng.randrange(9)
    if form == 0:
        return "'" + text.replace("'", "") + "'"
    if form == 1:
        return '"' + text + '"'
    if form == 2:
        return "$'" + text + "\\t'"
    if form == 3:
        return "\\" + text[0] + safe[1:] if safe else "\\x"
    if form == 4:
        return '"a\\"b\\\\c$"'  # escapes inside double quotes, a lone `$`
    if form == 5:
        return safe.replace("#", "") + "\\\n" + "z"  # a continuation inside a word
    if form == 6:
        return '"' + "one\ntwo" + '"'
    return safe.replace("#", "n") or "y"


def _word(rng: random.Random) -> str:
    return "".join(_piece(rng) for _ in range(rng.randint(1, 3)))


def _command(rng: random.Random, name: str) -> str:
    words = [_word(rng) for _ in range(rng.randint(0, 4))]
    parts = [name]
    for word in words:
        roll = rng.randrange(10)
        if roll == 0:
            parts.append("2>/dev/null")
        elif roll == 1:
            parts.append(">/dev/null")  # w prints to fd 3: nothing is lost
        parts.append(word)
    line = " ".join(parts)
    if rng.randrange(5) == 0:
        line = "Z=1 " + line
    if rng.randrange(8) == 0:
        line = "{ " + line + "; }"
    elif rng.randrange(8) == 0:
        line = "( " + line + " )"
    elif rng.randrange(6) == 0:
        line += " # a comment with pip install x"
    return line


def _line(rng: random.Random) -> str:
    count = rng.randint(1, 4)
    separators = [
        rng.choice([";", " && ", " || ", " | ", "\n", " \\\n  && "]) for _ in range(count - 1)
    ]
    out = []
    for index in range(count):
        following = separators[index] if index < count - 1 else ";"
        name = "v" if "||" in following else "w"
        command = _command(rng, name)
        if following.strip() in ("&&", "||") and command.endswith(("}", ")")):
            command = _command(rng, name).replace("# a comment with pip install x", "")
        if index < count - 1 and following != "\n":
            command = command.replace("# a comment with pip install x", "")
        out.append(command)
        if index < count - 1:
            out.append(following)
    if rng.randrange(5) == 0:
        out.append("\nw heredoc <<'EOF'\npip install evil\n$(w not run)\nEOF\nw after")
    return "".join(out)


def _bash_words(line: str) -> list[list[str]]:
    assert BASH is not None
    result = subprocess.run(
        [BASH, "--noprofile", "--norc", "-c", PRELUDE + line],
        capture_output=True,
        check=False,
        timeout=20,
    )
    records = result.stdout.split(b"\1")[:-1]
    return [
        [word.decode().replace("\3", "\n") for word in record.split(b"\2")[1:-1]]
        for record in records
    ]


def _our_words(line: str) -> list[list[str]]:
    return [[word.text for word in command.words[1:]] for command in commands(line)]


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_generated_lines_agree_with_bash() -> None:
    rng = random.Random(20261203)  # noqa: S311 - reproducible test input, not a secret
    lines = [_line(rng) for _ in range(400)]
    for line in lines:
        ours = sorted(_our_words(line))  # a pipeline's members may print in any order
        theirs = sorted(_bash_words(line))
        assert ours == theirs, line


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("pip install a\\\nb", [["pip", "install", "ab"]]),
        ("echo 'pip install x' # pip install y", [["echo", "pip install x"]]),
        ("cat <<EOF\npip install x\nEOF\npip install y", [["cat"], ["pip", "install", "y"]]),
        ("cat <<-'E'\n\tpip x\n\tE\nuv sync", [["cat"], ["uv", "sync"]]),
        ("if pip install a; then uv sync; fi", [["pip", "install", "a"], ["uv", "sync"]]),
        ("for p in a b; do pip install $p; done", [["pip", "install", "$p"]]),
        ("x=$(pip install z)", [[], ["pip", "install", "z"]]),
        ("echo `uvx ruff`", [["echo", "`uvx ruff`"], ["uvx", "ruff"]]),
        ("pip install ${{ inputs.pkg }}", [["pip", "install", "${{ inputs.pkg }}"]]),
        ("pip install a &>/dev/null & uv sync", [["pip", "install", "a"], ["uv", "sync"]]),
        ("pip install a |& tee log", [["pip", "install", "a"], ["tee", "log"]]),
        ("diff <(pip freeze) x", [["diff", "<(pip freeze)", "x"], ["pip", "freeze"]]),
        # a backslash inside single quotes is a character: the quote still closes there
        ("V=$(echo 'a\\') pip install requests", [["pip", "install", "requests"], ["echo", "a\\"]]),
        (
            "echo $(printf 'x\\') 'pip install requests'",
            [["echo", "$(printf 'x\\')", "pip install requests"], ["printf", "x\\"]],
        ),
    ],
)
def test_forms(script: str, expected: list[list[str]]) -> None:
    assert [[w.text for w in c.words] for c in commands(script)] == expected


def test_assignments_and_offsets() -> None:
    script = "A=1 B='x y' pip install  c"
    (command,) = commands(script, base=10)
    assert [w.text for w in command.assignments] == ["A=1", "B=x y"]
    assert [w.text for w in command.words] == ["pip", "install", "c"]
    last = command.words[-1]
    assert (last.start, last.end) == (10 + script.index(" c") + 1, 10 + len(script))
    assert not last.opaque
    assert commands("pip install $PKG")[0].words[-1].opaque
