"""uv 0.13.9's `exclude-newer` values: what uv accepts where, and what it makes of them.

uv (``ExcludeNewerValue::from_str`` in ``uv-distribution-types``) tries, in order:

1. a jiff ``Timestamp`` (RFC 3339 / RFC 9557: a date, a time and an offset);
2. a jiff ``civil::Date`` (any Temporal date-time string without a ``Z``: the time and a
   numeric offset are parsed and *dropped*); the cutoff is the next midnight in the
   machine's time zone;
3. a jiff ``Span`` (ISO 8601 ``P…`` durations, or jiff's "friendly" durations such as
   ``7 days``); years and months are refused, and the span must fit before
   ``-9999-01-01`` when subtracted from now.

The grammars themselves are ported in :mod:`supply_chain_hooks.uv.jiff`; this module holds
uv's side: the order above, uv's own error messages and how it classifies a failure, the
``false`` and ``{ timestamp, span }`` forms, and the cutoff a value means now.
:func:`parse` takes the string form, :func:`parse_setting` a value as ``tomllib`` returns it.
Nothing here raises on bad input: every entry point returns a typed value or an
:class:`Invalid` carrying uv's reason.
"""

from __future__ import annotations

import datetime as _dt
import enum
import time

from supply_chain_hooks.model import Record
from supply_chain_hooks.uv.jiff import spans, temporal
from supply_chain_hooks.uv.jiff.scan import Fail
from supply_chain_hooks.uv.jiff.values import FixedOffset as FixedOffset
from supply_chain_hooks.uv.jiff.values import LocalOffset as LocalOffset
from supply_chain_hooks.uv.jiff.values import Span as Span
from supply_chain_hooks.uv.jiff.values import Timestamp as Timestamp
from supply_chain_hooks.uv.jiff.values import (
    Unit,
    ceil_total,
    format_date,
    next_local_midnight,
    subtract,
    system_offset,
)


class Kind(enum.Enum):
    TIMESTAMP = "timestamp"
    DATE = "date"
    SPAN = "span"


class Cutoff(Record):
    """A value uv accepts: an absolute cutoff (timestamp or date) or a relative span."""

    kind: Kind
    #: The absolute cutoff (TIMESTAMP and DATE; also the table form's `timestamp`).
    timestamp: Timestamp | None = None
    #: The relative span (SPAN).
    span: Span | None = None
    #: The civil date (DATE), as (year, month, day).
    date: tuple[int, int, int] | None = None
    #: A DATE that was written with a time (and no `Z`): uv silently drops the time.
    dropped_time: bool = False

    @property
    def is_relative(self) -> bool:
        return self.kind is Kind.SPAN

    def cutoff_nanoseconds(self, now_ns: int | None = None) -> int:
        """The effective cutoff instant uv computes now, in nanoseconds since the epoch."""
        if self.span is None:
            assert self.timestamp is not None  # noqa: S101 - invariant of the constructors
            return self.timestamp.total_nanoseconds
        now = time.time_ns() if now_ns is None else now_ns
        subtracted = subtract(now, self.span)
        # uv: `now.checked_sub(span.abs()).map_or(now, ...)`: an overflow means "now".
        return now if isinstance(subtracted, str) else subtracted

    def cooldown_nanoseconds(self, now_ns: int | None = None) -> int:
        """How long ago the cutoff is (negative when the cutoff is in the future)."""
        now = time.time_ns() if now_ns is None else now_ns
        return now - self.cutoff_nanoseconds(now)

    def describe(self) -> str:
        if self.span is not None:
            return f"span {self.span.iso()}"
        assert self.timestamp is not None  # noqa: S101
        return f"timestamp {self.timestamp.iso()}"


class Disabled(Record):
    """`exclude-newer = false`: no cutoff at all."""


class Invalid(Record):
    """A value uv refuses, with uv's own reason."""

    reason: str


Setting = Cutoff | Disabled | Invalid

# -- entry points ----------------------------------------------------------------------------


def parse(
    text: str, *, now_ns: int | None = None, local_offset: LocalOffset | None = None
) -> Cutoff | Invalid:
    """Parse a string exactly as uv's ``ExcludeNewerValue::from_str``."""
    data = text.encode("utf-8")
    timestamp = temporal.parse_timestamp(data)
    if isinstance(timestamp, Timestamp):
        return Cutoff(Kind.TIMESTAMP, timestamp=timestamp)
    date_result = temporal.parse_date(data)
    if not isinstance(date_result, Fail):
        (year, month, day), dropped_time = date_result
        converted = next_local_midnight(year, month, day, local_offset or system_offset)
        if isinstance(converted, str):
            return Invalid(
                f"`{text}` parsed to date `{format_date(year, month, day)}`, "
                f"but could not be converted to a timestamp: {converted}"
            )
        return Cutoff(
            Kind.DATE, timestamp=converted, date=(year, month, day), dropped_time=dropped_time
        )
    span = spans.parse_span(data)
    if isinstance(span, Span):
        now = time.time_ns() if now_ns is None else now_ns
        if span.years:
            days = ceil_total(span, Unit.YEAR, now) * 365
            return Invalid(
                f"Duration `{text}` uses unit 'years' which is not allowed; "
                f"use days instead, e.g., `{days} days`."
            )
        if span.months:
            days = ceil_total(span, Unit.MONTH, now) * 30
            return Invalid(
                f"Duration `{text}` uses 'months' which is not allowed; "
                f"use days instead, e.g., `{days} days`."
            )
        subtracted = subtract(now, span)
        if isinstance(subtracted, str):
            return Invalid(
                f"Duration `{text}` is too large to subtract from current time: {subtracted}"
            )
        return Cutoff(Kind.SPAN, span=span)
    return Invalid(_format_error(text, date_result.message, span.message))


