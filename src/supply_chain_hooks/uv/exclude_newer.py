"""uv 0.13.9's `exclude-newer` values, parsed exactly as uv parses them.

uv (``ExcludeNewerValue::from_str`` in ``uv-distribution-types``) tries, in order:

1. a jiff ``Timestamp`` (RFC 3339 / RFC 9557: a date, a time and an offset);
2. a jiff ``civil::Date`` (any Temporal date-time string without a ``Z``: the time and a
   numeric offset are parsed and *dropped*); the cutoff is the next midnight in the
   machine's time zone;
3. a jiff ``Span`` (ISO 8601 ``P…`` durations, or jiff's "friendly" durations such as
   ``7 days``); years and months are refused, and the span must fit before
   ``-9999-01-01`` when subtracted from now.

This module re-implements those three grammars (jiff 0.2.38, the version uv 0.13.9 is
built with) and uv's error messages. :func:`parse` takes the string form,
:func:`parse_setting` a value as ``tomllib`` returns it (``false``, strings, the
``{ timestamp, span }`` table). Nothing here raises on bad input: every entry point
returns a typed value or an :class:`Invalid` carrying uv's reason.
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
import time
from dataclasses import dataclass

# -- the typed result ----------------------------------------------------------------------


class Unit(enum.IntEnum):
    NANOSECOND = 0
    MICROSECOND = 1
    MILLISECOND = 2
    SECOND = 3
    MINUTE = 4
    HOUR = 5
    DAY = 6
    WEEK = 7
    MONTH = 8
    YEAR = 9

    @property
    def singular(self) -> str:
        return _SINGULAR[self]

    @property
    def plural(self) -> str:
        return _SINGULAR[self] + "s"


_SINGULAR = {
    Unit.NANOSECOND: "nanosecond",
    Unit.MICROSECOND: "microsecond",
    Unit.MILLISECOND: "millisecond",
    Unit.SECOND: "second",
    Unit.MINUTE: "minute",
    Unit.HOUR: "hour",
    Unit.DAY: "day",
    Unit.WEEK: "week",
    Unit.MONTH: "month",
    Unit.YEAR: "year",
}
#: Nanoseconds in each time unit (days and weeks are 24-hour days in UTC, as uv uses them).
_UNIT_NANOS = {
    Unit.NANOSECOND: 1,
    Unit.MICROSECOND: 1_000,
    Unit.MILLISECOND: 1_000_000,
    Unit.SECOND: 1_000_000_000,
    Unit.MINUTE: 60_000_000_000,
    Unit.HOUR: 3_600_000_000_000,
    Unit.DAY: 86_400_000_000_000,
    Unit.WEEK: 7 * 86_400_000_000_000,
}
#: jiff's per-unit limits of a Span (each is about 20,000 years).
_SPAN_MAX = {
    Unit.YEAR: 19_998,
    Unit.MONTH: 239_976,
    Unit.WEEK: 1_043_497,
    Unit.DAY: 7_304_484,
    Unit.HOUR: 175_307_616,
    Unit.MINUTE: 10_518_456_960,
    Unit.SECOND: 631_107_417_600,
    Unit.MILLISECOND: 631_107_417_600_000,
    Unit.MICROSECOND: 631_107_417_600_000_000,
    Unit.NANOSECOND: 9_223_372_036_854_775_807,
}
_I64_MAX = 9_223_372_036_854_775_807
_U64_MAX = 18_446_744_073_709_551_615

#: jiff's Timestamp range, in seconds since the Unix epoch.
TIMESTAMP_MIN = -377_705_023_201
TIMESTAMP_MAX = 253_402_207_200
#: jiff's civil date range, in days since the Unix epoch (-9999-01-01 ..= 9999-12-31).
EPOCH_DAYS_MIN = -4_371_587
EPOCH_DAYS_MAX = 2_932_896
_NANOS = 1_000_000_000
_DAY = 86_400


@dataclass(frozen=True, slots=True)
class Span:
    """A jiff Span: unit magnitudes plus one sign (``negative``), compared fieldwise."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0
    milliseconds: int = 0
    microseconds: int = 0
    nanoseconds: int = 0
    negative: bool = False

    def values(self) -> tuple[int, ...]:
        return (self.years, self.months, self.weeks, self.days, self.hours, self.minutes,
                self.seconds, self.milliseconds, self.microseconds, self.nanoseconds)  # fmt: skip

    @property
    def is_zero(self) -> bool:
        return not any(self.values())

    @property
    def has_calendar_units(self) -> bool:
        """Years or months: lengths that depend on the date they are counted from."""
        return bool(self.years or self.months)

    def fixed_nanoseconds(self) -> int:
        """The magnitude in nanoseconds of the weeks..nanoseconds part (UTC days)."""
        return (
            (self.weeks * 7 + self.days) * _DAY * _NANOS
            + self.hours * 3_600 * _NANOS
            + self.minutes * 60 * _NANOS
            + self.seconds * _NANOS
            + self.milliseconds * 1_000_000
            + self.microseconds * 1_000
            + self.nanoseconds
        )

    def iso(self) -> str:
        """jiff's ISO 8601 rendering, as uv writes it into uv.lock (`P7D`, `P1W`, `PT0S`)."""
        if self.is_zero:
            return "PT0S"
        out = ["-" if self.negative else "", "P"]
        for value, letter in ((self.years, "Y"), (self.months, "M"), (self.weeks, "W"),
                              (self.days, "D")):  # fmt: skip
            if value:
                out.append(f"{value}{letter}")
        subsecond = self.milliseconds * 1_000_000 + self.microseconds * 1_000 + self.nanoseconds
        if self.hours or self.minutes or self.seconds or subsecond:
            out.append("T")
            if self.hours:
                out.append(f"{self.hours}H")
            if self.minutes:
                out.append(f"{self.minutes}M")
            if self.seconds or subsecond:
                seconds = self.seconds + subsecond // _NANOS
                fraction = subsecond % _NANOS
                text = str(seconds)
                if fraction:
                    text += "." + f"{fraction:09d}".rstrip("0")
                out.append(text + "S")
        return "".join(out)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True, order=True)
