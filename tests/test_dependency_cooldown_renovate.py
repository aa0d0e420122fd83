"""check-dependency-cooldown on Renovate: the config file Renovate reads, `minimumReleaseAge`
globally and in `packageRules` (SCH621-SCH623), the JSON5 reader, and Renovate's `toMs`
checked against the real `ms` package under Node."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.cooldown import json5
from supply_chain_hooks.cooldown.renovate import to_ms
from supply_chain_hooks.hooks import check_dependency_cooldown as hook
from supply_chain_hooks.source import InputError
from tests.conftest import git, write

RENOVATE_JSON5 = """\
// Renovate for this repository
{
  $schema: 'https://docs.renovatebot.com/renovate-schema.json',
  extends: ['config:best-practices', ':dependencyDashboard',],
  /* PyPI only */
  packageRules: [
    {matchUpdateTypes: ['patch'], minimumReleaseAge: null},
    {matchPackageNames: ['ruff', 'uv'], minimumReleaseAge: '1 day'},
    {matchDatasources: ['pypi'], minimumReleaseAge: '14 days'},
    {matchPackageNames: ['x'], minimumReleaseAge: '3 days ago'},
  ],
}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = hook.main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_renovate_json5_rules_and_presets(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(repo, ".github/renovate.json5", RENOVATE_JSON5)
    git("add", "-A", cwd=repo)
    code, lines = run(capsys)
    assert code == 1
    assert lines == [
        (
            ".github/renovate.json5:3:3: SCH621 [*] Renovate takes new releases at once: no "
            "`minimumReleaseAge` for all packages (minimum cooldown 3 days); "
            "`config:best-practices` sets it only for npm packages"
        ),
        (
            ".github/renovate.json5:7:35: SCH623 Renovate packageRules[0] (matchUpdateTypes: patch) "
            "removes the minimum release age (minimum cooldown 3 days)"
        ),
        (
            ".github/renovate.json5:8:41: SCH623 Renovate packageRules[1] (matchPackageNames: ruff, "
            "uv) lowers the minimum release age to 1 day (minimum cooldown 3 days)"
        ),
        (
            ".github/renovate.json5:10:32: SCH623 Renovate packageRules[3] (matchPackageNames: x) "
            "sets '3 days ago', which is not a duration Renovate reads: nothing is held back "
            "(minimum cooldown 3 days)"
        ),
        "Found 4 problems (1 fixable with --fix).",
    ]
    run(capsys, "--fix")
    assert path.read_text() == RENOVATE_JSON5.replace(
        "{\n  $schema", "{\n  minimumReleaseAge: '7 days',\n  $schema"
    )
    code, lines = run(capsys, "--fix")
    assert [line for line in lines if "SCH621" in line] == []
    json5.parse(path.read_text())


def test_the_first_config_file_in_renovates_order_counts(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "renovate.json", '{\n  "minimumReleaseAge": "7 days"\n}\n')
    write(repo, ".renovaterc", '{"extends": ["config:recommended"]}\n')
    write(repo, "package.json", '{"name": "x", "renovate": {"minimumReleaseAge": "1 day"}}\n')
    git("add", "-A", cwd=repo)
    assert run(capsys)[0] == 0
    (repo / "renovate.json").unlink()
    git("add", "-A", cwd=repo)
    code, lines = run(capsys)
    assert code == 1
    assert lines[0].startswith(
        ".renovaterc:1:2: SCH621 Renovate takes new releases at once"
    )  # no fix: `{` shares the line
    (repo / ".renovaterc").unlink()
    git("add", "-A", cwd=repo)
    assert run(capsys, "--fix", "--fix-days", "10")[0] == 1
    assert (repo / "package.json").read_text() == (
        '{"name": "x", "renovate": {"minimumReleaseAge": "10 days"}}\n'
    )
    write(repo, "package.json", '{"name": "x"}\n')
    git("add", "-A", cwd=repo)
    assert run(capsys)[0] == 0  # no Renovate config at all


def test_global_age_too_short_or_unreadable(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "renovate.json", '{\n  "minimumReleaseAge": "2 days",\n  "extends": []\n}\n')
    git("add", "-A", cwd=repo)
    assert run(capsys)[1][0] == (
        'renovate.json:2:3: SCH622 [*] Renovate `minimumReleaseAge` "2 days" waits 2 days, '
        "below the minimum cooldown of 3 days"
    )
    write(repo, "renovate.json", '{"minimumReleaseAge": 3}\n')
    assert run(capsys)[1][0] == (
        "renovate.json:1:2: SCH622 Renovate `minimumReleaseAge` 3 is not a string such as "
        '"7 days": it holds no release back (minimum cooldown 3 days)'
    )
    write(repo, "renovate.json", '{"minimumReleaseAge": "72 hours"}\n')
    assert run(capsys)[0] == 0
    write(repo, "renovate.json", '{"minimumReleaseAge": "3 days",}\n')  # JSON5 fallback
    assert run(capsys)[0] == 0
    write(repo, "renovate.json", '{"minimumReleaseAge": "3 days"\n')
    code, lines = run(capsys)
    assert code == 1
    assert lines[0].startswith("renovate.json:2:1: SCH001 invalid JSON5")


# -- JSON5 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{a: 1, \'b\': "x", "c": [1, 2,],}', {"a": 1, "b": "x", "c": [1, 2]}),
        ("// c\n/* d */ [+1, -.5, 5., 0x1F, 1e3, -Infinity]", [1, -0.5, 5, 31, 1000, -math.inf]),
        ("'a\\\nb\\x41\\u0042\\'\\0'", "abAB'\0"),
        ("{$a_1: null, \\u0061b: true, ün: false}", {"$a_1": None, "ab": True, "ün": False}),
        ("'\u2028'", "\u2028"),
        ("\ufeff {\u00a0} ", {}),
        ('{"a": 1, "a": 2}', {"a": 2}),
    ],
)
def test_json5_values(text: str, expected: object) -> None:
    assert to_python(json5.parse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "{a: 1,,}",
        "[,]",
        "{a 1}",
        "01",
        "'a\nb'",
        "/* x",
        "{1a: 2}",
        "'\\1'",
        "'\\00'",
        "[1] x",
        "",
        "{'a': 1",
        ".",
        "0x",
        "1e",
        "+",
        "tru",
        "{a-b: 1}",
        "'\\u12'",
        '"a\\x4"',
    ],
)
def test_json5_errors(text: str) -> None:
    with pytest.raises(InputError):
        json5.parse(text)


