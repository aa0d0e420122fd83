"""uv's exclude-newer grammar: golden values (captured from uv 0.13.9) and typed results.

The expected messages below are uv's own, recorded from `uv pip compile --exclude-newer`;
tests/test_uv_differential.py re-checks the parser against the real binary.
"""

from __future__ import annotations

import datetime

import pytest

from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv.jiff import values

#: 2026-11-21T23:33:32Z, a fixed "now" so spans and month/year hints are deterministic.
NOW = 1_795_304_012 * 1_000_000_000
UTC = en.FixedOffset(0)

#: value -> None when uv accepts it, else uv's exact error message.
GOLDEN: list[tuple[str, str | None]] = [
    ("7 days", None),
    ("7d", None),
    ("7days", None),
    ("P7D", None),
    ("p7d", None),
    ("+7 days", None),
    ("7 days ago", None),
    ("-7 days", None),
    ("1 week", None),
    ("1w", None),
    ("P1W", None),
    ("2 weeks", None),
    ("24 hours", None),
    ("24h", None),
    ("PT24H", None),
    ("90 minutes", None),
    ("3 days 12 hours", None),
    ("1 week, 2 days", None),
    ("P1DT12H", None),
    ("5 days, 01:02:03", None),
    ("0 days", None),
    ("PT0S", None),
    ("1.5h", None),
    ("PT1,5H", None),
    ("2025-01-01T00:00:00Z", None),
    ("2025-01-01T00:00:00+02:00", None),
    ("2025-01-01 00:00:00Z", None),
    ("2025-01-01T00:00Z", None),
    ("2025-01-01t10:00:00.5z", None),
    ("20250101T100000Z", None),
    ("2025-01-01T00:00:00Z[UTC]", None),
    ("2025-01-01T00:00:00Z[x-foo=bar]", None),
    (
        "7 Days",
        '`7 Days` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected to find unit designator suffix (e.g., `years` or `secs`) after parsing integer',
    ),
    (
        "7 DAYS",
        '`7 DAYS` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected to find unit designator suffix (e.g., `years` or `secs`) after parsing integer',
    ),
    (
        "1 M",
        '`1 M` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected to find unit designator suffix (e.g., `years` or `secs`) after parsing integer',
    ),
    (
        "1.5 days",
        "`1.5 days` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "7",
        "`7` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "",
        "`` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "seven days",
        "`seven days` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "2025-1-1",
        "`2025-1-1` could not be parsed as a valid date: failed to parse two digit integer as month: invalid digit, expected 0-9 but got -",
    ),
    (
        "2025-13-01",
        "`2025-13-01` could not be parsed as a valid date: failed to parse two digit integer as month: parameter 'month' is not in the required range of 1..=12",
    ),
    (
        "2025-02-30",
        "`2025-02-30` could not be parsed as a valid date: parsed date is not valid: parameter 'day' for `2025-02` is invalid, must be in range `1..=28`",
    ),
    (
        "2025-01-01Z",
        "`2025-01-01Z` could not be parsed as a valid date: parsed value '2025-01-01', but unparsed input \"Z\" remains (expected no unparsed input)",
    ),
    (
        "P1M",
        "Duration `P1M` uses 'months' which is not allowed; use days instead, e.g., `30 days`.",
    ),
    (
        "1 month",
        "Duration `1 month` uses 'months' which is not allowed; use days instead, e.g., `30 days`.",
    ),
    (
        "P1Y",
        "Duration `P1Y` uses unit 'years' which is not allowed; use days instead, e.g., `365 days`.",
    ),
    (
        "1 year",
        "Duration `1 year` uses unit 'years' which is not allowed; use days instead, e.g., `365 days`.",
    ),
    (
        "1 year 6 months",
        "Duration `1 year 6 months` uses unit 'years' which is not allowed; use days instead, e.g., `730 days`.",
    ),
    (
        "2 months",
        "Duration `2 months` uses 'months' which is not allowed; use days instead, e.g., `60 days`.",
    ),
    (
        "PT",
        "`PT` could not be parsed as an ISO 8601 duration: found a time designator (`T` or `t`) in an ISO 8601 duration string, but did not find any time units",
    ),
    ("P", "`P` could not be parsed as an ISO 8601 duration: no parsed duration components"),
    (
        "P1.5D",
        "`P1.5D` could not be parsed as an ISO 8601 duration: expected to find date unit designator suffix (`Y`, `M`, `W` or `D`), but found `.` instead",
    ),
    (
        "PT1.5H30M",
        "`PT1.5H30M` could not be parsed as an ISO 8601 duration: parsed value 'PT1H30M', but unparsed input \"30M\" remains (expected no unparsed input)",
    ),
    (
        "7 days,",
        '`7 days,` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected whitespace after comma, but found end of input',
    ),
    (
        "7 days, ",
        '`7 days, ` could not be parsed as a duration: failed to parse input in the "friendly" duration format: found comma at the end of duration, but a comma indicates at least one more unit follows',
    ),
    (
        "7 daysago",
        '`7 daysago` could not be parsed as a duration: failed to parse input in the "friendly" duration format: parsed value \'P7D\', but unparsed input "ago" remains (expected no unparsed input)',
    ),
    (
        "-7 days ago",
        '`-7 days ago` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected to find either a prefix sign (+/-) or a suffix sign (`ago`), but found both',
    ),
    (
        "3 days 2 weeks",
        '`3 days 2 weeks` could not be parsed as a duration: failed to parse input in the "friendly" duration format: found value with unit week after unit day, but units must be written from largest to smallest (and they can\'t be repeated)',
    ),
    (
        "1h 01:00:00",
        '`1h 01:00:00` could not be parsed as a duration: failed to parse input in the "friendly" duration format: found `HH:MM:SS` after unit hour, but `HH:MM:SS` can only appear after years, months, weeks or days',
    ),
    (
        "9223372036854775808ns",
        '`9223372036854775808ns` could not be parsed as a duration: failed to parse input in the "friendly" duration format: value for nanoseconds is too big (or small) to fit into a signed 64-bit integer',
    ),
    (
        "650000 weeks",
        "Duration `650000 weeks` is too large to subtract from current time: failed to add span to datetime from zoned datetime: failed to add span to date: parameter 'Unix epoch days' is not in the required range of -4371587..=2932896",
    ),
    (
        " 7d",
        '` 7d` could not be parsed as a duration: failed to parse input in the "friendly" duration format: expected duration to start with a unit value (a decimal integer) after an optional sign, but no integer was found',
    ),
    (
        "-",
        "`-` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "2025-01-01T24:00:00Z",
        "`2025-01-01T24:00:00Z` could not be parsed as a valid date: failed to parse two digit integer as hour: parameter 'hour' is not in the required range of 0..=23",
    ),
    (
        "2025-01-01T00:00:00Z[!u-ca=iso8601]",
        "`2025-01-01T00:00:00Z[!u-ca=iso8601]` could not be parsed as a valid date: found unsupported RFC 9557 annotation with the critical flag (`!`) set",
    ),
    (
        "2025-01-01T00:00:00+26:00",
        "`2025-01-01T00:00:00+26:00` could not be parsed as a valid date: failed to parse hours in UTC numeric offset: failed to parse hours (requires a two digit integer): parameter 'time zone offset hours' is not in the required range of -25..=25",
    ),
    (
        "9999-12-31",
        "`9999-12-31` parsed to date `9999-12-31`, but could not be converted to a timestamp: parameter 'year' is not in the required range of -9999..=9999",
    ),
    (
        "9999-12-31T00:00:00Z",
        "`9999-12-31T00:00:00Z` could not be parsed as a valid date: cannot parse civil date/time from string with a Zulu offset, parse as a `jiff::Timestamp` first and convert to a civil date/time instead",
    ),
    (
        "-000000-01-01",
        "`-000000-01-01` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
    (
        "1 μs",
        "`1 μs` could not be parsed as a valid exclude-newer value (expected a date like `2024-01-01`, a timestamp like `2024-01-01T00:00:00Z`, or a duration like `3 days` or `P3D`)",
    ),
]


@pytest.mark.parametrize(("value", "expected"), GOLDEN, ids=[repr(v) for v, _ in GOLDEN])
def test_golden_values_match_uv(value: str, expected: str | None) -> None:
    result = en.parse(value, now_ns=NOW, local_offset=UTC)
    if expected is None:
        assert isinstance(result, en.Cutoff), result
    else:
        assert result == en.Invalid(expected)


def test_the_string_false_is_invalid_in_toml_but_disables_on_the_command_line() -> None:
    assert isinstance(en.parse_setting("false"), en.Invalid)
    assert en.parse_cli("false") == en.Disabled()
    assert en.parse_setting(False) == en.Disabled()
    assert en.parse_setting(True) == en.Invalid("expected false to disable exclude-newer, got true")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("7 days", "P7D"),
        ("7d", "P7D"),
        ("P7D", "P7D"),
        ("p7d", "P7D"),
        ("+7 days", "P7D"),
        ("7 days ago", "-P7D"),
        ("-7 days", "-P7D"),
        ("1 week", "P1W"),
        ("1w", "P1W"),
        ("2 weeks", "P2W"),
        ("24 hours", "PT24H"),
        ("24h", "PT24H"),
        ("90 minutes", "PT90M"),
        ("3 days 12 hours", "P3DT12H"),
        ("1 week, 2 days", "P1W2D"),
        ("P1DT12H", "P1DT12H"),
        ("0 days", "PT0S"),
        ("1.5h", "PT1H30M"),
        ("7d 1.5m", "P7DT1M30S"),
        ("0.0021s", "PT0.0021S"),
        ("1s2000ms", "PT3S"),
        ("5 days, 01:02:03", "P5DT1H2M3S"),
        ("-0.5h", "-PT30M"),
        ("0.5h ago", "-PT30M"),
        ("-0 days", "PT0S"),
    ],
)
def test_spans_render_as_uv_writes_them_into_uv_lock(value: str, iso: str) -> None:
    result = en.parse(value, now_ns=NOW)
    assert isinstance(result, en.Cutoff)
    assert result.kind is en.Kind.SPAN
    assert result.span is not None
    assert result.span.iso() == iso