class Timestamp:
    """An instant: seconds since the Unix epoch (UTC) and a nanosecond remainder."""

    seconds: int
    nanoseconds: int = 0

    @property
    def total_nanoseconds(self) -> int:
        return self.seconds * _NANOS + self.nanoseconds

    @classmethod
    def from_nanoseconds(cls, total: int) -> Timestamp:
        seconds, nanoseconds = divmod(total, _NANOS)
        return cls(seconds, nanoseconds)

    def iso(self) -> str:
        """jiff's rendering, as uv writes it: `2025-01-01T00:00:00Z`."""
        days, rest = divmod(self.seconds, _DAY)
        year, month, day = civil_from_days(days)
        hour, rest = divmod(rest, 3_600)
        minute, second = divmod(rest, 60)
        text = f"{_format_year(year)}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        if self.nanoseconds:
            text += "." + f"{self.nanoseconds:09d}".rstrip("0")
        return text + "Z"

    def __str__(self) -> str:
        return self.iso()


class Kind(enum.Enum):
    TIMESTAMP = "timestamp"
    DATE = "date"
    SPAN = "span"


@dataclass(frozen=True, slots=True)
class Cutoff:
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
        subtracted = _subtract(now, self.span)
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


@dataclass(frozen=True, slots=True)
class Disabled:
    """`exclude-newer = false`: no cutoff at all."""


@dataclass(frozen=True, slots=True)
class Invalid:
    """A value uv refuses, with uv's own reason."""

    reason: str


Setting = Cutoff | Disabled | Invalid

# -- entry points ----------------------------------------------------------------------------


def parse(
    text: str, *, now_ns: int | None = None, local_offset: LocalOffset | None = None
) -> Cutoff | Invalid:
    """Parse a string exactly as uv's ``ExcludeNewerValue::from_str``."""
    data = text.encode("utf-8")
    timestamp = _timestamp(data)
    if isinstance(timestamp, Timestamp):
        return Cutoff(Kind.TIMESTAMP, timestamp=timestamp)
    date_result = _date(data)
    if not isinstance(date_result, _Fail):
        (year, month, day), dropped_time = date_result
        converted = _next_local_midnight(year, month, day, local_offset or system_offset)
        if isinstance(converted, str):
            return Invalid(
                f"`{text}` parsed to date `{_format_date(year, month, day)}`, "
                f"but could not be converted to a timestamp: {converted}"
            )
        return Cutoff(Kind.DATE, timestamp=converted, date=(year, month, day),
                      dropped_time=dropped_time)  # fmt: skip
    span = _span(data)
    if isinstance(span, Span):
        now = time.time_ns() if now_ns is None else now_ns
        if span.years:
            days = _ceil_total(span, Unit.YEAR, now) * 365
            return Invalid(
                f"Duration `{text}` uses unit 'years' which is not allowed; "
                f"use days instead, e.g., `{days} days`."
            )
        if span.months:
            days = _ceil_total(span, Unit.MONTH, now) * 30
            return Invalid(
                f"Duration `{text}` uses 'months' which is not allowed; "
                f"use days instead, e.g., `{days} days`."
            )
        subtracted = _subtract(now, span)
        if isinstance(subtracted, str):
            return Invalid(
                f"Duration `{text}` is too large to subtract from current time: {subtracted}"
            )
        return Cutoff(Kind.SPAN, span=span)
    return Invalid(_format_error(text, date_result.message, span.message))


def parse_cli(text: str, *, now_ns: int | None = None,
              local_offset: LocalOffset | None = None) -> Setting:  # fmt: skip
    """The command line and `UV_EXCLUDE_NEWER` form: the string `false` disables."""
    if text == "false":
        return Disabled()
    return parse(text, now_ns=now_ns, local_offset=local_offset)


def parse_setting(value: object, *, now_ns: int | None = None,
                  local_offset: LocalOffset | None = None) -> Setting:  # fmt: skip
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
    result = _span(text.encode("utf-8"))
    return Invalid(result.message) if isinstance(result, _Fail) else result


def parse_timestamp(text: str) -> Timestamp | Invalid:
    """A jiff ``Timestamp`` (RFC 3339 with an offset), e.g. from uv.lock."""
    result = _timestamp(text.encode("utf-8"))
    return Invalid(result.message) if isinstance(result, _Fail) else result


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
    timestamp = _timestamp(raw.encode("utf-8"))
    if isinstance(timestamp, _Fail):
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
    span = _span(span_value.encode("utf-8"))
    if isinstance(span, _Fail):
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


# -- civil calendar --------------------------------------------------------------------------


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    days += 719_468
    era = days // 146_097
    doe = days - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (month <= 2), month, day


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _format_year(year: int) -> str:
    if 0 <= year <= 9999:
        return f"{year:04d}"
    return f"{'-' if year < 0 else '+'}{abs(year):06d}"


def _format_date(year: int, month: int, day: int) -> str:
    return f"{_format_year(year)}-{month:02d}-{day:02d}"


def _format_offset(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3_600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}"
    if minutes or secs:
        text += f":{minutes:02d}"
    if secs:
        text += f":{secs:02d}"
    return text


class LocalOffset:
    """The machine's UTC offset at a local civil date-time (jiff's ``TimeZone::system()``)."""

    def __call__(self, year: int, month: int, day: int) -> int:
        # Python's local time covers years 1..9999; outside it, use the nearest end.
        if year < 1:
            year, month, day = 1, 1, 2
        elif year > 9999:
            year, month, day = 9999, 12, 30
        try:
            local = _dt.datetime(year, month, day).astimezone()
        except (OverflowError, OSError, ValueError):
            return 0
        offset = local.utcoffset()
        return 0 if offset is None else int(offset.total_seconds())


