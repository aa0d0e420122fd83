"""The real judge: uv 0.13 itself, run offline.

* Our accept/reject (and uv's message) equals uv's for generated durations, dates,
  timestamps and junk. One `uv pip compile` call checks a whole batch: each value is passed
  as `--exclude-newer-package pN=VALUE`, which uv parses with the same
  `ExcludeNewerValue::from_str` as `--exclude-newer`; clap stops at the first bad value, so
  each rejection costs one quick call and the accepted rest one resolution.
* TOML literals, what `uv lock` records, `uv lock --check` against `--check-lock`, and every
  fixed fixture project: uv reads it without a warning.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.hooks import check_uv_exclude_newer as hook
from supply_chain_hooks.uv import exclude_newer as en
from supply_chain_hooks.uv import policy as uv_policy
from supply_chain_hooks.workspace import Workspace
from tests.conftest import git, oracle, write
from tests.test_uv_hook import materialise, run

pytestmark = pytest.mark.slow

UTC = en.FixedOffset(0)
UV = ""  # set by the uv_env fixture: the real uv (tests/conftest.py's oracle)


@pytest.fixture(scope="module")
def uv_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    global UV
    UV = oracle("uv")
    home = tmp_path_factory.mktemp("uv-home")
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(home),
        "UV_CACHE_DIR": str(home / "cache"),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_OFFLINE": "1",
        "TZ": "UTC",
        "NO_COLOR": "1",
    }


_BAD = re.compile(r"invalid value 'p(\d+)=")


def uv_verdicts(values: Sequence[str], env: dict[str, str]) -> list[str | None]:
    """For each value: None when uv accepts it, else uv's reason."""
    assert UV is not None
    pending = dict(enumerate(values))
    verdicts: dict[int, str | None] = {}
    while pending:
        args = [UV, "pip", "compile", "--no-config", "--offline", "--no-header", "--quiet"]
        for number, value in pending.items():
            args += ["--exclude-newer-package", f"p{number}={value}"]
        completed = subprocess.run(
            [*args, os.devnull], env=env, capture_output=True, text=True, check=False
        )
        if completed.returncode == 0:
            verdicts.update(dict.fromkeys(pending))
            break
        match = _BAD.search(completed.stderr)
        assert match, completed.stderr
        number = int(match.group(1))
        prefix = f"Invalid `exclude-newer-package` value `{pending[number]}`: "
        verdicts[number] = completed.stderr.split(prefix, 1)[1].split("\n\nFor more information")[0]
        del pending[number]
    return [verdicts[number] for number in range(len(values))]


def ours(value: str) -> str | None:
    result = en.parse_cli(value, local_offset=UTC)
    return result.reason if isinstance(result, en.Invalid) else None


def assert_agree(values: Sequence[str], env: dict[str, str]) -> None:
    values = list(dict.fromkeys(v for v in values if "\0" not in v))
    mismatches = [
        (value, theirs, ours(value))
        for value, theirs in zip(values, uv_verdicts(values, env), strict=True)
        if theirs != ours(value)
    ]
    assert mismatches == []


# -- strategies ------------------------------------------------------------------------------

