"""File-level exemptions, parsed as Ruff 0.17 parses them (table from the research, A4)."""

from __future__ import annotations

import pytest

from supply_chain_hooks.ruff.noqa import could_contain, find

BLANKET = None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# ruff: noqa\n", [BLANKET]),
        ("def f():\n    # ruff: noqa\n    return 1\n", [BLANKET]),  # anywhere, indented
        ("import os\n# ruff: noqa", [BLANKET]),  # at the end, no newline
        ("# flake8: noqa\n", [BLANKET]),
        ("# ruff: NOQA\n", [BLANKET]),
        ("#ruff:noqa\n", [BLANKET]),
        ("# ruff : noqa\n", [BLANKET]),
        ("# ruff: noqa foo\n", [BLANKET]),
        ("# ruff: noqa # why\n", [BLANKET]),
        ("# type: ignore # ruff: noqa\n", [BLANKET]),  # every `#` of a comment is tried
        ("# ruff: noqa: S101, S102\n", [("S101", "S102")]),
        ("# ruff: noqa:S101 S102\n", [("S101", "S102")]),
        ("# ruff: noqa: S101S102\n", [("S101", "S102")]),  # missing delimiter: a warning only
        ("# flake8: noqa: S101\n", [("S101",)]),
        ("# ruff: noqa: S101 because reasons\n", [("S101",)]),
        ("# ruff: file-ignore[S101, S102]\n", [("S101", "S102")]),
        ("# ruff: file-ignore[S] reason\n", [("S",)]),  # parsed; `S` names no rule
        ("# ruff: noqa: S\n", []),  # a prefix is invalid: suppresses nothing
        ("# ruff: noqa:\n", []),
        ("# ruff: noqa: exec-builtin\n", []),
        ("# ruff: noqaX\n", []),
        ("# FLAKE8: NOQA\n", []),  # `flake8` and `ruff` are case-sensitive
        ("# Ruff: noqa\n", []),
        ("x = 1  # ruff: noqa\n", []),  # trailing: not file-level
        ("# noqa\n", []),
        ('s = "# ruff: noqa"\n', []),  # in a string
        ('s = """\n# ruff: noqa\n"""\n', []),  # in a triple-quoted string
        # A backslash-newline continues a quoted string (alone, the line is a directive).
        ("s = 'a\\\n# ruff: noqa \\\n'\n", []),
        ('s = "a\\\n# ruff: noqa \\\n"\n', []),
        ("# ruff: noqa \\\n", [BLANKET]),
        ("  # ruff: file-ignore[S101]\n", []),  # file-ignore only at column 0
        ("# x # ruff: file-ignore[S101]\n", []),  # ... and only first in its comment
        ("# ruff: disable[S101]\n", []),  # a range suppression, not file-level
    ],
)
def test_file_exemptions(text: str, expected: list[tuple[str, ...] | None]) -> None:
    assert [exemption.codes for exemption in find(text)] == expected


def test_positions() -> None:
    found = find("import os\n\ndef f():\n    # ruff: noqa: S603\n")
    assert [(e.line, e.column, e.text) for e in found] == [(4, 5, "# ruff: noqa: S603")]
    nested = find("# type: ignore # ruff: noqa\n")
    assert (nested[0].line, nested[0].column) == (1, 16)


def test_cheap_prefilter() -> None:
    assert could_contain(b"# ruff: noqa")
    assert could_contain(b"# flake8: noqa")
    assert not could_contain(b"# noqa: E501\nimport os\n")
