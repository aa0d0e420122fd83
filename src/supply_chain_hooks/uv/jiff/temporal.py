"""jiff's Temporal date-time grammar (RFC 3339 / RFC 9557): ``Timestamp`` and ``civil::Date``."""

from __future__ import annotations

from supply_chain_hooks.uv.jiff.scan import (
    Fail,
    ParseError,
    all_digits,
    escape_byte,
    escape_bytes,
    int_error,
    is_alpha,
    parse_fraction,
)
from supply_chain_hooks.uv.jiff.values import (
    DAY_SECONDS,
    TIMESTAMP_MAX,
    TIMESTAMP_MIN,
    Timestamp,
    days_from_civil,
    days_in_month,
    format_date,
    format_offset,
    format_year,
)


class _Offset:
    """A parsed UTC offset: `Z`, or a sign and hours with optional minutes, seconds, fraction
    (filled in as the parser goes)."""

    __slots__ = ("hours", "minutes", "nanoseconds", "negative", "seconds", "zulu")

    def __init__(self, zulu: bool, negative: bool = False) -> None:
        self.zulu = zulu
        self.negative = negative
        self.hours = 0
        self.minutes: int | None = None
        self.seconds: int | None = None
        self.nanoseconds: int | None = None

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


class _DateTime:
    """What the date-time parser read."""

    __slots__ = ("annotation", "day", "month", "offset", "time", "year")

    def __init__(
        self,
        year: int,
        month: int,
        day: int,
        time: tuple[int, int, int, int] | None,  # hour, minute, second, nanosecond
        offset: _Offset | None,
        annotation: str,
    ) -> None:
        self.year = year
        self.month = month
        self.day = day
        self.time = time
        self.offset = offset
        self.annotation = annotation

    def display(self) -> str:
        """How jiff shows what it parsed (in "parsed value '…'" errors)."""
        text = format_date(self.year, self.month, self.day)
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
        raise ParseError(missing)
    error = int_error(field)
    if error is not None:
        raise ParseError(f"failed to parse two digit integer as {name}: {error}")
    value = int(field)
    if not low <= value <= high:
        raise ParseError(
            f"failed to parse two digit integer as {name}: parameter '{name}' is not in the "
            f"required range of {low}..={high}"
        )
    return value


def _parse_year(data: bytes, pos: int) -> tuple[int, int]:
    if pos < len(data) and data[pos] in b"+-":
        negative = data[pos] == 0x2D
        field = data[pos + 1 : pos + 7]
        if len(field) < 6:
            raise ParseError(
                "expected six digit year (because of a leading sign), but found end of input"
            )
        error = int_error(field)
        if error is not None:
            raise ParseError(f"failed to parse six digit integer as year: {error}")
        year = int(field)
        if year > 9999:
            raise ParseError(
                "failed to parse six digit integer as year: parameter 'year' is not in the "
                "required range of -9999..=9999"
            )
        if year == 0 and negative:
            raise ParseError(
                "year zero must be written without a sign or a positive sign, "
                "but not a negative sign"
            )
        return (-year if negative else year), pos + 7
    field = data[pos : pos + 4]
    if len(field) < 4:
        raise ParseError(
            "expected four digit year (or leading sign for six digit year), but found end of input"
        )
    error = int_error(field)
    if error is not None:
        raise ParseError(f"failed to parse four digit integer as year: {error}")
    return int(field), pos + 4


