"""Property-based tests of the core: decoding, parsing, locating and editing never crash,
spans stay inside the text, and fixes are minimal, idempotent and keep every other byte.

Hypothesis example counts are modest so the whole file stays fast; the long fuzz run in
tests/test_reliability_sweep.py (opt-in) covers much more ground.
"""

from __future__ import annotations

import datetime
import itertools
import math
import os
import tomllib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from supply_chain_hooks import edits, toml_doc, yaml_doc
from supply_chain_hooks.config import Config
from supply_chain_hooks.model import Applicability, Edit, Finding, Fix, FixAvailability, Rule
from supply_chain_hooks.runner import Hook, Job, Settings, run_jobs
from supply_chain_hooks.source import BOM, InputError, Source, decode
from supply_chain_hooks.workspace import Workspace
from tests.conftest import write

#: SCH_LONG_FUZZ=1 (see tests/test_reliability_sweep.py) multiplies every example count.
SCALE = 40 if os.environ.get("SCH_LONG_FUZZ") else 1
FAST = settings(max_examples=150 * SCALE, deadline=None)
SLOWER = settings(
    max_examples=60 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# -- arbitrary bytes never raise anything but InputError --------------------------------------

#: Characters that matter to the YAML and TOML grammars, so random text reaches deep paths.
_SYNTAX = st.sampled_from(
    [
        *"abz019 :-[]{},#&*!|>'\"\\=.\n\r\t?%@`~+_",
        "\r\n",
        "- ",
        ": ",
        "'''",
        '"""',
        "[[",
        "]]",
        "\ufeff",
        "\x00",
        "\x85",
        "\u2028",
        "é",
    ]
)
_SYNTAX_TEXT = st.lists(_SYNTAX, max_size=80).map("".join)
ANY_BYTES = st.one_of(
    st.binary(max_size=200),
    _SYNTAX_TEXT.map(lambda text: text.encode("utf-8")),
    st.text(max_size=100).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def _decoded(data: bytes) -> Source | None:
    try:
        return decode("f", data)
    except InputError as error:
        assert error.line >= 1
        assert error.column >= 1
        assert error.message
        return None


def _assert_error_inside(source: Source, error: InputError) -> None:
    """An input error points at a line of the file and at most one column past its end."""
    starts = source.line_starts()
    assert 1 <= error.line <= len(starts), (error.line, len(starts))
    line_end = starts[error.line] if error.line < len(starts) else len(source.text)
    assert 1 <= error.column <= line_end - starts[error.line - 1] + 1, error.message
    assert "\n" not in error.message, error.message


@FAST
@given(ANY_BYTES)
def test_decode_raises_only_input_error(data: bytes) -> None:
    source = _decoded(data)
    if source is not None:
        assert source.encode() == data


@FAST
@given(ANY_BYTES)
@example(b"a: \x01\n")
@example(b"a: b\nc: \x7f")
@example("é: b\nc: \x01".encode())
def test_yaml_parse_raises_only_input_error_and_spans_stay_inside(data: bytes) -> None:
    source = _decoded(data)
    if source is None:
        return
    try:
        document = yaml_doc.parse(source)
    except InputError as error:
        _assert_error_inside(source, error)
        return
    if document.root is None:
        return
    for node in yaml_doc.walk(document.root):
        assert 0 <= yaml_doc.start(node) <= yaml_doc.end(node) <= len(source.text)
        if yaml_doc.is_scalar(node):
            first, last = yaml_doc.scalar_value_span(source, node)
            assert yaml_doc.start(node) <= first <= last <= yaml_doc.end(node)


@FAST
@given(ANY_BYTES)
@example(b'"\\q" = 1\n')
@example(b"a = " + b"[" * 1000 + b"]" * 1000 + b"\n")
@example(b"a = " + b"{b=" * 1000 + b"1" + b"}" * 1000 + b"\n")
def test_toml_load_and_index_raise_only_input_error(data: bytes) -> None:
    source = _decoded(data)
    if source is None:
        return
    try:
        toml_doc.load(source)
    except InputError as error:
        _assert_error_inside(source, error)
    try:
        index = toml_doc.TomlIndex(source.text)
    except InputError:
        return
    for entry in index.entries.values():
        assert 0 <= entry.key_start <= entry.key_end <= len(source.text)
        assert 0 <= entry.value_start <= entry.value_end <= len(source.text)


# -- generated valid TOML: every located value re-parses to what tomllib reports -------------

Path_ = tuple[str | int, ...]

_KEY_NAMES = st.one_of(
    st.sampled_from(["a", "b", "name", "tool", "uv", "1", "true", "x-y", "k_2", "A"]),
    st.text(alphabet="abcdef .#=[]\"'\\é\t-_", min_size=0, max_size=6),
)
_STRING_CONTENT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab #=[]{},.\"'\\\t\n\r-é😀")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=12,
)
_SCALARS = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, width=64),
    st.booleans(),
    _STRING_CONTENT,
    st.dates(),
    st.datetimes(max_value=datetime.datetime(9999, 1, 1)),
    st.datetimes(timezones=st.just(datetime.UTC)).map(lambda d: d.replace(microsecond=0)),
    st.times(),
)