def test_spans_compare_fieldwise_like_uv() -> None:
    def span(text: str) -> en.Span:
        parsed = en.parse_span(text)
        assert isinstance(parsed, en.Span)
        return parsed

    assert span("7 days") == span("7d") == span("P7D")
    assert span("1 week") != span("7 days")  # uv: "change of exclude newer span from P7D to P1W"
    assert span("-7 days") != span("7 days")
    assert span("1 week").fixed_nanoseconds() == span("7 days").fixed_nanoseconds()


def test_timestamps_are_normalised_to_utc() -> None:
    result = en.parse("2025-01-01T00:00:00+02:00")
    assert isinstance(result, en.Cutoff)
    assert result.kind is en.Kind.TIMESTAMP
    assert result.timestamp == en.Timestamp(1_735_682_400)
    assert str(result.timestamp) == "2024-12-31T22:00:00Z"
    fractional = en.parse("2025-01-01t10:00:00.5z")
    assert isinstance(fractional, en.Cutoff)
    assert str(fractional.timestamp) == "2025-01-01T10:00:00.5Z"


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, "2025-01-02T00:00:00Z"),
        (9 * 3600, "2025-01-01T15:00:00Z"),
        (-5 * 3600, "2025-01-02T05:00:00Z"),
    ],
)
def test_a_date_means_the_next_local_midnight(offset: int, expected: str) -> None:
    for text in ("2025-01-01", "20250101"):
        result = en.parse(text, local_offset=en.FixedOffset(offset))
        assert isinstance(result, en.Cutoff)
        assert result.kind is en.Kind.DATE
        assert result.date == (2025, 1, 1)
        assert str(result.timestamp) == expected
        assert not result.dropped_time


