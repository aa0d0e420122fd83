"""jiff's values (``Span``, ``Timestamp``), the civil calendar, and the arithmetic uv does
with them relative to now (subtracting a span, ``Span::total``, the next local midnight).
"""

from __future__ import annotations

import datetime as _dt
import enum
import math

from supply_chain_hooks.model import Record


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
UNIT_NANOS = {
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
SPAN_MAX = {
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
I64_MAX = 9_223_372_036_854_775_807
U64_MAX = 18_446_744_073_709_551_615

#: jiff's Timestamp range, in seconds since the Unix epoch.
TIMESTAMP_MIN = -377_705_023_201
TIMESTAMP_MAX = 253_402_207_200
#: jiff's civil date range, in days since the Unix epoch (-9999-01-01 ..= 9999-12-31).
EPOCH_DAYS_MIN = -4_371_587
EPOCH_DAYS_MAX = 2_932_896
NANOS = 1_000_000_000
DAY_SECONDS = 86_400


class Span(Record):
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
        return (
            self.years,
            self.months,
            self.weeks,
            self.days,
            self.hours,
            self.minutes,
            self.seconds,
            self.milliseconds,
            self.microseconds,
            self.nanoseconds,
        )

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
            (self.weeks * 7 + self.days) * DAY_SECONDS * NANOS
            + self.hours * 3_600 * NANOS
            + self.minutes * 60 * NANOS
            + self.seconds * NANOS
            + self.milliseconds * 1_000_000
            + self.microseconds * 1_000
            + self.nanoseconds
        )

    def iso(self) -> str:
        """jiff's ISO 8601 rendering, as uv writes it into uv.lock (`P7D`, `P1W`, `PT0S`)."""
        if self.is_zero:
            return "PT0S"
        out = ["-" if self.negative else "", "P"]
        for value, letter in (
            (self.years, "Y"),
            (self.months, "M"),
            (self.weeks, "W"),
            (self.days, "D"),
        ):
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
                seconds = self.seconds + subsecond // NANOS
                fraction = subsecond % NANOS
                text = str(seconds)
                if fraction:
                    text += "." + f"{fraction:09d}".rstrip("0")
                out.append(text + "S")
        return "".join(out)

    def __str__(self) -> str:
        return self.iso()


class Timestamp(Record):
    """An instant: seconds since the Unix epoch (UTC) and a nanosecond remainder."""

    seconds: int
    nanoseconds: int = 0

    @property
    def total_nanoseconds(self) -> int:
        return self.seconds * NANOS + self.nanoseconds

    @classmethod
    def from_nanoseconds(cls, total: int) -> Timestamp:
        seconds, nanoseconds = divmod(total, NANOS)
        return cls(seconds, nanoseconds)

    def iso(self) -> str:
        """jiff's rendering, as uv writes it: `2025-01-01T00:00:00Z`."""
        days, rest = divmod(self.seconds, DAY_SECONDS)
        year, month, day = civil_from_days(days)
        hour, rest = divmod(rest, 3_600)
        minute, second = divmod(rest, 60)
        text = f"{format_year(year)}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        if self.nanoseconds:
            text += "." + f"{self.nanoseconds:09d}".rstrip("0")
        return text + "Z"

    def __str__(self) -> str:
        return self.iso()


# -- civil calendar --------------------------------------------------------------------------


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


def format_year(year: int) -> str:
    if 0 <= year <= 9999:
        return f"{year:04d}"
    return f"{'-' if year < 0 else '+'}{abs(year):06d}"


def format_date(year: int, month: int, day: int) -> str:
    return f"{format_year(year)}-{month:02d}-{day:02d}"


def format_offset(seconds: int) -> str:
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


def next_local_midnight(year: int, month: int, day: int, offset: LocalOffset) -> Timestamp | str:
    """uv: `date.checked_add(1.day())?.to_zoned(TimeZone::system())?.timestamp()`."""
    days = days_from_civil(year, month, day) + 1
    if days > EPOCH_DAYS_MAX:
        return "parameter 'year' is not in the required range of -9999..=9999"
    next_year, next_month, next_day = civil_from_days(days)
    utc_offset = offset(next_year, next_month, next_day)
    seconds = days * DAY_SECONDS - utc_offset
    if not TIMESTAMP_MIN <= seconds <= TIMESTAMP_MAX:
        return (
            f"converting datetime with time zone offset `{format_offset(utc_offset)}` to "
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


def subtract(now_ns: int, span: Span) -> int | str:
    """`now.checked_sub(span.abs())` on a UTC zoned datetime: the cutoff, or jiff's error."""
    days, time_ns = divmod(now_ns, DAY_SECONDS * NANOS)
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
    at = days * DAY_SECONDS * NANOS + time_ns
    if at < TIMESTAMP_MIN * NANOS:
        return (
            "converting datetime with time zone offset `+00` to timestamp overflowed: parameter "
            "'Unix timestamp seconds' is not in the required range of "
            f"{TIMESTAMP_MIN}..={TIMESTAMP_MAX}"
        )
    time_part = span.fixed_nanoseconds() - (span.weeks * 7 + span.days) * DAY_SECONDS * NANOS
    at -= time_part
    if at < TIMESTAMP_MIN * NANOS:
        return (
            "failed to add span to timestamp from zoned datetime: parameter 'Unix timestamp "
            f"seconds' is not in the required range of {TIMESTAMP_MIN}..={TIMESTAMP_MAX}"
        )
    return at


def ceil_total(span: Span, unit: Unit, now_ns: int) -> int:
    """uv: `span.total((unit, &now)).map(f64::ceil).unwrap_or(1.0).abs()`."""
    step = 12 if unit is Unit.YEAR else 1
    days, time_ns = divmod(now_ns, DAY_SECONDS * NANOS)
    sign = -1 if span.negative else 1
    end_days = _add_months(days, sign * (span.years * 12 + span.months))
    if end_days is None:
        return 1
    end = (end_days + sign * (span.weeks * 7 + span.days)) * DAY_SECONDS * NANOS + time_ns
    end += sign * (span.fixed_nanoseconds() - (span.weeks * 7 + span.days) * DAY_SECONDS * NANOS)
    whole = 0
    while True:
        following = _add_months(days, sign * step * (whole + 1))
        if following is None:
            return 1
        at = following * DAY_SECONDS * NANOS + time_ns
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
    start = current * DAY_SECONDS * NANOS + time_ns
    fraction = abs(end - start) / abs((following - current) * DAY_SECONDS * NANOS)
    return abs(math.ceil(sign * (whole + fraction)))