LABELS = [
    "years",
    "year",
    "yrs",
    "y",
    "months",
    "month",
    "mos",
    "mo",
    "weeks",
    "week",
    "wk",
    "w",
    "days",
    "day",
    "d",
    "hours",
    "hrs",
    "hr",
    "h",
    "minutes",
    "mins",
    "min",
    "m",
    "seconds",
    "secs",
    "s",
    "ms",
    "msec",
    "millis",
    "us",
    "µs",
    "usecs",
    "micros",
    "ns",
    "nanos",
    "Days",
    "D",
    "H",
    "W",
    "M",
    "mon",
    "dayss",
    "",
]
number = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(0, 10**22).map(str),
    st.integers(0, 99).map(lambda n: f"00{n}"),
)
fraction = st.one_of(
    st.just(""),
    st.sampled_from([".", ","]).flatmap(
        lambda sep: st.integers(0, 10**11).map(lambda n: f"{sep}{n}")
    ),
)
space = st.sampled_from(["", "", " ", "  ", "\t"])
unit = st.tuples(number, fraction, space, st.sampled_from(LABELS)).map("".join)
friendly = st.tuples(
    st.sampled_from(["", "", "+", "-", " "]),
    st.lists(unit, min_size=1, max_size=4).flatmap(
        lambda parts: st.sampled_from([" ", "", ", ", ","]).map(lambda sep: sep.join(parts))
    ),
    st.sampled_from(["", "", "", " ago", "ago", " ", ",", " 01:02:03", " 1:2", "  ago "]),
).map("".join)
iso_part = st.tuples(number, fraction, st.sampled_from([*list("YMWDHMSymwdhms"), "X", ""])).map(
    "".join
)
iso = st.tuples(
    st.sampled_from(["P", "p", "+P", "-P", "P", "--P"]),
    st.lists(iso_part, max_size=3).map("".join),
    st.sampled_from(["", "T", "t"]),
    st.lists(iso_part, max_size=3).map("".join),
).map("".join)
two = st.integers(0, 99).map(lambda n: f"{n:02d}")
year = st.one_of(
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    st.sampled_from(["2025", "9999"]),
    st.tuples(st.sampled_from(["+", "-"]), st.integers(0, 999_999)).map(
        lambda p: f"{p[0]}{p[1]:06d}"
    ),
)
date = st.tuples(
    year,
    st.sampled_from(["-", "-", ""]),
    st.integers(0, 13).map(lambda n: f"{n:02d}"),
    st.sampled_from(["-", "-", "", "/"]),
    st.integers(0, 32).map(lambda n: f"{n:02d}"),
).map("".join)
clock = st.tuples(
    st.sampled_from(["T", "t", " ", "T"]),
    two,
    st.sampled_from([":", ""]),
    two,
    st.sampled_from(["", ":00", ":59", ":60", ":61", "00"]),
    fraction,
).map("".join)
offset = st.sampled_from(
    [
        "Z",
        "z",
        "",
        "+00:00",
        "-05:00",
        "+0530",
        "+05",
        "+25:59",
        "+26:00",
        "-00:00:30.5",
        "+05:60",
        " Z",
    ]
)
annotation = st.sampled_from(
    [
        "",
        "",
        "[UTC]",
        "[America/New_York]",
        "[!Europe/Paris]",
        "[u-ca=iso8601]",
        "[!u-ca=iso8601]",
        "[+05:00]",
        "[Foo=bar]",
        "[",
        "[a/b][x-y=z-w]",
        "[+05:00:01]",
    ]
)
timestamp = st.tuples(date, st.one_of(st.just(""), clock), offset, annotation).map("".join)
junk = st.text(
    st.sampled_from(list("0123456789PTYMWDHSdhmswy-+:., Z[]!=/agoµ\tfalse")), max_size=16
)
EXAMPLES = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(st.lists(friendly, min_size=5, max_size=25))
def test_durations_agree_with_uv(uv_env: dict[str, str], values: list[str]) -> None:
    assert_agree(values, uv_env)


@EXAMPLES
@given(st.lists(iso, min_size=5, max_size=25))
def test_iso_durations_agree_with_uv(uv_env: dict[str, str], values: list[str]) -> None:
    assert_agree(values, uv_env)


@EXAMPLES
@given(st.lists(st.one_of(date, timestamp), min_size=5, max_size=25))
def test_dates_and_timestamps_agree_with_uv(uv_env: dict[str, str], values: list[str]) -> None:
    assert_agree(values, uv_env)


@EXAMPLES
@given(st.lists(junk, min_size=5, max_size=25))
def test_junk_agrees_with_uv(uv_env: dict[str, str], values: list[str]) -> None:
    assert_agree(values, uv_env)


EDGES = [
    "7 days",
    "7 Days",
    "P1M",
    "2025-01-01",
    "",
    "false",
    "1.5 days",
    "1.5h",
    "9999-12-31",
    "-P7D",
    " 7d",
    "7d ",
    "PT0S",
    "9999-12-30T22:00:00Z",
    "9999-12-30T22:00:01Z",
    "9999-12-30",
    "9999-12-29",
    "-009999-01-01",
    "-009999-01-02",
    "-009999-01-02T01:59:59Z",
    "-009999-01-02T01:59:58Z",
    "2025-01-01T00:00:00Z[!u-ca=iso8601]",
    "000000000000000000007d",
    "0000000000000000000007d",
    "9223372036854775807ns",
    "9223372036854775808ns",
    "18446744073709551616ns",
    "175307617 hours",
    "600000 weeks",
    "650000 weeks",
    "1 μs",
    "1.5µs",
    "7d 999:999:999",
    "1h 01:00:00",
    "-7 days ago",
    "7 days ago ",
    "2025-01-01T10:00:00+25:59:59.5",
]


def test_edge_values_agree_with_uv(uv_env: dict[str, str]) -> None:
    assert_agree(EDGES, uv_env)