@pytest.mark.parametrize(
    "text",
    ["2025-01-01T00:00:00", "2025-01-01T15:30:00", "2025-01-01 15:30", "2025-01-01T23:59:59"],
)
def test_a_date_time_without_z_is_a_date_whose_time_uv_drops(text: str) -> None:
    result = en.parse(text, local_offset=UTC)
    assert isinstance(result, en.Cutoff)
    assert result.kind is en.Kind.DATE
    assert str(result.timestamp) == "2025-01-02T00:00:00Z"
    assert result.dropped_time


def test_year_and_month_hints_follow_uv() -> None:
    def reason(text: str) -> str:
        result = en.parse(text, now_ns=NOW)
        assert isinstance(result, en.Invalid)
        return result.reason

    assert reason("1 year") == (
        "Duration `1 year` uses unit 'years' which is not allowed; use days instead, e.g., `365 days`."
    )
    assert "`730 days`" in reason("1 year 6 months")
    assert "`365 days`" in reason("-1 year")
    assert reason("P2M") == (
        "Duration `P2M` uses 'months' which is not allowed; use days instead, e.g., `60 days`."
    )
    assert "`60 days`" in reason("1 month 3 days")


def test_spans_must_fit_before_year_minus_9999() -> None:
    assert isinstance(en.parse("600000 weeks", now_ns=NOW), en.Cutoff)
    too_large = en.parse("650000 weeks", now_ns=NOW)
    assert isinstance(too_large, en.Invalid)
    assert too_large.reason.startswith("Duration `650000 weeks` is too large to subtract")