def _values(depth: int) -> st.SearchStrategy[object]:
    if depth <= 0:
        return _SCALARS
    inner = _values(depth - 1)
    tables = st.dictionaries(_KEY_NAMES, inner, max_size=3)
    return st.one_of(
        _SCALARS,
        st.lists(inner, max_size=3),
        tables,
        st.lists(tables, min_size=1, max_size=3),  # arrays of tables
    )


_DOCUMENTS = st.dictionaries(_KEY_NAMES, _values(3), max_size=5)
_WS = st.sampled_from(["", " ", "  ", "\t"])


class _Writer:
    """Renders a document with choices drawn from hypothesis (spellings, layouts, comments)."""

    def __init__(self, draw: st.DrawFn, newline: str) -> None:
        self.draw = draw
        self.nl = newline

    def choice(self, options: list[str]) -> str:
        return self.draw(st.sampled_from(options))

    def ws(self) -> str:
        return self.draw(_WS)

    def comment(self) -> str:
        if self.draw(st.booleans()):
            return self.ws() + " # c " + self.draw(st.text(alphabet="ab=[]\"'#é ", max_size=5))
        return ""

    def key(self, name: str) -> str:
        bare = name != "" and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)
        spellings = ["basic"] + (["bare"] if bare else [])
        if "'" not in name and "\n" not in name and "\t" not in name:
            spellings.append("literal")
        spelling = self.choice(spellings)
        if spelling == "bare":
            return name
        if spelling == "literal":
            return f"'{name}'"
        return self.basic(name)

    def dotted(self, path: list[str]) -> str:
        separators = [self.choice([".", " . ", ". "]) for _ in path[1:]]
        text = self.key(path[0])
        for separator, name in zip(separators, path[1:], strict=True):
            text += separator + self.key(name)
        return text

    def basic(self, text: str) -> str:
        out = []
        for char in text:
            if char in '"\\':
                out.append("\\" + char)
            elif char == "\n":
                out.append(self.choice(["\\n", "\\u000A"]))
            elif ord(char) < 0x20 or char == "\x7f":
                out.append(f"\\u{ord(char):04X}")
            elif char == "é" and self.draw(st.booleans()):
                out.append("\\u00E9")
            else:
                out.append(char)
        return '"' + "".join(out) + '"'

    def string(self, text: str) -> str:
        kinds = ["basic"]
        controls = any((ord(c) < 0x20 and c not in "\t\n") or c == "\x7f" for c in text)
        if "'" not in text and "\n" not in text and "\r" not in text and not controls:
            kinds.append("literal")
        if "'''" not in text and "\r" not in text and not controls:
            kinds.append("mlliteral")
        kinds.append("mlbasic")
        kind = self.choice(kinds)
        if kind == "literal":
            return f"'{text}'"
        if kind == "mlliteral":
            lead = self.choice(["", self.nl]) if not text.startswith("\n") else ""
            return f"'''{lead}{text.replace(chr(10), self.nl)}'''"
        if kind == "basic":
            return self.basic(text)
        body: list[str] = []
        for char in text:
            # Up to two quotes in a row may stay raw (also just before the closing ones).
            if char == '"' and body[-2:] != ['"', '"'] and self.draw(st.booleans()):
                body.append(char)
            elif char in '"\\':
                body.append("\\" + char)
            elif char == "\n":
                body.append(self.nl)
            elif (ord(char) < 0x20 and char != "\t") or char == "\x7f":
                body.append(f"\\u{ord(char):04X}")
            else:
                body.append(char)
        lead = self.choice(["", self.nl]) if not text.startswith("\n") else ""
        # A line-ending backslash swallows the break and the next line's leading space.
        fold = self.choice(["", "\\" + self.nl + "   "])
        return '"""' + lead + fold + "".join(body) + '"""'

    def scalar(self, value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            if value >= 0 and self.draw(st.booleans()):
                return self.choice([hex(value), oct(value), bin(value)])
            if abs(value) >= 1000 and self.draw(st.booleans()):
                return f"{value:_}"
            return str(value)
        if isinstance(value, float):
            if math.isinf(value):
                return ("+" if self.draw(st.booleans()) else "") + "inf" if value > 0 else "-inf"
            text = repr(value)
            return text if any(c in text for c in ".e") else text + ".0"
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, datetime.datetime):
            text = value.isoformat(sep=self.choice(["T", " "]))
            if text.endswith("+00:00") and self.draw(st.booleans()):
                text = text.removesuffix("+00:00") + "Z"
            return text
        if isinstance(value, datetime.date | datetime.time):
            return value.isoformat()
        raise AssertionError(value)

    def inline(self, value: object) -> str:
        if isinstance(value, list):
            if not value:
                return "[" + self.ws() + "]"
            multiline = self.draw(st.booleans())
            sep = "," + (self.comment() + self.nl + "  " if multiline else self.ws())
            inner = sep.join(self.inline(item) for item in value)
            trailing = self.choice(["", ","]) if multiline else ""
            head = self.nl + "  " if multiline else self.ws()
            tail = self.comment() + self.nl if multiline else self.ws()
            return "[" + head + inner + trailing + tail + "]"
        if isinstance(value, dict):
            parts = [
                f"{self.key(name)}{self.ws()}={self.ws()}{self.inline(item)}"
                for name, item in value.items()
            ]
            return "{" + self.ws() + ("," + self.ws()).join(parts) + self.ws() + "}"
        return self.scalar(value)

    def body(self, table: dict[str, object], prefix: list[str]) -> str:
        """Key/values of a table (dotted keys or inline), then its sub-tables as headers."""
        lines: list[str] = []
        later: list[tuple[str, object]] = []
        for name, value in table.items():
            is_table = isinstance(value, dict)
            is_aot = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            layout = self.choice(
                ["inline"]
                + (["header"] if is_table or is_aot else [])
                + (["dotted"] if is_table and _has_leaf(value) else [])
            )
            if layout == "header":
                later.append((name, value))
            elif layout == "dotted":
                lines += self.dotted_lines([name], value)
            else:
                lines.append(
                    f"{self.ws()}{self.key(name)}{self.ws()}={self.ws()}{self.inline(value)}"
                    + self.comment()
                )
            if self.draw(st.booleans()):
                lines.append(self.choice(["", "# a comment", "  # [not] = 'a header'"]))
        text = "".join(line + self.nl for line in lines)
        for name, value in later:
            path = [*prefix, name]
            if isinstance(value, dict):
                text += f"[{self.ws()}{self.dotted(path)}{self.ws()}]{self.comment()}{self.nl}"
                text += self.body(value, path)
            else:
                assert isinstance(value, list)
                for element in value:
                    assert isinstance(element, dict)
                    text += (
                        f"[[{self.ws()}{self.dotted(path)}{self.ws()}]]{self.comment()}{self.nl}"
                    )
                    text += self.body(element, path)
        return text

    def dotted_lines(self, path: list[str], value: object) -> list[str]:
        if isinstance(value, dict) and _has_leaf(value):
            lines = []
            for name, item in value.items():
                if isinstance(item, dict) and not item:
                    continue  # an empty table cannot be spelled with dotted keys
                lines += self.dotted_lines([*path, name], item)
            return lines
        return [f"{self.dotted(path)}{self.ws()}={self.ws()}{self.inline(value)}{self.comment()}"]


