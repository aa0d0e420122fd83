"""Hostile and broken inputs to the core parsers: each case once crashed, hung, blew up
memory or gave a useless position, and is now a clear InputError (SCH001)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from supply_chain_hooks import fast_yaml, toml_doc, yaml_doc
from supply_chain_hooks.source import InputError, decode
from tests.conftest import ROOT, write


def _yaml_error(text: str) -> InputError:
    with pytest.raises(InputError) as error:
        yaml_doc.parse(decode("f", text.encode()))
    return error.value


def _toml_error(text: str, *, index: bool) -> InputError:
    with pytest.raises(InputError) as error:
        if index:
            toml_doc.TomlIndex(text)
        else:
            toml_doc.load(decode("f", text.encode()))
    return error.value


# -- YAML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        # The reader's error was two lines long and pointed at 1:1.
        ("a: b\nc: \x01\n", "invalid YAML: character U+0001 is not allowed in YAML", 2, 4),
        ("é: b\nc: \x7f", "invalid YAML: character U+007F is not allowed in YAML", 2, 4),
        # YAML breaks lines at U+2028 too; positions are counted as every other finding's.
        ("a: 1\u2028\u2028b: [\n", "invalid YAML: did not find expected node content", 2, 1),
        ("x: \x85\x85\na: {\n", "invalid YAML: did not find expected node content", 3, 1),
        # Said only "second occurrence".
        ("a: &x 1\nb: &x 2\n", "invalid YAML: duplicate anchor (first defined on line 1)", 2, 4),
    ],
)
def test_yaml_errors_are_one_clear_line_at_the_right_place(
    text: str, message: str, line: int, column: int
) -> None:
    error = _yaml_error(text)
    assert (error.message, error.line, error.column) == (message, line, column)


def test_yaml_larger_than_the_limit_is_not_parsed() -> None:
    text = "on: push\nx: [" + "1," * (yaml_doc.MAX_CHARS // 2) + "]\n"
    error = _yaml_error(text)
    assert error.message == "YAML file is larger than 2 MiB, not checked"


SHAPES = {
    # n nested collections under the top mapping (n + 1 levels in all, the root being level 1)
    "flow": lambda n: "a: " + "[" * n + "]" * n,
    "compact block": lambda n: "a:\n  " + "- " * n + "x\n",
    "indented block": lambda n: (
        "".join(" " * d + "k:\n" for d in range(n + 1)) + " " * (n + 1) + "v\n"
    ),
}


def _depth(text: str) -> int:
    node = yaml_doc.parse(decode("f", text.encode())).root
    depth = 0
    while node is not None and node.id != "scalar":  # type: ignore[attr-defined]
        depth += 1
        if not node.value:  # type: ignore[attr-defined]
            break
        last = node.value[-1]  # type: ignore[attr-defined]
        node = last[1] if isinstance(last, tuple) else last
    return depth


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_nesting_up_to_the_limit_is_composed_every_level(shape: str) -> None:
    # 99 collections and the scalar at the bottom: 100 levels, the most that is composed
    assert _depth(SHAPES[shape](yaml_doc.MAX_DEPTH - 2)) == yaml_doc.MAX_DEPTH - 1


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("nested", [yaml_doc.MAX_DEPTH, 1000])
def test_nesting_past_the_limit_is_always_one_error(shape: str, nested: int) -> None:
    """Past 100 levels is SCH001 whatever else the file holds (docs/guarantees.md)."""
    error = _yaml_error(SHAPES[shape](nested))
    assert error.message == "invalid YAML: nested more than 100 levels deep"


#: Shapes for the depth bound, some of them spending a level without a bracket or indent.
BOUND_SHAPES = {
    **SHAPES,
    "flow pairs": lambda n: "a: " + "[b: " * n + "c" + "]" * n,
    "mapping in sequence": lambda n: (
        "".join(" " * (2 * d) + "- k:\n" for d in range(n)) + " " * (2 * n + 2) + "x\n"
    ),
    "deep indent, shallow tree": lambda n: "a:\n" + " " * n + "b: [c]\n",
}


@pytest.mark.parametrize("shape", sorted(BOUND_SHAPES))
@pytest.mark.parametrize("n", range(20, 110, 3))
def test_the_depth_bound_never_skips_a_tree_too_deep(shape: str, n: int) -> None:
    """may_nest_too_deep lets parsing skip the walk of too_deep: it must be an upper bound."""
    text = BOUND_SHAPES[shape](n)
    root = yaml_doc._compose(text)
    if not yaml_doc.may_nest_too_deep(text):
        assert yaml_doc.too_deep(root) is None  # type: ignore[arg-type]
    fast = slow = "parsed"
    try:
        fast_yaml.parse(decode("f", text.encode()))
    except InputError as error:
        fast = error.message
    try:
        yaml_doc.parse(decode("f", text.encode()))
    except InputError as error:
        slow = error.message
    assert fast == slow
    deep = yaml_doc.too_deep(root) is not None  # type: ignore[arg-type]
    assert slow == ("invalid YAML: nested more than 100 levels deep" if deep else "parsed")


def test_long_lines_with_shallow_nesting_still_parse() -> None:
    """The generated `*.lock.yml` workflows carry 8,000-character JSON lines."""
    line = "          printf '%s' '" + '{"a":[1,2,{"b":"c"}]}' * 400 + "'"
    text = "on: push\njobs:\n  j:\n    steps:\n      - run: |\n" + line + "\n"
    document = yaml_doc.parse(decode("f", text.encode()))
    assert yaml_doc.value(document.root, "on") is not None


DEEP_YAML = {
    "flow": b"on: pull_request_target\nx: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "mapping": b"on: pull_request_target\nx: " + b"{a: " * 100_000 + b"1" + b"}" * 100_000,
    "compact block": b"on: pull_request_target\nx:\n  " + b"- " * 200_000 + b"x\n",
    # libyaml also breaks lines at CR, NEL, LS and PS.
    "compact block after CR": b"on: pull_request_target\nx:\r  " + b"- " * 200_000 + b"x\n",
    "compact block after LS": "on: pull_request_target\nx:\u2028  ".encode()
    + b"- " * 200_000
    + b"x\n",
    "many nodes": b"on: pull_request_target\nx: [" + b"1," * 1_100_000 + b"]\n",
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


def test_hostile_yaml_is_reported_within_memory_and_time(repo: Path) -> None:
    """200,000 levels of nesting crashed the interpreter (segmentation fault in the C
    composer); a wide flow list took 740 MB per 5 MB (4.7 GB at the 32 MiB file limit).
    In a child with 1 GiB of address space and a time limit, each is one SCH001 line."""
    for name, data in DEEP_YAML.items():
        write(repo, f".github/workflows/{name.replace(' ', '-')}.yml", data)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "supply_chain_hooks.hooks.forbid_pull_request_target",
            *sorted(str(p.relative_to(repo)) for p in (repo / ".github/workflows").iterdir()),
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr == ""
    deep = "SCH001 invalid YAML: nested more than 100 levels deep"
    assert completed.stdout.splitlines() == [
        f".github/workflows/compact-block-after-CR.yml:2:204: {deep}",
        f".github/workflows/compact-block-after-LS.yml:2:204: {deep}",
        f".github/workflows/compact-block.yml:3:201: {deep}",
        f".github/workflows/flow.yml:2:103: {deep}",
        ".github/workflows/many-nodes.yml:1:1: SCH001 YAML file is larger than 2 MiB, not checked",
        f".github/workflows/mapping.yml:2:397: {deep}",
        f"Found {len(DEEP_YAML)} problems.",
    ]


# -- TOML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", [False, True], ids=["load", "TomlIndex"])
@pytest.mark.parametrize(
    "text",
    ["a = " + "[" * 1000 + "]" * 1000 + "\n", "a = " + "{b=" * 1000 + "1" + "}" * 1000 + "\n"],
    ids=["arrays", "inline tables"],
)
def test_toml_deep_nesting_is_an_input_error(text: str, index: bool) -> None:
    # Raised RecursionError, which only the runner's error boundary turned into SCH001.
    assert _toml_error(text, index=index).message == "invalid TOML: nesting too deep"


def test_toml_index_bad_key_escape_is_an_input_error() -> None:
    # Raised tomllib.TOMLDecodeError out of TomlIndex.
    error = _toml_error('a = 1\n"\\q" = 1\n', index=True)
    assert (error.message, error.line, error.column) == (
        "invalid TOML: a quoted key is not a valid string",
        2,
        1,
    )


def test_toml_index_empty_key_has_no_negative_offsets() -> None:
    index = toml_doc.TomlIndex("= 1\n[t]\n= 2\nb = 3\n")
    assert all(entry.key_start >= 0 for entry in index.entries.values())
    assert index.get("t", "b") is not None


def test_toml_index_token_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml_doc, "MAX_TOKENS", 10)
    assert toml_doc.TomlIndex("a = [1, 2, 3]\n").get("a", 2) is not None
    error = _toml_error("a = [1, 2, 3, 4, 5, 6]\n", index=True)
    assert error.message == "TOML file has more than 10 tokens, not checked"


UNTERMINATED = {
    "basic": '"\\' * 100_000,
    "multi-line basic": '\\"""\n' * 40_000,
}