class FixedOffset(LocalOffset):
    """A fixed UTC offset, for tests and for reasoning about other machines."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def __call__(self, year: int, month: int, day: int) -> int:
        return self.seconds


system_offset = LocalOffset()


def _next_local_midnight(year: int, month: int, day: int, offset: LocalOffset) -> Timestamp | str:
    """uv: `date.checked_add(1.day())?.to_zoned(TimeZone::system())?.timestamp()`."""
    days = days_from_civil(year, month, day) + 1
    if days > EPOCH_DAYS_MAX:
        return "parameter 'year' is not in the required range of -9999..=9999"
    next_year, next_month, next_day = civil_from_days(days)
    utc_offset = offset(next_year, next_month, next_day)
    seconds = days * _DAY - utc_offset
    if not TIMESTAMP_MIN <= seconds <= TIMESTAMP_MAX:
        return (
            f"converting datetime with time zone offset `{_format_offset(utc_offset)}` to "
            "timestamp overflowed: parameter 'Unix timestamp seconds' is not in the required "
            f"range of {TIMESTAMP_MIN}..={TIMESTAMP_MAX}"
        )
    return Timestamp(seconds)


# -- span arithmetic relative to now -------------------------------------------------------


def _add_months(days: int, months: int) -> int | None:
    """Epoch days plus calendar months, clamping the day like jiff; None out of range."""
    year, month, day = civil_from_days(days)
    index = year * 12 + (month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not -9999 <= year <= 9999:
        return None
    return days_from_civil(year, month, min(day, days_in_month(year, month)))


def _subtract(now_ns: int, span: Span) -> int | str:
    """`now.checked_sub(span.abs())` on a UTC zoned datetime: the cutoff, or jiff's error."""
    days, time_ns = divmod(now_ns, _DAY * _NANOS)
    if span.has_calendar_units:
        moved = _add_months(days, -(span.years * 12 + span.months))
        if moved is None:
            return (
                "failed to add span to datetime from zoned datetime: failed to add span to "
                "date: parameter 'year' is not in the required range of -9999..=9999"
            )
        days = moved
    days -= span.weeks * 7 + span.days
    if not EPOCH_DAYS_MIN <= days <= EPOCH_DAYS_MAX:
        return (
            "failed to add span to datetime from zoned datetime: failed to add span to date: "
            f"parameter 'Unix epoch days' is not in the required range of "
            f"{EPOCH_DAYS_MIN}..={EPOCH_DAYS_MAX}"
        )
    at = days * _DAY * _NANOS + time_ns
    if at < TIMESTAMP_MIN * _NANOS:
        return (
            "converting datetime with time zone offset `+00` to timestamp overflowed: parameter "
            "'Unix timestamp seconds' is not in the required range of "
            f"{TIMESTAMP_MIN}..={TIMESTAMP_MAX}"
        )
    time_part = span.fixed_nanoseconds() - (span.weeks * 7 + span.days) * _DAY * _NANOS
    at -= time_part
    if at < TIMESTAMP_MIN * _NANOS:
        return (
            "failed to add span to timestamp from zoned datetime: parameter 'Unix timestamp "
            f"seconds' is not in the required range of {TIMESTAMP_MIN}..={TIMESTAMP_MAX}"
        )
    return at


def _ceil_total(span: Span, unit: Unit, now_ns: int) -> int:
    """uv: `span.total((unit, &now)).map(f64::ceil).unwrap_or(1.0).abs()`."""
    step = 12 if unit is Unit.YEAR else 1
    days, time_ns = divmod(now_ns, _DAY * _NANOS)
    sign = -1 if span.negative else 1
    end_days = _add_months(days, sign * (span.years * 12 + span.months))
    if end_days is None:
        return 1
    end = (end_days + sign * (span.weeks * 7 + span.days)) * _DAY * _NANOS + time_ns
    end += sign * (span.fixed_nanoseconds() - (span.weeks * 7 + span.days) * _DAY * _NANOS)
    whole = 0
    while True:
        following = _add_months(days, sign * step * (whole + 1))
        if following is None:
            return 1
        at = following * _DAY * _NANOS + time_ns
        if (at > end) if sign > 0 else (at < end):
            break
        whole += 1
        if whole > 300_000:
            return 1
    current = _add_months(days, sign * step * whole)
    following = _add_months(days, sign * step * (whole + 1))
    assert current is not None and following is not None  # noqa: S101 - checked in the loop
    # jiff adds the remainder as an f64 fraction of the next unit, so a few nanoseconds on
    # top of whole months vanish in rounding; ceil() of a negative total rounds toward zero.
    start = current * _DAY * _NANOS + time_ns
    fraction = abs(end - start) / abs((following - current) * _DAY * _NANOS)
    return abs(math.ceil(sign * (whole + fraction)))


# -- jiff parsing helpers --------------------------------------------------------------------


class _Fail:
    """A parse failure with jiff's message (a value, not an exception, on the hot path)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Error(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _byte(value: int) -> str:
    """jiff's `escape::Byte`."""
    if value == 0x20:
        return " "
    escapes = {0x09: "\\t", 0x0D: "\\r", 0x0A: "\\n", 0x27: "\\'", 0x22: '\\"', 0x5C: "\\\\"}
    if value in escapes:
        return escapes[value]
    if 0x20 < value < 0x7F:
        return chr(value)
    return f"\\x{value:02X}"


def _bytes_debug(data: bytes) -> str:
    """jiff's `escape::Bytes` Debug rendering: a quoted, escaped string."""
    text = data.decode("utf-8", "surrogateescape")
    out = ['"']
    for char in text:
        code = ord(char)
        if code == 0:
            out.append("\\0")
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x80:
            if char in "\t\r\n":
                out.append({"\t": "\\t", "\r": "\\r", "\n": "\\n"}[char])
            elif char in "'\"\\":
                out.append("\\" + char)
            elif 0x20 <= code < 0x7F:
                out.append(char)
            else:
                out.append(f"\\x{code:02x}")
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{{{code:x}}}")
    out.append('"')
    return "".join(out)


def _digits(data: bytes) -> bool:
    return bool(data) and all(0x30 <= b <= 0x39 for b in data)