def parse_cli(
    text: str, *, now_ns: int | None = None, local_offset: LocalOffset | None = None
) -> Setting:
    """The command line and `UV_EXCLUDE_NEWER` form: the string `false` disables."""
    if text == "false":
        return Disabled()
    return parse(text, now_ns=now_ns, local_offset=local_offset)


def parse_setting(
    value: object, *, now_ns: int | None = None, local_offset: LocalOffset | None = None
) -> Setting:
    """A TOML value (as tomllib returns it) as uv deserializes ``ExcludeNewerOverride``."""
    if isinstance(value, bool):
        return (
            Disabled()
            if not value
            else Invalid("expected false to disable exclude-newer, got true")
        )
    if isinstance(value, str):
        return parse(value, now_ns=now_ns, local_offset=local_offset)
    if isinstance(value, dict):
        return _table_form(value)
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        # The TOML deserializer presents a datetime literal as a map with a private key.
        return Invalid("missing field `timestamp`")
    return Invalid(f"invalid type: {unexpected(value)}, expected {_EXPECTED_SETTING}")


def parse_span(text: str) -> Span | Invalid:
    """A jiff ``Span`` from ISO 8601 or the friendly format (no uv checks), e.g. from uv.lock."""
    result = spans.parse_span(text.encode("utf-8"))
    return Invalid(result.message) if isinstance(result, Fail) else result


def parse_timestamp(text: str) -> Timestamp | Invalid:
    """A jiff ``Timestamp`` (RFC 3339 with an offset), e.g. from uv.lock."""
    result = temporal.parse_timestamp(text.encode("utf-8"))
    return Invalid(result.message) if isinstance(result, Fail) else result


_EXPECTED_SETTING = (
    "a date/timestamp/duration string, false to disable exclude-newer, "
    "or a table with timestamp/span"
)


def unexpected(value: object) -> str:
    """serde's `Unexpected` rendering of a TOML value."""
    if isinstance(value, bool):
        return f"boolean `{str(value).lower()}`"
    if isinstance(value, int):
        return f"integer `{value}`"
    if isinstance(value, float):
        text = repr(value)
        if text in ("inf", "-inf", "nan"):
            text = {"inf": "inf", "-inf": "-inf", "nan": "NaN"}[text]
        return f"floating point `{text}`"
    if isinstance(value, list):
        return "sequence"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, str):
        return f"string {value!r}"
    return "map"


def _table_form(table: dict[object, object]) -> Setting:
    """`{ timestamp = "...", span = "..." }`: span wins when present; extra keys are ignored."""
    if "timestamp" not in table:
        return Invalid("missing field `timestamp`")
    raw = table["timestamp"]
    if not isinstance(raw, str):
        kind = "map" if isinstance(raw, _dt.datetime | _dt.date | _dt.time) else unexpected(raw)
        return Invalid(f"invalid type: {kind}, expected a timestamp string")
    timestamp = temporal.parse_timestamp(raw.encode("utf-8"))
    if isinstance(timestamp, Fail):
        return Invalid(timestamp.message)
    span_value = table.get("span")
    if span_value is None:
        return Cutoff(Kind.TIMESTAMP, timestamp=timestamp)
    if not isinstance(span_value, str):
        kind = (
            "map"
            if isinstance(span_value, _dt.datetime | _dt.date | _dt.time)
            else unexpected(span_value)
        )
        return Invalid(f"invalid type: {kind}, expected a string")
    span = spans.parse_span(span_value.encode("utf-8"))
    if isinstance(span, Fail):
        return Invalid(span.message)
    return Cutoff(Kind.SPAN, timestamp=timestamp, span=span)


# -- uv's classification of a failure ------------------------------------------------------

#: Rust's `char::is_whitespace` (Unicode White_Space).
_WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _format_error(text: str, date_error: str, span_error: str) -> str:
    trimmed = text.strip("".join(_WHITESPACE))
    after_sign = trimmed.lstrip("+-")
    if after_sign.startswith(("P", "p")):
        return f"`{text}` could not be parsed as an ISO 8601 duration: {span_error}"
    rest = after_sign.lstrip("".join(_WHITESPACE))
    if rest[:1].isascii() and rest[:1].isdigit():
        index = 0
        while index < len(rest) and rest[index].isascii() and rest[index].isdigit():
            index += 1
        while index < len(rest) and rest[index] in _WHITESPACE:
            index += 1
        if index < len(rest) and rest[index].isascii() and rest[index].isalpha():
            return f"`{text}` could not be parsed as a duration: {span_error}"
    head = after_sign[:5]
    if len(head) == 5 and all(c.isascii() and c.isdigit() for c in head[:4]) and head[4] == "-":
        return f"`{text}` could not be parsed as a valid date: {date_error}"
    return (
        f"`{text}` could not be parsed as a valid exclude-newer value (expected a date like "
        "`2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` "
        "or `P3D`)"
    )
