"""The vendored Ruff rule tables and selector semantics (specificity, redirects, preview)."""

from __future__ import annotations

import pytest

from supply_chain_hooks.ruff import table as ruff_table
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.selection import Entry, RuleSelection, compute
from supply_chain_hooks.ruff.table import (
    ALL,
    CATEGORY,
    LINTER,
    LINTER_GROUP,
    PREFIX1,
    PREFIX2,
    PREFIX4,
    RULE,
    SelectorError,
)

TABLE = ruff_table.load((0, 17, 6))
HERE = Origin("ruff.toml", (), "test")


def labels(indices: frozenset[int] | set[int]) -> set[str]:
    return {TABLE.rules[i].label for i in indices}


def s_labels(indices: frozenset[int] | set[int]) -> set[str]:
    return {label for label in labels(indices) if label[:1] == "S" and label[1:].isdigit()}


def test_vendored_versions_and_choice() -> None:
    assert ruff_table.versions() == [(0, 15, 22), (0, 16, 10), (0, 17, 6)]
    assert ruff_table.choose(None) == (0, 17, 6)
    assert ruff_table.choose((0, 17, 2)) == (0, 17, 6)  # same minor series
    assert ruff_table.choose((0, 16, 3)) == (0, 16, 10)
    assert ruff_table.choose((0, 18, 0)) == (0, 17, 6)  # newer than any table: the newest
    assert ruff_table.choose((0, 9, 0)) == (0, 15, 22)  # older than any table: the oldest


def test_s_rules_of_0_17_6() -> None:
    assert len(TABLE.stable_s) == 58
    preview = {TABLE.rules[i].label for i in TABLE.s_rules if TABLE.rules[i].status == "preview"}
    removed = {TABLE.rules[i].label for i in TABLE.s_rules if TABLE.rules[i].status == "removed"}
    assert len(preview) == 13
    assert "S404" in preview
    assert removed == {"S320", "S410"}
    assert s_labels(TABLE.default_rules(preview=False, explicit=False)) == {"S102", "S110", "S112"}
    assert len(TABLE.default_rules(preview=False, explicit=False)) == 407


def test_defaults_differ_between_versions() -> None:
    old = ruff_table.load((0, 15, 22))
    assert len(old.default_rules(preview=False, explicit=False)) == 59
    assert not {old.rules[i].label for i in old.default_rules(False, False)} & {
        "S102",
        "S110",
        "S112",
    }


@pytest.mark.parametrize(
    ("text", "specificity", "count"),
    [
        ("ALL", ALL, len(TABLE.rules)),
        ("C", LINTER_GROUP, None),
        ("S", LINTER, 73),
        ("S1", PREFIX1, 11),
        ("S10", PREFIX2, 8),
        ("S101", RULE, 1),
        ("E", PREFIX1, None),  # pycodestyle has two prefixes: "E" is a 1-char prefix
        ("PLR0911", RULE, 1),
        ("PLR091", PREFIX4, None),
        ("SIM", LINTER, None),  # not a prefix of S
    ],
)
def test_selector_specificity(text: str, specificity: int, count: int | None) -> None:
    selector = TABLE.parse(text, preview=False)
    assert selector.specificity == specificity
    if count is not None:
        assert len(selector.members) == count


def test_redirects() -> None:
    pgh = TABLE.parse("PGH001", preview=False)
    assert labels(pgh.members) == {"S307"}
    assert pgh.specificity == RULE
    assert pgh.redirected_from == "PGH001"
    assert labels(TABLE.parse("RUF035", preview=False).members) == {"S704"}
    assert TABLE.parse("TCH", preview=False).specificity == LINTER  # -> TC


def test_selector_errors() -> None:
    for text in ("S9999", "SI", "s", "XYZ1"):
        with pytest.raises(SelectorError) as error:
            TABLE.parse(text, preview=False)
        assert error.value.unknown
    with pytest.raises(SelectorError) as error:
        TABLE.parse("exec-builtin", preview=False)
    assert not error.value.unknown and "preview" in error.value.message
    with pytest.raises(SelectorError):
        TABLE.parse("security", preview=False)
    assert TABLE.parse("exec-builtin", preview=True).exact
    assert TABLE.parse("security", preview=True).specificity == CATEGORY