def _int_error(data: bytes) -> str | None:
    """jiff `parse::i64` failures for a fixed-width field (None when it parses)."""
    for byte in data:
        if not 0x30 <= byte <= 0x39:
            return f"invalid digit, expected 0-9 but got {_byte(byte)}"
    return None


def _u64_prefix(data: bytes, pos: int) -> tuple[int | None, int]:
    """jiff `parse::u64_prefix`: at most 21 digits; raises on u64 overflow."""
    count = 0
    value = 0
    while count <= 20 and pos + count < len(data) and 0x30 <= data[pos + count] <= 0x39:
        value = value * 10 + data[pos + count] - 0x30
        count += 1
        if value > _U64_MAX:
            raise _Error("number too big to parse into 64-bit integer")
    if count == 0:
        return None, pos
    return value, pos + count


def _fraction(data: bytes, pos: int) -> tuple[int | None, int]:
    """jiff `parse_temporal_fraction`: `.`/`,` then 1..9 digits, as nanoseconds."""
    if pos >= len(data) or data[pos] not in b".,":
        return None, pos
    start = pos = pos + 1
    while pos - start <= 8 and pos < len(data) and 0x30 <= data[pos] <= 0x39:
        pos += 1
    digits = data[start:pos]
    if not digits:
        raise _Error(
            "found decimal after seconds component, but did not find any digits after decimal"
        )
    return int(digits.decode()) * 10 ** (9 - len(digits)), pos


# -- Temporal date-times (Timestamp and civil::Date) ---------------------------------------


@dataclass(slots=True)
class _Offset:
    """A parsed UTC offset: `Z`, or a sign and hours with optional minutes, seconds, fraction."""

    zulu: bool
    negative: bool = False
    hours: int = 0
    minutes: int | None = None
    seconds: int | None = None
    nanoseconds: int | None = None

    def display(self) -> str:
        if self.zulu:
            return "Z"
        text = f"{'-' if self.negative else '+'}{self.hours:02d}"
        if self.minutes is not None:
            text += f":{self.minutes:02d}"
        if self.seconds is not None:
            text += (":00" if self.minutes is None else "") + f":{self.seconds:02d}"
        if self.nanoseconds:
            text += ":00" if self.minutes is None else ""
            text += ":00" if self.seconds is None else ""
            text += "." + f"{self.nanoseconds:09d}".rstrip("0")
        return text


@dataclass(slots=True)
class _DateTime:
    year: int
    month: int
    day: int
    time: tuple[int, int, int, int] | None  # hour, minute, second, nanosecond
    offset: _Offset | None
    annotation: str

    def display(self) -> str:
        """How jiff shows what it parsed (in "parsed value '…'" errors)."""
        text = _format_date(self.year, self.month, self.day)
        if self.time is not None:
            hour, minute, second, nanos = self.time
            text += f"T{hour:02d}:{minute:02d}:{second:02d}"
            if nanos:
                text += "." + f"{nanos:09d}".rstrip("0")
        if self.offset is not None:
            text += self.offset.display()
        return text + self.annotation


def _two(data: bytes, pos: int, name: str, low: int, high: int, missing: str) -> int:
    field = data[pos : pos + 2]
    if len(field) < 2:
        raise _Error(missing)
    error = _int_error(field)
    if error is not None:
        raise _Error(f"failed to parse two digit integer as {name}: {error}")
    value = int(field)
    if not low <= value <= high:
        raise _Error(
            f"failed to parse two digit integer as {name}: parameter '{name}' is not in the "
            f"required range of {low}..={high}"
        )
    return value


def _parse_year(data: bytes, pos: int) -> tuple[int, int]:
    if pos < len(data) and data[pos] in b"+-":
        negative = data[pos] == 0x2D
        field = data[pos + 1 : pos + 7]
        if len(field) < 6:
            raise _Error(
                "expected six digit year (because of a leading sign), but found end of input"
            )
        error = _int_error(field)
        if error is not None:
            raise _Error(f"failed to parse six digit integer as year: {error}")
        year = int(field)
        if year > 9999:
            raise _Error(
                "failed to parse six digit integer as year: parameter 'year' is not in the "
                "required range of -9999..=9999"
            )
        if year == 0 and negative:
            raise _Error(
                "year zero must be written without a sign or a positive sign, "
                "but not a negative sign"
            )
        return (-year if negative else year), pos + 7
    field = data[pos : pos + 4]
    if len(field) < 4:
        raise _Error(
            "expected four digit year (or leading sign for six digit year), but found end of input"
        )
    error = _int_error(field)
    if error is not None:
        raise _Error(f"failed to parse four digit integer as year: {error}")
    return int(field), pos + 4


