"""model.Record: declared like a frozen dataclass, built without importing dataclasses."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from supply_chain_hooks.model import Edit, Finding, FixAvailability, Location, Record, Rule, field


class Point(Record):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    _cache: list[int] = field(init=False, compare=False, default_factory=list)


@dataclasses.dataclass(frozen=True)
class DataPoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


class Written(Record):
    """A Record with its own slots and __init__ (as a family may still have)."""

    __match_args__ = ("value",)
    __slots__ = __match_args__
    value: int

    def __init__(self, value: int) -> None:
        object.__setattr__(self, "value", value * 2)


def test_a_record_behaves_as_the_frozen_dataclass_it_is_declared_as() -> None:
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((1,), {"tags": ("a",)}), ((), {"x": 3})]:
        ours, theirs = Point(*args, **kwargs), DataPoint(*args, **kwargs)  # type: ignore[arg-type]
        assert repr(ours) == repr(theirs).replace("DataPoint", "Point")
        assert (ours.x, ours.y, ours.tags) == (theirs.x, theirs.y, theirs.tags)
    assert Point.__match_args__ == DataPoint.__match_args__ == ("x", "y", "tags")
    assert Point.__slots__ == ("x", "y", "tags", "_cache")
    assert Point(1) == Point(1, 0, ()) and hash(Point(1)) == hash(Point(1, 0))
    assert Point(1) != Point(2) and Point(1) != DataPoint(1)
    with pytest.raises(AttributeError):
        Point(1).x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del Point(1).x  # type: ignore[misc]
    assert not hasattr(Point(1), "__dict__")


def test_calls_that_do_not_fit_fail_as_python_says() -> None:
    cases = [((), {}), ((1, 2, (), 4), {}), ((1,), {"x": 1}), ((1,), {"z": 1})]
    for args, kwargs in cases:
        with pytest.raises(TypeError) as ours:
            Point(*args, **kwargs)  # type: ignore[arg-type, call-arg, misc]
        with pytest.raises(TypeError) as theirs:
            DataPoint(*args, **kwargs)  # type: ignore[arg-type, call-arg, misc]
        words = ("missing", "positional", "multiple values", "unexpected keyword")
        assert [w in str(ours.value) for w in words] == [w in str(theirs.value) for w in words]


def test_fields_init_does_not_take_get_fresh_defaults() -> None:
    first, second = Point(1), Point(1)
    first._cache.append(5)
    assert second._cache == [] and first == second  # not compared, not shown
    assert "_cache" not in repr(first)


def test_post_init_validates_and_compare_false_is_left_out() -> None:
    with pytest.raises(ValueError, match=r"invalid edit range 3\.\.1"):
        Edit(3, 1, "")
    with pytest.raises(ValueError, match="not of the form SCHnnn"):
        Rule("X1", "name", "hook", "summary", FixAvailability.NONE, "doc")
    one = Rule("SCH001", "name", "hook", "summary", FixAvailability.NONE, "doc")
    other = Rule("SCH001", "name", "hook", "summary", FixAvailability.NONE, "other doc")
    assert one == other and hash(one) == hash(other) and "doc" not in repr(one)


def test_copies_and_pickles_rebuild_through_init() -> None:
    rule = Rule("SCH001", "name", "hook", "summary", FixAvailability.NONE, "doc")
    finding = Finding(rule, "p", Location(1, 2, 3, 4), "m")
    for made in (copy.copy(finding), copy.deepcopy(finding), pickle.loads(pickle.dumps(finding))):  # noqa: S301
        assert made == finding and made.fix is None
    match finding.location:
        case Location(line, column, _, _):
            assert (line, column) == (1, 2)


def test_a_record_with_its_own_init_is_kept_as_written() -> None:
    assert (
        Written(2).value == 4
        and Written(2) == Written(2)
        and repr(Written(1)) == "Written(value=2)"
    )


def test_declarations_that_cannot_work_are_refused() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Order(Record):
            first: int = 0
            second: int

    with pytest.raises(TypeError, match="mutable default"):

        class Shared(Record):
            items: list[int] = []  # noqa: RUF012 - the mistake under test

    with pytest.raises(TypeError, match="init=False and no default"):

        class Unset(Record):
            cache: dict[str, int] = field(init=False)


def test_replace_changes_the_given_fields_as_dataclasses_replace() -> None:
    point = Point(1, 2, ("a",))
    moved = point.replace(y=5)
    expected = dataclasses.replace(DataPoint(1, 2, ("a",)), y=5)
    assert (moved.x, moved.y, moved.tags) == (expected.x, expected.y, expected.tags)
    assert point == Point(1, 2, ("a",))  # unchanged
    assert moved._cache == []  # a field __init__ does not take starts afresh
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        point.replace(z=1)