def test_preview_rules_need_preview_and_explicit_selection() -> None:
    s = TABLE.parse("S", preview=True)
    assert len(s_labels(TABLE.selected(s, preview=False, explicit=False))) == 58
    assert len(s_labels(TABLE.selected(s, preview=True, explicit=False))) == 71
    assert len(s_labels(TABLE.selected(s, preview=True, explicit=True))) == 58
    s404 = TABLE.parse("S404", preview=True)
    assert s_labels(TABLE.selected(s404, preview=True, explicit=True)) == {"S404"}
    assert s_labels(TABLE.selected(TABLE.parse("S41", preview=True), True, True)) == set()
    # Removed rules only through their exact code (and then Ruff stops with an error).
    assert s_labels(TABLE.selected(TABLE.parse("S410", preview=False), False, False)) == {"S410"}
    assert "S410" not in s_labels(TABLE.selected(s, preview=True, explicit=False))


def selection(
    select: list[str] | None = None, extend: list[str] = (), ignore: list[str] = ()
) -> RuleSelection:  # type: ignore[assignment]
    def entries(items: list[str]) -> tuple[Entry, ...]:
        return tuple(Entry(TABLE.parse(item, preview=False), HERE) for item in items)

    return RuleSelection(
        origin=HERE,
        select=None if select is None else entries(select),
        select_origin=HERE if select is not None else None,
        extend_select=entries(list(extend)),
        ignore=entries(list(ignore)),
    )


@pytest.mark.parametrize(
    ("selections", "expected"),
    [
        ([selection(["S"])], 58),  # R1
        ([selection(extend=["S"])], 58),  # R2
        ([selection(["E4", "E7", "E9", "F"])], 0),  # R2b
        ([selection(["S"], ignore=["S1"])], 47),  # R3
        ([selection(["S101"], ignore=["S"])], 1),  # R4
        ([selection(["S"], ignore=["S"])], 0),  # R5
        ([selection(["ALL"], ignore=["S"])], 0),  # R6
        ([selection(["ALL"])], 58),  # R7
        ([selection(["S1"], extend=["S101"], ignore=["S10"])], 4),  # R8
        ([selection(["S"], ignore=["PGH001", "RUF035"])], 56),  # R10
        ([selection([], ignore=["S"])], 0),  # R26
        ([selection([], ignore=["S"]), selection(["S"])], 0),  # C6: carried-over ignore
        ([selection(ignore=["S"]), selection(["S"])], 58),  # a parent ignore is discarded
        ([selection(["S"], ignore=["S"]), selection(extend=["S1"])], 11),  # C7
        ([selection(["S"]), selection(ignore=["S"])], 0),  # C8
        ([selection(extend=["S"]), selection(["E", "F"])], 0),  # C10
        ([selection(["S"]), selection(ignore=["S101"]), selection(extend=["S101"])], 58),  # C5
    ],
)
def test_selection_like_ruff(selections: list[RuleSelection], expected: int) -> None:
    resolved = compute(TABLE, selections, preview=False, explicit=False)
    assert len(s_labels(resolved.enabled)) == expected


def test_selection_explains_disabled_rules() -> None:
    ignore_s1 = selection(["S"], ignore=["S1"])
    resolved = compute(TABLE, [ignore_s1], preview=False, explicit=False, track=TABLE.s_rules)
    s105 = TABLE.by_code["S105"]
    why = resolved.why_not[s105]
    assert why.ignored_by is not None and why.ignored_by.selector.text == "S1"
    resolved = compute(
        TABLE, [selection(["E"])], preview=False, explicit=False, track=TABLE.s_rules
    )
    assert resolved.why_not[s105].left_out_by is not None
    resolved = compute(TABLE, [], preview=False, explicit=False, track=TABLE.s_rules)
    assert resolved.why_not[s105].ignored_by is None and resolved.why_not[s105].left_out_by is None


def test_removed_rule_selected_is_an_error() -> None:
    resolved = compute(TABLE, [selection(["S", "S410"])], preview=False, explicit=False)
    assert resolved.errors and "S410" in resolved.errors[0][0]
    resolved = compute(TABLE, [selection(["S"], ignore=["S320"])], preview=False, explicit=False)
    assert not resolved.errors