def _has_leaf(value: object) -> bool:
    if isinstance(value, dict):
        return any(not isinstance(v, dict) or _has_leaf(v) for v in value.values())
    return True


@st.composite
def toml_documents(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    data = draw(_DOCUMENTS)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    writer = _Writer(draw, newline)
    head = draw(st.sampled_from(["", "# top comment" + newline, newline]))
    return head + writer.body(data, []), data


def _leaves(value: object, path: Path_ = ()) -> Iterator[Path_]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


def _lookup(data: object, path: Path_) -> object:
    for step in path:
        data = data[step]  # type: ignore[index]
    return data


def _reparse(fragment: str) -> object:
    return tomllib.loads("v = " + fragment)["v"]


@settings(max_examples=200 * SCALE, deadline=None)
@given(toml_documents())
@example(
    ('[[package]]\nname = "a"\nwhen = 1979-05-27 07:32:00Z\n[package.source]\nr = 1\n', {}),
)
def test_toml_index_locates_every_value_of_valid_toml(document: tuple[str, object]) -> None:
    text, _ = document
    data = tomllib.loads(text)  # the generator only writes valid TOML
    index = toml_doc.TomlIndex(text)
    for path in _leaves(data):
        entry = index.get(*path)
        assert entry is not None, (path, text)
    for path, entry in index.entries.items():
        assert 0 <= entry.key_start <= entry.key_end <= len(text)
        assert entry.key_end <= entry.value_start <= entry.value_end <= len(text) or (
            entry.key_start == entry.value_start
        )
        is_header = entry.key_start == entry.value_start and entry.key_end == entry.value_end
        is_header = is_header and text[entry.key_start] == "[" and entry.key_end > entry.key_start
        expected = _lookup(data, path)
        fragment = text[entry.value_start : entry.value_end]
        if is_header and isinstance(expected, dict):
            assert fragment.startswith("["), (path, fragment)
            continue
        assert _reparse(fragment) == expected, (path, fragment, text)


@FAST
@given(toml_documents(), st.integers(0, 10_000), _SYNTAX, st.booleans())
def test_toml_index_of_damaged_valid_toml_raises_only_input_error(
    document: tuple[str, object], at: int, insert: str, cut: bool
) -> None:
    text, _ = document
    at = at % (len(text) + 1)
    damaged = text[:at] if cut else text[:at] + insert + text[at:]
    try:
        index = toml_doc.TomlIndex(damaged)
    except InputError:
        return
    for entry in index.entries.values():
        assert 0 <= entry.key_start <= entry.key_end <= len(damaged)
        assert 0 <= entry.value_start <= entry.value_end <= len(damaged)


# -- edits -------------------------------------------------------------------------------------


@st.composite
def texts_and_fixes(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    text = draw(st.text(alphabet="abc\n\r é", max_size=30))
    fixes = []
    for _ in range(draw(st.integers(0, 5))):
        edits_ = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.integers(0, len(text) + 2))
            end = draw(st.integers(start, len(text) + 3))
            edits_.append(Edit(start, end, draw(st.text(alphabet="XY\n", max_size=3))))
        fixes.append(Fix("f", tuple(edits_)))
    return text, fixes


@FAST
@given(texts_and_fixes())
def test_apply_fixes_changes_only_the_applied_edits(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    new, applied = edits.apply_fixes(text, fixes)
    assert 0 <= applied <= len(fixes)
    # Recompute independently which fixes apply: in sorted order, each fix whose edits are
    # in range, do not overlap each other and start at or after the last applied end.
    chosen: list[Edit] = []
    chosen_fixes = 0
    last = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        ordered = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if ordered[0].start < last or ordered[-1].end > len(text):
            continue
        if any(a.end > b.start for a, b in itertools.pairwise(ordered)):
            continue
        chosen += ordered
        chosen_fixes += 1
        last = ordered[-1].end
    assert applied == chosen_fixes
    # Every byte outside the chosen edits survives, in order.
    expected, position = [], 0
    for edit in chosen:
        expected.append(text[position : edit.start])
        expected.append(edit.content)
        position = edit.end
    expected.append(text[position:])
    assert new == "".join(expected)
    # Applying nothing is the identity.
    assert edits.apply_fixes(text, []) == (text, 0)


@FAST
@given(st.text(alphabet="ab\r\n é", max_size=40), st.text(alphabet="ab\r\n é", max_size=40))
def test_minimal_edit_is_minimal(old: str, new: str) -> None:
    edit = edits.minimal_edit(old, new)
    if old == new:
        assert edit is None
        return
    assert edit is not None
    assert old[: edit.start] + edit.content + old[edit.end :] == new
    # Minimal: the edit does not start or end with a character it leaves unchanged.
    if edit.end > edit.start and edit.content:
        assert old[edit.start] != edit.content[0]
        assert old[edit.end - 1] != edit.content[-1]
    # And applying it as a fix gives the same text.
    assert edits.apply_fixes(old, [Fix("m", (edit,))]) == (new, 1)


# -- fix idempotence through the runner --------------------------------------------------------

_RULE = Rule("SCH098", "test-upper", "test", "lowercase value", FixAvailability.ALWAYS, "doc")


def _upper_job() -> Job:
    """Fixes every lowercase scalar value of a top-level YAML mapping to upper case."""

    def check(ws: Workspace, path: str) -> list[Finding]:
        source = ws.source(path)
        document = yaml_doc.parse(source)
        found = []
        for _, node in yaml_doc.items(document.root):
            value = yaml_doc.scalar(node)
            if value and value != value.upper() and node.style not in ("|", ">"):
                first, last = yaml_doc.scalar_value_span(source, node)
                raw = source.text[first:last]
                if "\\" in raw or "\n" in raw:
                    continue  # escapes and folded lines: the raw text is not the value
                fix = Fix("upper", (Edit(first, last, raw.upper()),), Applicability.SAFE)
                found.append(Finding(_RULE, path, source.location(first, last), "lower", fix))
        return found

    hook = Hook(
        "test",
        "test hook",
        lambda: (_RULE,),
        lambda path: path.endswith(".yml"),
        build=lambda args, config: _upper_job(),
    )
    return Job(hook, check_file=check)


_YAML_VALUES = st.one_of(
    st.sampled_from(["x", "Ab", "'q'", '"dq"', "ok  ", "é", "[1]", "{a: b}", "UP", "1"]),
    st.text(alphabet="abcXYZ _-", min_size=1, max_size=6).map(lambda s: s.strip() or "z"),
)


@st.composite
def yaml_files(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    names = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "on"]), unique=True, max_size=5))
    lines = [draw(st.sampled_from(["", "# head", "---"]))] if draw(st.booleans()) else []
    for name in names:
        value = draw(_YAML_VALUES)
        comment = draw(st.sampled_from(["", "  # keep me", " #x"]))
        lines.append(f"{name}: {value}{comment}")
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    bom = BOM if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