def _parse_offset(data: bytes, pos: int, *, zulu: bool, subminute: bool) -> tuple[_Offset, int]:
    """A `Z` or `±HH[:MM[:SS[.f]]]` (basic or extended) UTC offset."""
    if data[pos] in b"Zz":
        if not zulu:
            raise _Error(
                f"found `{_byte(data[pos])}` where a numeric UTC offset was expected "
                "(this context does not permit the Zulu offset)"
            )
        return _Offset(zulu=True), pos + 1
    offset = _Offset(zulu=False, negative=data[pos] == 0x2D)
    pos += 1
    hours_field = data[pos : pos + 2]
    if len(hours_field) < 2:
        raise _Error(
            "failed to parse hours in UTC numeric offset: "
            "expected two digit hour after sign, but found end of input"
        )
    error = _int_error(hours_field)
    if error is None and int(hours_field) > 25:
        error = "parameter 'time zone offset hours' is not in the required range of -25..=25"
    if error is not None:
        raise _Error(
            "failed to parse hours in UTC numeric offset: failed to parse hours "
            f"(requires a two digit integer): {error}"
        )
    offset.hours = int(hours_field)
    pos += 2
    extended = data[pos : pos + 1] == b":"

    def separator(at: int) -> tuple[bool, int]:
        if extended:
            return (True, at + 1) if data[at : at + 1] == b":" else (False, at)
        return _digits(data[at : at + 2]), at

    def component(at: int, name: str, plural: str, after: str) -> int:
        field = data[at : at + 2]
        if len(field) < 2:
            raise _Error(
                f"failed to parse {plural} in UTC numeric offset: "
                f"expected two digit {name} after {after}, but found end of input"
            )
        problem = _int_error(field)
        if problem is None and int(field) > 59:
            problem = (
                f"parameter 'time zone offset {plural}' is not in the required range of -59..=59"
            )
        if problem is not None:
            raise _Error(
                f"failed to parse {plural} in UTC numeric offset: failed to parse {plural} "
                f"(requires a two digit integer): {problem}"
            )
        return int(field)

    has, pos = separator(pos)
    if not has:
        return offset, pos
    offset.minutes = component(pos, "minute", "minutes", "hours")
    pos += 2
    if not subminute:
        if data[pos : pos + 1] == b":":
            raise _Error(
                "subminute precision for UTC numeric offset is not enabled in this context "
                "(must provide only integral minutes)"
            )
        return offset, pos
    has, pos = separator(pos)
    if not has:
        return offset, pos
    offset.seconds = component(pos, "second", "seconds", "minutes")
    pos += 2
    try:
        offset.nanoseconds, pos = _fraction(data, pos)
    except _Error as failure:
        raise _Error(
            f"failed to parse fractional seconds in UTC numeric offset: {failure.message}"
        ) from None
    return offset, pos


def _alpha(byte: int) -> bool:
    return 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A


def _parse_annotations(data: bytes, pos: int) -> tuple[int, str]:
    """RFC 9557 `[time/zone]` then `[key=value]` annotations; only the syntax is checked.

    Returns the end and how jiff displays the time zone annotation ("" when there is none).
    """
    start = pos
    pos += 1
    critical = data[pos : pos + 1] == b"!"
    pos += critical
    shown = ""
    if data[pos : pos + 1] in (b"+", b"-"):
        offset, pos = _parse_offset(data, pos, zulu=False, subminute=False)
        pos = _close(data, pos, tz=True)
        shown = f"[{'!' if critical else ''}{offset.display()}]"
    else:
        name_start = pos
        pos = _iana_component(data, pos)
        if data[pos : pos + 1] == b"=":
            pos = start
        else:
            while data[pos : pos + 1] == b"/":
                pos = _iana_component(data, pos + 1)
            name = data[name_start:pos].decode("ascii")
            pos = _close(data, pos, tz=True)
            shown = f"[{'!' if critical else ''}{name}]"
    while data[pos : pos + 1] == b"[":
        pos += 1
        critical = data[pos : pos + 1] == b"!"
        pos += critical
        if pos >= len(data):
            raise _Error(
                "expected the start of an RFC 9557 annotation key, but found end of input instead"
            )
        if not (data[pos] == 0x5F or 0x61 <= data[pos] <= 0x7A):
            raise _Error(
                "expected lowercase alphabetic byte (or underscore) at the start of an RFC 9557 "
                f"annotation key, but found `{_byte(data[pos])}` instead"
            )
        pos += 1
        while pos < len(data) and (
            data[pos] in b"_-" or 0x30 <= data[pos] <= 0x39 or 0x61 <= data[pos] <= 0x7A
        ):
            pos += 1
        if pos >= len(data):
            raise _Error(
                "expected an `=` after parsing an RFC 9557 annotation key, but found end of input instead"
            )
        if data[pos] != 0x3D:
            if data[pos] == 0x2F:
                raise _Error(
                    "expected an `=` after parsing an RFC 9557 annotation key, but found `/` "
                    "instead (time zone annotations must come first)"
                )
            raise _Error(
                "expected an `=` after parsing an RFC 9557 annotation key, "
                f"but found `{_byte(data[pos])}` instead"
            )
        pos += 1
        while True:
            if pos >= len(data):
                raise _Error(
                    "expected the start of an RFC 9557 annotation value, but found end of input instead"
                )
            if not (_alpha(data[pos]) or 0x30 <= data[pos] <= 0x39):
                raise _Error(
                    "expected alphanumeric ASCII byte at the start of an RFC 9557 annotation "
                    f"value, but found `{_byte(data[pos])}` instead"
                )
            while pos < len(data) and (_alpha(data[pos]) or 0x30 <= data[pos] <= 0x39):
                pos += 1
            if data[pos : pos + 1] != b"-":
                break
            pos += 1
        pos = _close(data, pos, tz=False)
        if critical:
            raise _Error("found unsupported RFC 9557 annotation with the critical flag (`!`) set")
    return pos, shown


