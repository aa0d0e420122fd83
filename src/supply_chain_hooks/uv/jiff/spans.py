"""jiff's duration grammars: ISO 8601 / Temporal (``P1W2D``) and the "friendly" format
(``7 days``, ``1w 2d``, ``36h ago``), both building a :class:`~.values.Span`.
"""

from __future__ import annotations

from supply_chain_hooks.uv.jiff.scan import (
    Fail,
    ParseError,
    escape_byte,
    escape_bytes,
    is_alpha,
    parse_fraction,
    u64_prefix,
)
from supply_chain_hooks.uv.jiff.values import I64_MAX, NANOS, SPAN_MAX, UNIT_NANOS, Span, Unit


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
            raise ParseError(
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
            raise ParseError(
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
            raise ParseError(f"fractional {self.min.plural} are not supported")
        self.fraction = fraction

    def _signed(self, unit: Unit) -> int:
        value = self.values[unit]
        negative = self.negative and self.any_non_zero
        if value > I64_MAX and not (negative and value == I64_MAX + 1):
            raise ParseError(
                f"value for {unit.plural} is too big (or small) to fit into a signed 64-bit integer"
            )
        return -value if negative else value

    def to_span(self) -> Span:
        if self.max is None or self.min is None:
            raise ParseError("no parsed duration components")
        fields = [0] * 10
        for unit in sorted(Unit, reverse=True):
            if not self.values[unit]:
                continue
            value = self._signed(unit)
            if abs(value) <= SPAN_MAX[unit]:
                fields[unit] = value
            elif unit > Unit.HOUR or unit == Unit.NANOSECOND:
                raise ParseError(
                    f"failed to set value for {unit.singular} unit on span: parameter "
                    f"'{unit.plural}' is not in the required range of "
                    f"-{SPAN_MAX[unit]}..={SPAN_MAX[unit]}"
                )
            else:
                try:
                    _spread(unit, value, 0, fields)
                except ParseError as error:
                    raise ParseError(
                        f"failed to set value for {unit.singular} unit on span: {error.message}"
                    ) from None
        if self.fraction is not None:
            negative = self.negative and self.any_non_zero
            fraction = -self.fraction if negative else self.fraction
            _spread(self.min, self._signed(self.min), fraction, fields)
        m = [abs(value) for value in fields]
        return Span(
            years=m[Unit.YEAR],
            months=m[Unit.MONTH],
            weeks=m[Unit.WEEK],
            days=m[Unit.DAY],
            hours=m[Unit.HOUR],
            minutes=m[Unit.MINUTE],
            seconds=m[Unit.SECOND],
            milliseconds=m[Unit.MILLISECOND],
            microseconds=m[Unit.MICROSECOND],
            nanoseconds=m[Unit.NANOSECOND],
            negative=self.negative and any(fields),
        )


def _spread(unit: Unit, value: int, fraction: int, fields: list[int]) -> None:
    """jiff `fractional_time_to_span`: value.fraction of `unit`, spread over smaller units."""
    total = value * UNIT_NANOS[unit] + _trunc_div(fraction * UNIT_NANOS[unit], NANOS)
    if abs(total // NANOS) > I64_MAX:
        raise ParseError(f"converting {unit.plural} to seconds overflows a signed 64-bit integer")
    for step in (Unit.HOUR, Unit.MINUTE, Unit.SECOND, Unit.MILLISECOND, Unit.MICROSECOND):
        if unit >= step and total:
            count = _trunc_div(total, UNIT_NANOS[step])
            total -= count * UNIT_NANOS[step]
            limit = SPAN_MAX[step]
            if count > limit:
                total += (count - limit) * UNIT_NANOS[step]
                count = limit
            elif count < -limit:
                total += (count + limit) * UNIT_NANOS[step]
                count = -limit
            fields[step] = count
    if total:
        if abs(total) > I64_MAX:
            raise ParseError("failed to set nanosecond value from fractional component")
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
            *(
                (label, Unit.MILLISECOND)
                for label in (
                    b"milliseconds",
                    b"millisecond",
                    b"millis",
                    b"milli",
                    b"msecs",
                    b"msec",
                    b"ms",
                )
            ),
            *(
                (label, Unit.MICROSECOND)
                for label in (
                    b"microseconds",
                    b"microsecond",
                    b"micros",
                    b"micro",
                    b"usecs",
                    b"usec",
                    "µsecs".encode(),
                    "µsec".encode(),
                    b"us",
                    "µs".encode(),
                )
            ),
            *(
                (label, Unit.NANOSECOND)
                for label in (
                    b"nanoseconds",
                    b"nanosecond",
                    b"nanos",
                    b"nano",
                    b"nsecs",
                    b"nsec",
                    b"ns",
                )
            ),
        ],
        key=lambda item: -len(item[0]),
    )
)
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
        raise ParseError("an empty string is not valid")
    units = _Units()
    pos = 0
    prefix: bool | None = None
    if data[0] in b"+-":
        prefix = data[0] == 0x2D
        pos = 1
    value, pos = u64_prefix(data, pos)
    if value is None:
        raise ParseError(
            "expected duration to start with a unit value (a decimal integer) after an "
            "optional sign, but no integer was found"
        )
    after_comma = True
    while True:
        if data[pos : pos + 1] == b":":
            minute, pos = u64_prefix(data, pos + 1)
            if minute is None:
                raise ParseError(
                    "when parsing the `HH:MM:SS` format, expected to parse minute following hour"
                )
            if data[pos : pos + 1] != b":":
                raise ParseError(
                    "when parsing the `HH:MM:SS` format, expected to parse `:` following minute"
                )
            second, pos = u64_prefix(data, pos + 1)
            if second is None:
                raise ParseError(
                    "when parsing the `HH:MM:SS` format, expected to parse second following minute"
                )
            fraction, pos = parse_fraction(data, pos)
            units.set_hms(value, minute, second, fraction)
            break
        fraction, pos = parse_fraction(data, pos)
        pos = _skip_space(data, pos)
        found = _label(data, pos)
        if found is None:
            raise ParseError(
                "expected to find unit designator suffix (e.g., `years` or `secs`) after parsing integer"
            )
        unit, pos = found
        if data[pos : pos + 1] == b",":
            if pos + 1 >= len(data):
                raise ParseError("expected whitespace after comma, but found end of input")
            if data[pos + 1] not in _FRIENDLY_SPACE:
                raise ParseError(
                    f"expected whitespace after comma, but found `{escape_byte(data[pos + 1])}`"
                )
            pos += 2
            after_comma = False
        units.set(unit, value)
        if fraction is not None:
            units.set_fraction(fraction)
            break
        following, after = u64_prefix(data, _skip_space(data, pos))
        if following is None:
            break
        value, pos = following, after
        after_comma = True
    if not after_comma:
        raise ParseError(
            "found comma at the end of duration, but a comma indicates at least one more unit follows"
        )
    negative = bool(prefix)
    if pos < len(data) and data[pos] in _FRIENDLY_SPACE:
        pos = _skip_space(data, pos + 1)
        if data.startswith(b"ago", pos):
            if prefix is not None:
                raise ParseError(
                    "expected to find either a prefix sign (+/-) or a suffix sign (`ago`), "
                    "but found both"
                )
            negative = True
            pos += 3
    units.negative = negative
    span = units.to_span()
    if pos < len(data):
        raise ParseError(
            f"parsed value '{span.iso()}', but unparsed input {escape_bytes(data[pos:])} "
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
        raise ParseError(
            "expected to find duration beginning with `P` or `p`, but found end of input"
        )
    if data[pos] not in b"Pp":
        raise ParseError(
            f"expected to find duration beginning with `P` or `p`, but found `{escape_byte(data[pos])}` instead"
        )
    pos += 1
    designators = {0x59: Unit.YEAR, 0x4D: Unit.MONTH, 0x57: Unit.WEEK, 0x44: Unit.DAY}
    while True:
        value, pos = u64_prefix(data, pos)
        if value is None:
            break
        if pos >= len(data):
            raise ParseError(
                "expected to find date unit designator suffix (`Y`, `M`, `W` or `D`), but found end of input"
            )
        unit = designators.get(data[pos] & ~0x20) if is_alpha(data[pos]) else None
        if unit is None:
            raise ParseError(
                "expected to find date unit designator suffix (`Y`, `M`, `W` or `D`), "
                f"but found `{escape_byte(data[pos])}` instead"
            )
        pos += 1
        units.set(unit, value)
    if pos < len(data) and data[pos] in b"Tt":
        pos += 1
        any_time = False
        times = {0x48: Unit.HOUR, 0x4D: Unit.MINUTE, 0x53: Unit.SECOND}
        while True:
            value, pos = u64_prefix(data, pos)
            if value is None:
                break
            fraction, pos = parse_fraction(data, pos)
            if pos >= len(data):
                raise ParseError(
                    "expected to find time unit designator suffix (`H`, `M` or `S`), but found end of input"
                )
            unit = times.get(data[pos] & ~0x20) if is_alpha(data[pos]) else None
            if unit is None:
                raise ParseError(
                    "expected to find time unit designator suffix (`H`, `M` or `S`), "
                    f"but found `{escape_byte(data[pos])}` instead"
                )
            pos += 1
            units.set(unit, value)
            any_time = True
            if fraction is not None:
                units.set_fraction(fraction)
                break
        if not any_time:
            raise ParseError(
                "found a time designator (`T` or `t`) in an ISO 8601 duration string, "
                "but did not find any time units"
            )
    span = units.to_span()
    if pos < len(data):
        raise ParseError(
            f"parsed value '{span.iso()}', but unparsed input {escape_bytes(data[pos:])} "
            "remains (expected no unparsed input)"
        )
    return span


def parse_span(data: bytes) -> Span | Fail:
    """jiff `Span::from_str`: ISO 8601 when the first byte after a sign is `P`, else friendly."""
    if not data:
        return Fail(
            "an empty string is not a valid duration in either the ISO 8601 format or "
            'Jiff\'s "friendly" format'
        )
    first = data[0]
    if first in b"+-":
        if len(data) == 1:
            return Fail(
                f"found nothing after sign `{escape_byte(first)}`, which is not a valid duration in "
                'either the ISO 8601 format or Jiff\'s "friendly" format'
            )
        first = data[1]
    try:
        if first in b"Pp":
            return _iso(data)
        try:
            return _friendly(data)
        except ParseError as error:
            return Fail(f'failed to parse input in the "friendly" duration format: {error.message}')
    except ParseError as error:
        return Fail(error.message)