def to_python(value: json5.Value) -> object:
    if value.kind == "object":
        result: dict[str, object] = {}
        for key, member in value.members:
            result[key.name] = to_python(member)
        return result
    if value.kind == "array":
        return [to_python(item) for item in value.items]
    return value.value


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False, width=32),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, st.booleans())
def test_json5_reads_json_as_json_does(value: object, indent: bool) -> None:
    text = json.dumps(value, indent=2 if indent else None, ensure_ascii=False)
    assert to_python(json5.parse(text)) == json.loads(text)


def test_spans_point_at_the_text() -> None:
    text = '{\n  "minimumReleaseAge": "7 days" // x\n}'
    root = json5.parse(text)
    key, value = root.members[0]
    assert text[key.start : key.end] == '"minimumReleaseAge"'
    assert text[value.start : value.end] == '"7 days"'


# -- Renovate's toMs against the `ms` package ---------------------------------------------------

NODE = shutil.which("node")
MS = Path("/usr/lib/node_modules/npm/node_modules/ms")

#: Renovate's toMs (lib/util/pretty-time.ts) around the real `ms`, run by Node.
ORACLE = r"""
const ms = require(process.argv[1]);
const splitRegex = /(.*?[a-z]+)/;
function toMs(time) {
  try {
    const specs = time.split(splitRegex).map((x) => x.trim()).filter((x) => x.length > 0)
      .map((s) => s.replace(/^(\d+)\s*(?:months?|M)$/, (_, m) => `${m * 30} days`));
    if (!specs.length) return null;
    let total = 0;
    for (const spec of specs) {
      const value = ms(spec);
      if (typeof value !== 'number' || Number.isNaN(value)) return null;
      total += value;
    }
    return total;
  } catch (err) { return null; }
}
const values = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(values.map(toMs)));
"""


def node_to_ms(values: list[str]) -> list[float | None]:
    assert NODE is not None
    completed = subprocess.run(
        [NODE, "-e", ORACLE, str(MS)],
        input=json.dumps(values),
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[float | None] = json.loads(completed.stdout)
    return result


needs_node = pytest.mark.skipif(
    NODE is None or not (MS / "index.js").is_file(), reason="node and npm's ms are not installed"
)
FIXED = [
    "3 days",
    "7days",
    "1 week 2 days",
    "2 months",
    "1M",
    "3 DAYS",
    "3 Days",
    "0 days",
    "1.5d",
    "100",
    "x",
    "",
    " 3 days ",
    "1 mo",
    "3 days ago",
    "-3 days",
    "1 year",
    "5 mins",
    "10m",
    "2 hrs",
    "1 week, 2 days",
    "1w2d",
    ".5 h",
    "5. h",
    "3\tdays",
    "3  days",
    "3 dayss",
    "1 msec",
    "1 millisecond",
    "2 yrs",
    "P3D",
    "3 days\n1 day",
    "1 day\r",
]


@needs_node
def test_to_ms_agrees_with_renovate_and_ms() -> None:
    assert [to_ms(value) for value in FIXED] == node_to_ms(FIXED)


@needs_node
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(st.sampled_from(list("0123456789 .-dayswekMmonthsrHY\t,")), max_size=14),
        min_size=20,
        max_size=40,
    )
)
def test_to_ms_agrees_on_generated_values(values: list[str]) -> None:
    assert [to_ms(value) for value in values] == node_to_ms(values)