@pytest.mark.parametrize("name", sorted(UNTERMINATED))
def test_toml_index_of_unterminated_strings_is_linear(name: str) -> None:
    """Each unterminated string was re-scanned from every quote: about 40 s for these
    200 KB (quadratic). A child process with a time limit proves it is bounded now."""
    code = (
        "import sys\n"
        "from supply_chain_hooks import toml_doc\n"
        "from supply_chain_hooks.source import InputError\n"
        "try:\n"
        "    toml_doc.TomlIndex(sys.stdin.read())\n"
        "except InputError:\n"
        "    pass\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        input="a = 1\n" + UNTERMINATED[name],
        text=True,
        capture_output=True,
        timeout=20,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr


# -- output --------------------------------------------------------------------------------------


def test_file_name_that_is_not_utf8_does_not_crash_a_strict_terminal(repo: Path) -> None:
    """With a UTF-8 terminal that is strict (en_US.UTF-8), printing a file name that is not
    valid UTF-8 raised UnicodeEncodeError after the checks had run."""
    name = os.fsdecode(b".github/workflows/\xff.yml")
    write(repo, name, "on: pull_request_target\njobs: {}\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    completed = subprocess.run(
        [sys.executable, "-m", "supply_chain_hooks", "check", name],
        cwd=repo,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.startswith(b".github/workflows/\\udcff.yml:1:5: SCH111 ")
    assert b"Traceback" not in completed.stderr