def test_the_exclude_newer_flag_agrees_with_us(uv_env: dict[str, str]) -> None:
    """`--exclude-newer=VALUE` (the `=` form: a value may start with `-`), the flag the batch
    oracle stands in for, accepts and rejects what we do, with our reason."""
    sample = ["7 days", "7 Days", "-P7D", "2025-13-01", "P1Y", "false", "2025-01-01T00:00:00Z"]
    verdicts = [ours(value) for value in sample]
    assert [verdict is None for verdict in verdicts] == [
        True,
        False,
        True,
        False,
        False,
        True,
        True,
    ]
    for value, verdict in zip(sample, verdicts, strict=True):
        completed = subprocess.run(
            [
                UV,
                "pip",
                "compile",
                "--no-config",
                "--offline",
                "--no-header",
                "--quiet",
                f"--exclude-newer={value}",
                "-",
            ],
            input="",
            env=uv_env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert (completed.returncode == 0) == (verdict is None), (value, completed.stderr)
        if verdict is not None:
            assert verdict in completed.stderr


TOML_LITERALS = [
    "false",
    "true",
    "7",
    "7.5",
    '"7 days"',
    "2025-01-01T00:00:00Z",
    "2025-01-01",
    '["7 days"]',
    '{ timestamp = "2025-01-01T00:00:00Z" }',
    '{ timestamp = "2025-01-01T00:00:00Z", span = "P7D" }',
    '{ timestamp = "2025-01-01T00:00:00Z", span = "1 year" }',
    '{ timestamp = "2025-01-01", span = "P7D" }',
    '{ span = "P7D" }',
    '{ timestamp = "2025-01-01T00:00:00Z", span = false }',
    "'''7 days'''",
]


@pytest.mark.parametrize("literal", TOML_LITERALS)
def test_toml_literals_agree_with_uv(literal: str, tmp_path: Path, uv_env: dict[str, str]) -> None:
    config = write(tmp_path, "uv.toml", f"exclude-newer = {literal}\n")
    completed = subprocess.run(
        [
            UV,
            "pip",
            "compile",
            "--config-file",
            str(config),
            "--offline",
            "--show-settings",
            os.devnull,
        ],
        env=uv_env,
        capture_output=True,
        text=True,
        check=False,
    )
    parsed = en.parse_setting(tomllib.loads(config.read_text())["exclude-newer"])
    assert (completed.returncode == 0) == (not isinstance(parsed, en.Invalid)), completed.stderr
    if isinstance(parsed, en.Invalid):
        assert parsed.reason in completed.stderr
    else:  # uv read the file: it shows the setting it resolved
        assert "exclude_newer: ExcludeNewer {" in completed.stdout, completed.stdout[-2000:]


PROJECT = '[project]\nname = "t"\nversion = "0.1.0"\nrequires-python = ">=3.9"\ndependencies = []\n'


def uv_lock(directory: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UV, "lock", "--offline", *extra],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "tz", "offset"),
    [
        ("7 days", "UTC", 0),
        ("1 week, 2 days", "UTC", 0),
        ("-0.5h", "UTC", 0),
        ("2100us", "UTC", 0),
        ("2025-01-01T00:00:00+02:00", "UTC", 0),
        ("2025-01-01", "Asia/Tokyo", 9 * 3600),
        ("2025-01-01T23:59:59", "America/New_York", -5 * 3600),
        ("20250101", "UTC", 0),
    ],
)
def test_what_uv_lock_records(
    value: str, tz: str, offset: int, tmp_path: Path, uv_env: dict[str, str]
) -> None:
    write(tmp_path, "pyproject.toml", PROJECT + f'\n[tool.uv]\nexclude-newer = "{value}"\n')
    completed = uv_lock(tmp_path, {**uv_env, "TZ": tz})
    assert completed.returncode == 0, completed.stderr
    options = tomllib.loads((tmp_path / "uv.lock").read_text())["options"]
    parsed = en.parse(value, local_offset=en.FixedOffset(offset))
    assert isinstance(parsed, en.Cutoff)
    if parsed.span is not None:
        assert options["exclude-newer-span"] == parsed.span.iso()
    else:
        assert options["exclude-newer"] == str(parsed.timestamp)