def _parse_offset(data: bytes, pos: int, *, zulu: bool, subminute: bool) -> tuple[_Offset, int]:
    """A `Z` or `±HH[:MM[:SS[.f]]]` (basic or extended) UTC offset."""
    if data[pos] in b"Zz":
        if not zulu:
            raise ParseError(
                f"found `{escape_byte(data[pos])}` where a numeric UTC offset was expected "
                "(this context does not permit the Zulu offset)"
            )
        return _Offset(zulu=True), pos + 1
    offset = _Offset(zulu=False, negative=data[pos] == 0x2D)
    pos += 1
    hours_field = data[pos : pos + 2]
    if len(hours_field) < 2:
        raise ParseError(
            "failed to parse hours in UTC numeric offset: "
            "expected two digit hour after sign, but found end of input"
        )
    error = int_error(hours_field)
    if error is None and int(hours_field) > 25:
        error = "parameter 'time zone offset hours' is not in the required range of -25..=25"
    if error is not None:
        raise ParseError(
            "failed to parse hours in UTC numeric offset: failed to parse hours "
            f"(requires a two digit integer): {error}"
        )
    offset.hours = int(hours_field)
    pos += 2
    extended = data[pos : pos + 1] == b":"

    def separator(at: int) -> tuple[bool, int]:
        if extended:
            return (True, at + 1) if data[at : at + 1] == b":" else (False, at)
        return all_digits(data[at : at + 2]), at

    def component(at: int, name: str, plural: str, after: str) -> int:
        field = data[at : at + 2]
        if len(field) < 2:
            raise ParseError(
                f"failed to parse {plural} in UTC numeric offset: "
                f"expected two digit {name} after {after}, but found end of input"
            )
        problem = int_error(field)
        if problem is None and int(field) > 59:
            problem = (
                f"parameter 'time zone offset {plural}' is not in the required range of -59..=59"
            )
        if problem is not None:
            raise ParseError(
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
            raise ParseError(
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
        offset.nanoseconds, pos = parse_fraction(data, pos)
    except ParseError as failure:
        raise ParseError(
            f"failed to parse fractional seconds in UTC numeric offset: {failure.message}"
        ) from None
    return offset, pos


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
            raise ParseError(
                "expected the start of an RFC 9557 annotation key, but found end of input instead"
            )
        if not (data[pos] == 0x5F or 0x61 <= data[pos] <= 0x7A):
            raise ParseError(
                "expected lowercase alphabetic byte (or underscore) at the start of an RFC 9557 "
                f"annotation key, but found `{escape_byte(data[pos])}` instead"
            )
        pos += 1
        while pos < len(data) and (
            data[pos] in b"_-" or 0x30 <= data[pos] <= 0x39 or 0x61 <= data[pos] <= 0x7A
        ):
            pos += 1
        if pos >= len(data):
            raise ParseError(
                "expected an `=` after parsing an RFC 9557 annotation key, but found end of input instead"
            )
        if data[pos] != 0x3D:
            if data[pos] == 0x2F:
                raise ParseError(
                    "expected an `=` after parsing an RFC 9557 annotation key, but found `/` "
                    "instead (time zone annotations must come first)"
                )
            raise ParseError(
                "expected an `=` after parsing an RFC 9557 annotation key, "
                f"but found `{escape_byte(data[pos])}` instead"
            )
        pos += 1
        while True:
            if pos >= len(data):
                raise ParseError(
                    "expected the start of an RFC 9557 annotation value, but found end of input instead"
                )
            if not (is_alpha(data[pos]) or 0x30 <= data[pos] <= 0x39):
                raise ParseError(
                    "expected alphanumeric ASCII byte at the start of an RFC 9557 annotation "
                    f"value, but found `{escape_byte(data[pos])}` instead"
                )
            while pos < len(data) and (is_alpha(data[pos]) or 0x30 <= data[pos] <= 0x39):
                pos += 1
            if data[pos : pos + 1] != b"-":
                break
            pos += 1
        pos = _close(data, pos, tz=False)
        if critical:
            raise ParseError(
                "found unsupported RFC 9557 annotation with the critical flag (`!`) set"
            )
    return pos, shown


def _iana_component(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise ParseError(
            "expected the start of an RFC 9557 annotation or IANA time zone component name, "
            "but found end of input instead"
        )
    if not (data[pos] in b"_." or is_alpha(data[pos])):
        raise ParseError(
            "expected ASCII alphabetic byte (or underscore or period) at the start of an RFC "
            f"9557 annotation or time zone component name, but found `{escape_byte(data[pos])}` instead"
        )
    pos += 1
    while pos < len(data) and (
        data[pos] in b"_.+-" or is_alpha(data[pos]) or 0x30 <= data[pos] <= 0x39
    ):
        pos += 1
    return pos


def _close(data: bytes, pos: int, *, tz: bool) -> int:
    what = "time zone annotation" if tz else "annotation key and value"
    if pos >= len(data):
        raise ParseError(
            f"expected an `]` after parsing an RFC 9557 {what}, but found end of input instead"
        )
    if data[pos] != 0x5D:
        raise ParseError(
            f"expected an `]` after parsing an RFC 9557 {what}, but found `{escape_byte(data[pos])}` instead"
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
            raise ParseError(
                "failed to parse separator after month: expected `-` separator, but found end of input"
            )
        if data[pos] != 0x2D:
            raise ParseError(
                f"failed to parse separator after month: expected `-` separator, but found `{escape_byte(data[pos])}`"
            )
        pos += 1
    elif data[pos : pos + 1] == b"-":
        raise ParseError(
            "failed to parse separator after month: expected no separator since none was "
            "found after the year, but found a `-` separator"
        )
    day = _two(data, pos, "day", 1, 31, "expected two digit day, but found end of input")
    pos += 2
    limit = days_in_month(year, month)
    if day > limit:
        raise ParseError(
            f"parsed date is not valid: parameter 'day' for `{format_year(year)}-{month:02d}` "
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
        raise ParseError(
            f"parsed value '{parsed.display()}', but unparsed input "
            f"{escape_bytes(data[pos:])} remains (expected no unparsed input)"
        )
    return parsed


def _parse_time(data: bytes, pos: int) -> tuple[tuple[int, int, int, int], int]:
    hour = _two(data, pos, "hour", 0, 23, "expected two digit hour, but found end of input")
    pos += 2
    extended = data[pos : pos + 1] == b":"

    def more(at: int) -> tuple[bool, int]:
        if extended:
            return (True, at + 1) if data[at : at + 1] == b":" else (False, at)
        return all_digits(data[at : at + 2]), at

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
        nanos, pos = parse_fraction(data, pos)
    except ParseError as failure:
        raise ParseError(f"failed to parse fractional seconds in time: {failure.message}") from None
    return (hour, minute, second, nanos or 0), pos


def parse_timestamp(data: bytes) -> Timestamp | Fail:
    """jiff `Timestamp::from_str`: a date, a time and an offset are all required."""
    try:
        parsed = _parse_datetime(data)
    except ParseError as error:
        return Fail(error.message)
    except IndexError:
        return Fail("unexpected end of input")
    if parsed.time is None:
        return Fail("failed to find time component, which is required for parsing a timestamp")
    if parsed.offset is None:
        return Fail("failed to find offset component, which is required for parsing a timestamp")
    offset = parsed.offset
    magnitude = offset.hours * 3_600 + (offset.minutes or 0) * 60 + (offset.seconds or 0)
    if (offset.nanoseconds or 0) >= 500_000_000:
        magnitude += 1
    offset_seconds = -magnitude if offset.negative else magnitude
    if magnitude > 25 * 3_600 + 59 * 60 + 59:
        return Fail(
            "due to precision loss from fractional seconds, time zone offset is rounded to a "
            "value that is out of bounds"
        )
    hour, minute, second, nanos = parsed.time
    seconds = (
        days_from_civil(parsed.year, parsed.month, parsed.day) * DAY_SECONDS
        + hour * 3_600
        + minute * 60
        + second
        - offset_seconds
    )
    if not TIMESTAMP_MIN <= seconds <= TIMESTAMP_MAX:
        return Fail(
            f"failed to convert civil datetime to timestamp with offset {format_offset(offset_seconds)}"
        )
    return Timestamp(seconds, nanos)


def parse_date(data: bytes) -> tuple[tuple[int, int, int], bool] | Fail:
    """jiff `Date::from_str`: any date-time without a Zulu offset; the rest is dropped."""
    try:
        parsed = _parse_datetime(data)
    except ParseError as error:
        return Fail(error.message)
    except IndexError:
        return Fail("unexpected end of input")
    if parsed.offset is not None and parsed.offset.zulu:
        return Fail(
            "cannot parse civil date/time from string with a Zulu offset, parse as a "
            "`jiff::Timestamp` first and convert to a civil date/time instead"
        )
    return (parsed.year, parsed.month, parsed.day), parsed.time is not None