def _iana_component(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise _Error(
            "expected the start of an RFC 9557 annotation or IANA time zone component name, "
            "but found end of input instead"
        )
    if not (data[pos] in b"_." or _alpha(data[pos])):
        raise _Error(
            "expected ASCII alphabetic byte (or underscore or period) at the start of an RFC "
            f"9557 annotation or time zone component name, but found `{_byte(data[pos])}` instead"
        )
    pos += 1
    while pos < len(data) and (
        data[pos] in b"_.+-" or _alpha(data[pos]) or 0x30 <= data[pos] <= 0x39
    ):
        pos += 1
    return pos


def _close(data: bytes, pos: int, *, tz: bool) -> int:
    what = "time zone annotation" if tz else "annotation key and value"
    if pos >= len(data):
        raise _Error(
            f"expected an `]` after parsing an RFC 9557 {what}, but found end of input instead"
        )
    if data[pos] != 0x5D:
        raise _Error(
            f"expected an `]` after parsing an RFC 9557 {what}, but found `{_byte(data[pos])}` instead"
        )
    return pos + 1


def _parse_datetime(data: bytes) -> _DateTime:
    """jiff `DateTimeParser::parse_temporal_datetime` followed by `into_full`."""
    year, pos = _parse_year(data, 0)
    extended = data[pos : pos + 1] == b"-"
    if extended:
        pos += 1
    month = _two(data, pos, "month", 1, 12, "expected two digit month, but found end of input")
    pos += 2
    if extended:
        if pos >= len(data):
            raise _Error(
                "failed to parse separator after month: expected `-` separator, but found end of input"
            )
        if data[pos] != 0x2D:
            raise _Error(
                f"failed to parse separator after month: expected `-` separator, but found `{_byte(data[pos])}`"
            )
        pos += 1
    elif data[pos : pos + 1] == b"-":
        raise _Error(
            "failed to parse separator after month: expected no separator since none was "
            "found after the year, but found a `-` separator"
        )
    day = _two(data, pos, "day", 1, 31, "expected two digit day, but found end of input")
    pos += 2
    limit = days_in_month(year, month)
    if day > limit:
        raise _Error(
            f"parsed date is not valid: parameter 'day' for `{_format_year(year)}-{month:02d}` "
            f"is invalid, must be in range `1..={limit}`"
        )
    clock: tuple[int, int, int, int] | None = None
    offset: _Offset | None = None
    if pos < len(data) and data[pos] in b" Tt":
        clock, pos = _parse_time(data, pos + 1)
        if pos < len(data) and data[pos] in b"zZ+-":
            offset, pos = _parse_offset(data, pos, zulu=True, subminute=True)
    annotation = ""
    if data[pos : pos + 1] == b"[":
        pos, annotation = _parse_annotations(data, pos)
    parsed = _DateTime(year, month, day, clock, offset, annotation)
    if pos < len(data):
        raise _Error(
            f"parsed value '{parsed.display()}', but unparsed input "
            f"{_bytes_debug(data[pos:])} remains (expected no unparsed input)"
        )
    return parsed


def _parse_time(data: bytes, pos: int) -> tuple[tuple[int, int, int, int], int]:
    hour = _two(data, pos, "hour", 0, 23, "expected two digit hour, but found end of input")
    pos += 2
    extended = data[pos : pos + 1] == b":"

    def more(at: int) -> tuple[bool, int]:
        if extended:
            return (True, at + 1) if data[at : at + 1] == b":" else (False, at)
        return _digits(data[at : at + 2]), at

    has, pos = more(pos)
    if not has:
        return (hour, 0, 0, 0), pos
    minute = _two(data, pos, "minute", 0, 59, "expected two digit minute, but found end of input")
    pos += 2
    has, pos = more(pos)
    if not has:
        return (hour, minute, 0, 0), pos
    second = min(
        _two(data, pos, "second", 0, 60, "expected two digit second, but found end of input"), 59
    )
    pos += 2
    try:
        nanos, pos = _fraction(data, pos)
    except _Error as failure:
        raise _Error(f"failed to parse fractional seconds in time: {failure.message}") from None
    return (hour, minute, second, nanos or 0), pos


def _timestamp(data: bytes) -> Timestamp | _Fail:
    """jiff `Timestamp::from_str`: a date, a time and an offset are all required."""
    try:
        parsed = _parse_datetime(data)
    except _Error as error:
        return _Fail(error.message)
    except IndexError:
        return _Fail("unexpected end of input")
    if parsed.time is None:
        return _Fail("failed to find time component, which is required for parsing a timestamp")
    if parsed.offset is None:
        return _Fail("failed to find offset component, which is required for parsing a timestamp")
    offset = parsed.offset
    magnitude = offset.hours * 3_600 + (offset.minutes or 0) * 60 + (offset.seconds or 0)
    if (offset.nanoseconds or 0) >= 500_000_000:
        magnitude += 1
    offset_seconds = -magnitude if offset.negative else magnitude
    if magnitude > 25 * 3_600 + 59 * 60 + 59:
        return _Fail(
            "due to precision loss from fractional seconds, time zone offset is rounded to a "
            "value that is out of bounds"
        )
    hour, minute, second, nanos = parsed.time
    seconds = (
        days_from_civil(parsed.year, parsed.month, parsed.day) * _DAY
        + hour * 3_600 + minute * 60 + second - offset_seconds
    )  # fmt: skip
    if not TIMESTAMP_MIN <= seconds <= TIMESTAMP_MAX:
        return _Fail(
            f"failed to convert civil datetime to timestamp with offset {_format_offset(offset_seconds)}"
        )
    return Timestamp(seconds, nanos)


def _date(data: bytes) -> tuple[tuple[int, int, int], bool] | _Fail:
    """jiff `Date::from_str`: any date-time without a Zulu offset; the rest is dropped."""
    try:
        parsed = _parse_datetime(data)
    except _Error as error:
        return _Fail(error.message)
    except IndexError:
        return _Fail("unexpected end of input")
    if parsed.offset is not None and parsed.offset.zulu:
        return _Fail(
            "cannot parse civil date/time from string with a Zulu offset, parse as a "
            "`jiff::Timestamp` first and convert to a civil date/time instead"
        )
    return (parsed.year, parsed.month, parsed.day), parsed.time is not None


# -- Spans: ISO 8601 and jiff's "friendly" format ------------------------------------------


class _Units:
    """jiff's `DurationUnits` builder: unsigned values, one sign, order checks."""

    def __init__(self) -> None:
        self.values = [0] * 10
        self.fraction: int | None = None
        self.negative = False
        self.min: Unit | None = None
        self.max: Unit | None = None
        self.any_non_zero = False

    def set(self, unit: Unit, value: int) -> None:
        if self.min is not None and self.min <= unit:
            raise _Error(
                f"found value with unit {unit.singular} after unit {self.min.singular}, but "
                "units must be written from largest to smallest (and they can't be repeated)"
            )
        self.min = unit
        if self.max is None:
            self.max = unit
        self.values[unit] = value
        self.any_non_zero = self.any_non_zero or value != 0

    def set_hms(self, hours: int, minutes: int, seconds: int, fraction: int | None) -> None:
        if self.min is not None and self.min <= Unit.HOUR:
            raise _Error(
                f"found `HH:MM:SS` after unit {self.min.singular}, but `HH:MM:SS` can only "
                "appear after years, months, weeks or days"
            )
        self.set(Unit.HOUR, hours)
        self.set(Unit.MINUTE, minutes)
        self.set(Unit.SECOND, seconds)
        if fraction is not None:
            self.set_fraction(fraction)

    def set_fraction(self, fraction: int) -> None:
        if self.min is not None and (self.min > Unit.HOUR or self.min == Unit.NANOSECOND):
            raise _Error(f"fractional {self.min.plural} are not supported")
        self.fraction = fraction

    def _signed(self, unit: Unit) -> int:
        value = self.values[unit]
        negative = self.negative and self.any_non_zero
        if value > _I64_MAX and not (negative and value == _I64_MAX + 1):
            raise _Error(
                f"value for {unit.plural} is too big (or small) to fit into a signed 64-bit integer"
            )
        return -value if negative else value

    def to_span(self) -> Span:
        if self.max is None or self.min is None:
            raise _Error("no parsed duration components")
        fields = [0] * 10
        for unit in sorted(Unit, reverse=True):
            if not self.values[unit]:
                continue
            value = self._signed(unit)
            if abs(value) <= _SPAN_MAX[unit]:
                fields[unit] = value
            elif unit > Unit.HOUR or unit == Unit.NANOSECOND:
                raise _Error(
                    f"failed to set value for {unit.singular} unit on span: parameter "
                    f"'{unit.plural}' is not in the required range of "
                    f"-{_SPAN_MAX[unit]}..={_SPAN_MAX[unit]}"
                )
            else:
                try:
                    _spread(unit, value, 0, fields)
                except _Error as error:
                    raise _Error(
                        f"failed to set value for {unit.singular} unit on span: {error.message}"
                    ) from None
        if self.fraction is not None:
            negative = self.negative and self.any_non_zero
            fraction = -self.fraction if negative else self.fraction
            _spread(self.min, self._signed(self.min), fraction, fields)
        m = [abs(value) for value in fields]
        return Span(
            years=m[Unit.YEAR], months=m[Unit.MONTH], weeks=m[Unit.WEEK], days=m[Unit.DAY],
            hours=m[Unit.HOUR], minutes=m[Unit.MINUTE], seconds=m[Unit.SECOND],
            milliseconds=m[Unit.MILLISECOND], microseconds=m[Unit.MICROSECOND],
            nanoseconds=m[Unit.NANOSECOND], negative=self.negative and any(fields),
        )  # fmt: skip


def _spread(unit: Unit, value: int, fraction: int, fields: list[int]) -> None:
    """jiff `fractional_time_to_span`: value.fraction of `unit`, spread over smaller units."""
    total = value * _UNIT_NANOS[unit] + _trunc_div(fraction * _UNIT_NANOS[unit], _NANOS)
    if abs(total // _NANOS) > _I64_MAX:
        raise _Error(f"converting {unit.plural} to seconds overflows a signed 64-bit integer")
    for step in (Unit.HOUR, Unit.MINUTE, Unit.SECOND, Unit.MILLISECOND, Unit.MICROSECOND):
        if unit >= step and total:
            count = _trunc_div(total, _UNIT_NANOS[step])
            total -= count * _UNIT_NANOS[step]
            limit = _SPAN_MAX[step]
            if count > limit:
                total += (count - limit) * _UNIT_NANOS[step]
                count = limit
            elif count < -limit:
                total += (count + limit) * _UNIT_NANOS[step]
                count = -limit
            fields[step] = count
    if total:
        if abs(total) > _I64_MAX:
            raise _Error("failed to set nanosecond value from fractional component")
        fields[Unit.NANOSECOND] = total


def _trunc_div(left: int, right: int) -> int:
    quotient = abs(left) // abs(right)
    return quotient if (left >= 0) == (right > 0) else -quotient


_LABELS: tuple[tuple[bytes, Unit], ...] = tuple(
    sorted(
        [
            *((label, Unit.YEAR) for label in (b"years", b"year", b"yrs", b"yr", b"y")),
            *((label, Unit.MONTH) for label in (b"months", b"month", b"mos", b"mo")),
            *((label, Unit.WEEK) for label in (b"weeks", b"week", b"wks", b"wk", b"w")),
            *((label, Unit.DAY) for label in (b"days", b"day", b"d")),
            *((label, Unit.HOUR) for label in (b"hours", b"hour", b"hrs", b"hr", b"h")),
            *((label, Unit.MINUTE) for label in (b"minutes", b"minute", b"mins", b"min", b"m")),
            *((label, Unit.SECOND) for label in (b"seconds", b"second", b"secs", b"sec", b"s")),
            *((label, Unit.MILLISECOND) for label in (
                b"milliseconds", b"millisecond", b"millis", b"milli", b"msecs", b"msec", b"ms")),
            *((label, Unit.MICROSECOND) for label in (
                b"microseconds", b"microsecond", b"micros", b"micro", b"usecs", b"usec",
                "µsecs".encode(), "µsec".encode(), b"us", "µs".encode())),
            *((label, Unit.NANOSECOND) for label in (
                b"nanoseconds", b"nanosecond", b"nanos", b"nano", b"nsecs", b"nsec", b"ns")),
        ],
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
_FRIENDLY_SPACE = b" \t\n\r\x0c"


def _skip_space(data: bytes, pos: int) -> int:
    while pos < len(data) and data[pos] in _FRIENDLY_SPACE:
        pos += 1
    return pos


def _label(data: bytes, pos: int) -> tuple[Unit, int] | None:
    """The longest unit label at pos (`mins` before `min` before `m`), and where it ends."""
    for label, unit in _LABELS:
        if data.startswith(label, pos):
            return unit, pos + len(label)
    return None


def _friendly(data: bytes) -> Span:
    """jiff's friendly format (`7 days`, `1w 2d`, `36h ago`, `5 days, 01:02:03`)."""
    if not data:
        raise _Error("an empty string is not valid")
    units = _Units()
    pos = 0
    prefix: bool | None = None
    if data[0] in b"+-":
        prefix = data[0] == 0x2D
        pos = 1
    value, pos = _u64_prefix(data, pos)
    if value is None:
        raise _Error(
            "expected duration to start with a unit value (a decimal integer) after an "
            "optional sign, but no integer was found"
        )
    after_comma = True
    while True:
        if data[pos : pos + 1] == b":":
            minute, pos = _u64_prefix(data, pos + 1)
            if minute is None:
                raise _Error(
                    "when parsing the `HH:MM:SS` format, expected to parse minute following hour"
                )
            if data[pos : pos + 1] != b":":
                raise _Error(
                    "when parsing the `HH:MM:SS` format, expected to parse `:` following minute"
                )
            second, pos = _u64_prefix(data, pos + 1)
            if second is None:
                raise _Error(
                    "when parsing the `HH:MM:SS` format, expected to parse second following minute"
                )
            fraction, pos = _fraction(data, pos)
            units.set_hms(value, minute, second, fraction)
            break
        fraction, pos = _fraction(data, pos)
        pos = _skip_space(data, pos)
        found = _label(data, pos)
        if found is None:
            raise _Error(
                "expected to find unit designator suffix (e.g., `years` or `secs`) after parsing integer"
            )
        unit, pos = found
        if data[pos : pos + 1] == b",":
            if pos + 1 >= len(data):
                raise _Error("expected whitespace after comma, but found end of input")
            if data[pos + 1] not in _FRIENDLY_SPACE:
                raise _Error(f"expected whitespace after comma, but found `{_byte(data[pos + 1])}`")
            pos += 2
            after_comma = False
        units.set(unit, value)
        if fraction is not None:
            units.set_fraction(fraction)
            break
        following, after = _u64_prefix(data, _skip_space(data, pos))
        if following is None:
            break
        value, pos = following, after
        after_comma = True
    if not after_comma:
        raise _Error(
            "found comma at the end of duration, but a comma indicates at least one more unit follows"
        )
    negative = bool(prefix)
    if pos < len(data) and data[pos] in _FRIENDLY_SPACE:
        pos = _skip_space(data, pos + 1)
        if data.startswith(b"ago", pos):
            if prefix is not None:
                raise _Error(
                    "expected to find either a prefix sign (+/-) or a suffix sign (`ago`), "
                    "but found both"
                )
            negative = True
            pos += 3
    units.negative = negative
    span = units.to_span()
    if pos < len(data):
        raise _Error(
            f"parsed value '{span.iso()}', but unparsed input {_bytes_debug(data[pos:])} "
            "remains (expected no unparsed input)"
        )
    return span


def _iso(data: bytes) -> Span:
    """ISO 8601 / Temporal durations: `P1W2D`, `PT36H`, `-P7D`, `p7d`, `PT1.5H`."""
    units = _Units()
    pos = 0
    if data[:1] in (b"+", b"-"):
        units.negative = data[:1] == b"-"
        pos = 1
    if pos >= len(data):
        raise _Error("expected to find duration beginning with `P` or `p`, but found end of input")
    if data[pos] not in b"Pp":
        raise _Error(
            f"expected to find duration beginning with `P` or `p`, but found `{_byte(data[pos])}` instead"
        )
    pos += 1
    designators = {0x59: Unit.YEAR, 0x4D: Unit.MONTH, 0x57: Unit.WEEK, 0x44: Unit.DAY}
    while True:
        value, pos = _u64_prefix(data, pos)
        if value is None:
            break
        if pos >= len(data):
            raise _Error(
                "expected to find date unit designator suffix (`Y`, `M`, `W` or `D`), but found end of input"
            )
        unit = designators.get(data[pos] & ~0x20) if _alpha(data[pos]) else None
        if unit is None:
            raise _Error(
                "expected to find date unit designator suffix (`Y`, `M`, `W` or `D`), "
                f"but found `{_byte(data[pos])}` instead"
            )
        pos += 1
        units.set(unit, value)
    if pos < len(data) and data[pos] in b"Tt":
        pos += 1
        any_time = False
        times = {0x48: Unit.HOUR, 0x4D: Unit.MINUTE, 0x53: Unit.SECOND}
        while True:
            value, pos = _u64_prefix(data, pos)
            if value is None:
                break
            fraction, pos = _fraction(data, pos)
            if pos >= len(data):
                raise _Error(
                    "expected to find time unit designator suffix (`H`, `M` or `S`), but found end of input"
                )
            unit = times.get(data[pos] & ~0x20) if _alpha(data[pos]) else None
            if unit is None:
                raise _Error(
                    "expected to find time unit designator suffix (`H`, `M` or `S`), "
                    f"but found `{_byte(data[pos])}` instead"
                )
            pos += 1
            units.set(unit, value)
            any_time = True
            if fraction is not None:
                units.set_fraction(fraction)
                break
        if not any_time:
            raise _Error(
                "found a time designator (`T` or `t`) in an ISO 8601 duration string, "
                "but did not find any time units"
            )
    span = units.to_span()
    if pos < len(data):
        raise _Error(
            f"parsed value '{span.iso()}', but unparsed input {_bytes_debug(data[pos:])} "
            "remains (expected no unparsed input)"
        )
    return span


def _span(data: bytes) -> Span | _Fail:
    """jiff `Span::from_str`: ISO 8601 when the first byte after a sign is `P`, else friendly."""
    if not data:
        return _Fail(
            "an empty string is not a valid duration in either the ISO 8601 format or "
            'Jiff\'s "friendly" format'
        )
    first = data[0]
    if first in b"+-":
        if len(data) == 1:
            return _Fail(
                f"found nothing after sign `{_byte(first)}`, which is not a valid duration in "
                'either the ISO 8601 format or Jiff\'s "friendly" format'
            )
        first = data[1]
    try:
        if first in b"Pp":
            return _iso(data)
        try:
            return _friendly(data)
        except _Error as error:
            return _Fail(
                f'failed to parse input in the "friendly" duration format: {error.message}'
            )
    except _Error as error:
        return _Fail(error.message)