LOCK_CHANGES = [
    ('exclude-newer = "7 days"', 'exclude-newer = "7d"'),
    ('exclude-newer = "7 days"', 'exclude-newer = "1 week"'),
    ('exclude-newer = "7 days"', ""),
    ("", 'exclude-newer = "7 days"'),
    ('exclude-newer = "2025-01-01T00:00:00Z"', 'exclude-newer = "2025-06-01T00:00:00Z"'),
    ('exclude-newer = "2025-01-01T00:00:00Z"', 'exclude-newer = "2024-06-01T00:00:00Z"'),
    ('exclude-newer = "2025-01-01T00:00:00Z"', 'exclude-newer = "7 days"'),
    ('exclude-newer = "7 days"', "exclude-newer = false"),
    (
        'exclude-newer = "7 days"',
        'exclude-newer = "7 days"\nexclude-newer-package = { six = "3 days" }',
    ),
    (
        'exclude-newer = "7 days"\nexclude-newer-package = { six = false }',
        'exclude-newer = "7 days"',
    ),
    (
        'exclude-newer = "7 days"\nexclude-newer-package = { six = false }',
        'exclude-newer = "7 days"\nexclude-newer-package = { six = "P3D" }',
    ),
    # `t` is the project itself, so it is in the resolution
    (
        'exclude-newer = "7 days"',
        'exclude-newer = "7 days"\nexclude-newer-package = { t = "3 days" }',
    ),
    ('exclude-newer = "7 days"', 'exclude-newer = "7 days"\nexclude-newer-package = { t = false }'),
    (
        'exclude-newer = "7 days"\nexclude-newer-package = { t = false }',
        'exclude-newer = "7 days"\nexclude-newer-package = { T = "P3D" }',
    ),
    (
        'exclude-newer = "7 days"\nexclude-newer-package = { t = "P3D" }',
        'exclude-newer = "7 days"\nexclude-newer-package = { t = "3 days" }',
    ),
    (
        'exclude-newer = "7 days"\nexclude-newer-package = { t = "P3D" }',
        'exclude-newer = "7 days"\nexclude-newer-package = { t = "P4D" }',
    ),
]


@pytest.mark.parametrize(("before", "after"), LOCK_CHANGES)
def test_check_lock_agrees_with_uv_lock_check(
    before: str, after: str, repo: Path, uv_env: dict[str, str]
) -> None:
    write(repo, "pyproject.toml", PROJECT + f"\n[tool.uv]\n{before}\n")
    locked = uv_lock(repo, uv_env)
    assert locked.returncode == 0, locked.stderr
    # uv wrote the lock, and it records the cooldown it resolved under.
    options = tomllib.loads((repo / "uv.lock").read_text()).get("options", {})
    recorded = "exclude-newer" in options or "exclude-newer-span" in options
    value = next((line for line in before.splitlines() if line.startswith("exclude-newer =")), "")
    assert recorded == (value not in ("", "exclude-newer = false")), options
    write(repo, "pyproject.toml", PROJECT + f"\n[tool.uv]\n{after}\n")
    git("add", "-A", cwd=repo)
    checked = uv_lock(repo, uv_env, "--check")
    stale = checked.returncode != 0
    if stale:
        assert "needs to be updated" in checked.stderr, checked.stderr
    findings = hook.check(
        Workspace("."), (), uv_policy.Options(check_lock=True, min_cooldown="1 day")
    )
    reported = [f for f in findings if f.rule.code == "SCH314"]
    assert bool(reported) == stale, (before, after, [f.message for f in findings])


@pytest.fixture
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield


@pytest.mark.usefixtures("_utc")
@pytest.mark.parametrize(
    ("case", "span"),
    [
        ("missing", "P7D"),
        ("invalid_value", "P7D"),
        ("workspace_member", "P5D"),
        ("pip_only", "P1W"),
        ("shadowed", "P10D"),
        ("crlf_bom", "P7D"),
        ("unknown_key", "P7D"),
    ],
)
def test_uv_reads_fixed_projects_without_a_warning(
    case: str, span: str, repo: Path, capsys: pytest.CaptureFixture[str], uv_env: dict[str, str]
) -> None:
    materialise(case, repo)
    (repo / "uv.lock").unlink(missing_ok=True)  # the fixtures' lock files are empty markers
    before = uv_lock(repo, uv_env)
    assert before.returncode == 0, before.stderr
    assert "exclude-newer-span" not in (repo / "uv.lock").read_text(), before.stderr
    run(capsys, "--fix")
    after = uv_lock(repo, uv_env)
    assert after.returncode == 0, after.stderr
    assert "warning" not in after.stderr.lower(), after.stderr
    options = tomllib.loads((repo / "uv.lock").read_text())["options"]
    assert options["exclude-newer-span"] == span