def test_cooldowns() -> None:
    week = en.parse("7 days", now_ns=NOW)
    assert isinstance(week, en.Cutoff)
    assert week.cooldown_nanoseconds(NOW) == 7 * 86_400 * 10**9
    future = en.parse("2999-01-01T00:00:00Z")
    assert isinstance(future, en.Cutoff)
    assert future.cooldown_nanoseconds(NOW) < 0
    assert week.describe() == "span P7D"


EXPECTED = (
    "expected a date/timestamp/duration string, false to disable exclude-newer, "
    "or a table with timestamp/span"
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7, f"invalid type: integer `7`, {EXPECTED}"),
        (7.5, f"invalid type: floating point `7.5`, {EXPECTED}"),
        (["7 days"], f"invalid type: sequence, {EXPECTED}"),
        (datetime.date(2025, 1, 1), "missing field `timestamp`"),
        (datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC), "missing field `timestamp`"),
        ({}, "missing field `timestamp`"),
        ({"span": "P7D"}, "missing field `timestamp`"),
    ],
)
def test_toml_values_uv_rejects(value: object, expected: str) -> None:
    assert en.parse_setting(value) == en.Invalid(expected)


def test_the_table_form() -> None:
    absolute = en.parse_setting({"timestamp": "2025-01-01T00:00:00Z"})
    assert isinstance(absolute, en.Cutoff)
    assert absolute.kind is en.Kind.TIMESTAMP
    relative = en.parse_setting({"timestamp": "2025-01-01T00:00:00Z", "span": "1 year", "x": 1})
    assert isinstance(relative, en.Cutoff)
    assert relative.kind is en.Kind.SPAN  # the span wins, and years are fine here
    assert relative.span == en.Span(years=1)
    bad = en.parse_setting({"timestamp": "2025-01-01", "span": "P7D"})
    assert bad == en.Invalid(
        "failed to find time component, which is required for parsing a timestamp"
    )
    assert isinstance(
        en.parse_setting({"timestamp": "2025-01-01T00:00:00Z", "span": False}), en.Invalid
    )


def test_nothing_raises_on_junk() -> None:
    for text in [
        "\x00",
        "\u00b5s",
        "1 \u00b5s",
        "P" * 50,
        "9" * 40 + "d",
        "[",
        "2025-01-01[",
        "2025-01-01T00:00:00Z[!",
        "1:",
        "1::",
        "+P",
        "-p",
        "\ud7ff",
        "\t7d",
    ]:
        assert isinstance(en.parse(text), en.Cutoff | en.Invalid)


def test_calendar_helpers_round_trip() -> None:
    for days in range(values.EPOCH_DAYS_MIN, values.EPOCH_DAYS_MAX + 1, 9973):
        assert values.days_from_civil(*values.civil_from_days(days)) == days
    assert values.civil_from_days(values.EPOCH_DAYS_MIN) == (-9999, 1, 1)
    assert values.civil_from_days(values.EPOCH_DAYS_MAX) == (9999, 12, 31)
    assert (
        values.days_from_civil(2000, 2, 29)
        == (datetime.date(2000, 2, 29) - datetime.date(1970, 1, 1)).days
    )