@SLOWER
@given(yaml_files())
def test_fix_through_the_runner_is_idempotent_and_minimal(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    import os

    folder = tmp_path_factory.mktemp("fix")
    path = write(folder, "f.yml", data)
    previous = os.getcwd()
    os.chdir(folder)
    try:
        try:
            findings = list(_upper_job().check_file(Workspace("."), "f.yml"))  # type: ignore[misc]
        except InputError:
            assume(False)
        first = run_jobs([_upper_job()], ["f.yml"], Settings(fix=True), Config())
        once = path.read_bytes()
        second = run_jobs([_upper_job()], ["f.yml"], Settings(fix=True), Config())
        twice = path.read_bytes()
    finally:
        os.chdir(previous)
    assert first == (1 if findings else 0)
    assert second == 0
    assert once == twice
    # The fixed file keeps its BOM and newlines and re-parses; bytes differ only inside
    # the reported spans.
    fixed = decode("f", once)
    original = decode("f", data)
    assert fixed.bom == original.bom
    yaml_doc.parse(fixed)
    expected, last = [], 0
    for finding in sorted(findings, key=lambda f: f.fix.start if f.fix else 0):
        assert finding.fix is not None
        (edit,) = finding.fix.edits
        expected.append(original.text[last : edit.start] + edit.content)
        last = edit.end
    expected.append(original.text[last:])
    assert fixed.text == "".join(expected)


# -- forbid-pull-request-target: every finding lies inside the file ---------------------------

_EVENTS = st.sampled_from(
    ["push", "pull_request_target", "PULL_REQUEST_TARGET", "workflow_run", "pull_request"]
)


@st.composite
def workflows(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    events = draw(st.lists(_EVENTS, unique=True, min_size=1, max_size=3))
    shape = draw(st.sampled_from(["string", "flow list", "block list", "mapping", "flow map"]))
    quote = draw(st.sampled_from(["", "'", '"']))
    on_key = draw(st.sampled_from(["on", "'on'", '"on"']))
    q = [f"{quote}{event}{quote}" for event in events]
    if shape == "string":
        on = f"{on_key}: {q[0]}"
    elif shape == "flow list":
        on = f"{on_key}: [{', '.join(q)}]"
    elif shape == "block list":
        on = f"{on_key}:" + "".join(f"{newline}  - {event}" for event in q)
    elif shape == "flow map":
        on = f"{on_key}: {{{', '.join(event + ': {}' for event in q)}}}"
    else:
        on = f"{on_key}:" + "".join(
            f"{newline}  {event}:{newline}    types: [opened]" for event in q
        )
    permissions = draw(st.sampled_from(["", "permissions: {}", "permissions: write-all"]))
    step = draw(
        st.sampled_from(
            [
                "- run: echo hi",
                "- uses: actions/checkout@v4\n        with:\n          ref: ${{ github.head_ref }}",
                "- run: gh pr checkout 1\n        env:\n          T: ${{ secrets.TOKEN }}",
            ]
        )
    ).replace("\n", newline)
    prefix = draw(st.sampled_from(["", "# é comment" + newline, "name: ü" + newline]))
    body = [on, permissions, "jobs:", "  build:", "    runs-on: x", "    steps:", "      " + step]
    return prefix + newline.join(line for line in body if line) + newline


@SLOWER
@given(workflows(), st.booleans())
def test_forbid_pull_request_target_findings_lie_inside_the_file(
    tmp_path_factory: pytest.TempPathFactory, text: str, include_workflow_run: bool
) -> None:
    from supply_chain_hooks.hooks import forbid_pull_request_target as hook

    folder = tmp_path_factory.mktemp("wf")
    path = write(folder, ".github/workflows/w.yml", text)
    workspace = Workspace(str(folder))
    options = hook.Options(include_workflow_run=include_workflow_run)
    findings = hook.check(workspace, str(path), options)
    source = workspace.source(str(path))
    lowered = text.lower()
    expected = "pull_request_target" in lowered or (
        include_workflow_run and "workflow_run" in lowered
    )
    assert bool(findings) == expected
    lines = len(source.line_starts())
    for finding in findings:
        loc = finding.location
        assert 1 <= loc.line <= loc.end_line <= lines
        assert 1 <= loc.column <= len(source.line_text(loc.line)) + 1
        assert 1 <= loc.end_column <= len(source.line_text(loc.end_line)) + 1
        start = source.offset(loc.line, loc.column)
        end = source.offset(loc.end_line, loc.end_column)
        spanned = source.text[start:end].strip("'\"").lower()
        assert spanned in ("pull_request_target", "workflow_run"), spanned
