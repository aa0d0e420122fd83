from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supply_chain_hooks import edits, toml_doc, yaml_doc
from supply_chain_hooks.config import Config
from supply_chain_hooks.model import Applicability, Edit, Finding, Fix, FixAvailability, Rule
from supply_chain_hooks.runner import Hook, Job, Settings, run_jobs
from supply_chain_hooks.source import BOM, InputError, Source, decode
from supply_chain_hooks.workspace import Workspace
from tests.conftest import write

# -- source ------------------------------------------------------------------------------


def test_decode_keeps_bom_and_newline_style() -> None:
    source = decode("f", b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    assert source.bom
    assert source.text == "a: 1\r\nb: 2\r\n"
    assert source.newline == "\r\n"
    assert source.encode() == b"\xef\xbb\xbfa: 1\r\nb: 2\r\n"
    assert source.position(source.text.index("b")) == (2, 1)
    assert source.line_text(1) == "a: 1"
    assert source.offset(2, 2) == source.text.index(": 2")


def test_positions_count_characters_not_bytes() -> None:
    source = decode("f", "é: x\nü: y\n".encode())
    assert source.position(source.text.index("y")) == (2, 4)


@given(st.text(alphabet=st.sampled_from("ab\n\r é"), max_size=60), st.integers(0, 70))
def test_position_and_offset_round_trip(text: str, offset: int) -> None:
    source = Source("f", text)
    offset = min(offset, len(text))
    line, column = source.position(offset)
    assert source.offset(line, column) == offset


@pytest.mark.parametrize(
    ("data", "message", "line", "column"),
    [
        (b"ok\n\xff\n", "file is not valid UTF-8 (byte 0xff)", 2, 1),
        (b"a\nbc\x00", "file contains a NUL byte (binary or UTF-16?)", 2, 3),
        (b"\xff\xfea\x00", "file contains a NUL byte (binary or UTF-16?)", 1, 4),
    ],
)
def test_decode_errors_have_positions(data: bytes, message: str, line: int, column: int) -> None:
    with pytest.raises(InputError) as error:
        decode("f", data)
    assert error.value.message == message
    assert (error.value.line, error.value.column) == (line, column)


def test_decode_refuses_huge_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("supply_chain_hooks.source.MAX_BYTES", 10)
    with pytest.raises(InputError, match="larger than"):
        decode("f", b"x" * 11)


# -- edits -------------------------------------------------------------------------------


def test_apply_fixes_skips_overlaps_and_keeps_other_bytes() -> None:
    text = "0123456789"
    fixes = [
        Fix("a", (Edit(2, 4, "AB"),)),
        Fix("b", (Edit(3, 5, "XX"),)),  # overlaps a: skipped
        Fix("c", (Edit(7, 7, "+"), Edit(9, 10, ""))),
    ]
    assert edits.apply_fixes(text, fixes) == ("01AB456+78", 2)


@given(st.text(max_size=40), st.text(max_size=40))
def test_minimal_edit_turns_old_into_new(old: str, new: str) -> None:
    edit = edits.minimal_edit(old, new)
    if old == new:
        assert edit is None
        return
    assert edit is not None
    assert old[: edit.start] + edit.content + old[edit.end :] == new


def test_write_atomic_keeps_mode_and_failure_keeps_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    edits.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(edits.WriteError, match="No space left"):
        edits.write_atomic(str(path), b"newer")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# -- the fix fixpoint through a real Job ---------------------------------------------------

RULE = Rule("SCH099", "test-rule", "test", "uppercase words", FixAvailability.ALWAYS, "doc")


def _test_hook(matches: Callable[[str], bool]) -> Hook:
    return Hook(
        "test", "test hook", lambda: (RULE,), matches, build=lambda args, config: _upper_job()
    )


def _upper_job(break_file: bool = False) -> Job:
    """Finds lowercase `key: value` values in YAML and fixes them to upper case."""

    def check(ws: Workspace, path: str) -> list[Finding]:
        source = ws.source(path)
        document = yaml_doc.parse(source)
        findings = []
        for _, node in yaml_doc.items(document.root):
            text = yaml_doc.scalar(node)
            if text and text != text.upper():
                first, last = yaml_doc.scalar_value_span(source, node)
                content = "[" if break_file else text.upper()
                fix = Fix("upper", (Edit(first, last, content),), Applicability.SAFE)
                findings.append(Finding(RULE, path, source.location(first, last), "lower", fix))
        return findings

    return Job(_test_hook(lambda path: path.endswith(".yml")), check_file=check)


def test_fix_keeps_bom_crlf_comments_quotes_and_mode(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = BOM.encode() + b"# head\r\na: 'x'  # keep\r\nb: \"y\"\r\nc: Z\r\n"
    path = write(repo, "f.yml", original)
    path.chmod(0o755)
    code = run_jobs([_upper_job()], ["f.yml"], Settings(fix=True), Config())
    assert code == 1  # files changed
    assert path.read_bytes() == BOM.encode() + b"# head\r\na: 'X'  # keep\r\nb: \"Y\"\r\nc: Z\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o755
    assert "f.yml: fixed" in capsys.readouterr().err
    # A second run changes nothing and reports nothing.
    assert run_jobs([_upper_job()], ["f.yml"], Settings(fix=True), Config()) == 0


def test_fix_that_breaks_the_file_is_not_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(repo, "f.yml", "a: x\n")
    code = run_jobs([_upper_job(break_file=True)], ["f.yml"], Settings(fix=True), Config())
    assert code == 1
    assert path.read_text() == "a: x\n"
    captured = capsys.readouterr()
    assert "f.yml: the fix would leave the file unparsable; not written" in captured.err
    assert "f.yml:1:4: SCH099 [*] lower" in captured.out


def test_check_mode_reports_fixable_marker(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "f.yml", "a: x\n")
    assert run_jobs([_upper_job()], ["f.yml"], Settings(), Config()) == 1
    assert (
        capsys.readouterr().out
        == "f.yml:1:4: SCH099 [*] lower\nFound 1 problem (1 fixable with --fix).\n"
    )


def test_internal_error_is_exit_3_and_other_files_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "a.yml", "a: x\n")
    write(repo, "b.yml", "a: x\n")

    def check(ws: Workspace, path: str) -> list[Finding]:
        if path == "a.yml":
            raise ZeroDivisionError("bug")
        return list(_upper_job().check_file(ws, path))  # type: ignore[misc]

    job = Job(_test_hook(lambda p: True), check_file=check)
    assert run_jobs([job], ["a.yml", "b.yml"], Settings(), Config()) == 3
    captured = capsys.readouterr()
    assert "b.yml:1:4: SCH099" in captured.out
    assert "a.yml: internal error" in captured.err
    assert "ZeroDivisionError" in captured.err


def test_symlink_leaving_the_repository_is_not_written(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "f.yml"
    outside.write_text("a: x\n")
    (repo / "link.yml").symlink_to(outside)
    code = run_jobs([_upper_job()], ["link.yml"], Settings(fix=True), Config())
    assert code == 1
    assert outside.read_text() == "a: x\n"
    assert "not written: it is a link to" in capsys.readouterr().out


# -- YAML ---------------------------------------------------------------------------------


def test_yaml_spans_and_values_are_raw_text() -> None:
    source = decode("f", b"on: {a: 'x', b: [1, yes]}\n")
    document = yaml_doc.parse(source)
    on = yaml_doc.value(document.root, "on")
    assert yaml_doc.scalar(yaml_doc.value(on, "b", 1)) == "yes"
    node = yaml_doc.value(on, "a")
    assert node is not None
    assert source.text[yaml_doc.start(node) : yaml_doc.end(node)] == "'x'"
    assert yaml_doc.scalar_value_span(source, node) == (9, 10)
    assert yaml_doc.value(on, "b", 5) is None
    assert yaml_doc.value(on, "zzz", 0) is None


def test_deep_nesting_is_an_input_error_not_a_crash() -> None:
    source = decode("f", b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n")
    with pytest.raises(InputError) as caught:
        yaml_doc.parse(source)
    error = caught.value
    assert (error.message, error.line, error.column) == (
        "invalid YAML: nested more than 100 levels deep",
        1,
        103,
    )


# -- TOML ---------------------------------------------------------------------------------

TOML = """\
# comment
top = "x"
"quoted.key" = 1
[tool.uv]
exclude-newer = "7 days"  # trailing
dotted.inner = { a = [1, 2], 'b' = '''lit''' }

[[package]]
name = "a"
wheels = [
  { url = "u1", hash = "sha256:1" },
  { url = "u2" },
]
[[package]]
name = "b"
when = 1979-05-27 07:32:00Z
[package.source]
registry = "r"
"""


def test_toml_index_locates_every_key() -> None:
    index = toml_doc.TomlIndex(TOML)

    def text(*path: str | int) -> str:
        entry = index.get(*path)
        assert entry is not None, path
        return TOML[entry.key_start : entry.value_end]

    assert text("top") == 'top = "x"'
    assert text("quoted.key") == '"quoted.key" = 1'
    assert text("tool", "uv", "exclude-newer") == 'exclude-newer = "7 days"'
    assert text("tool", "uv", "dotted", "inner", "a", 1) == "2"
    assert text("tool", "uv", "dotted", "inner", "b") == "'b' = '''lit'''"
    assert text("package", 0, "wheels", 1, "url") == 'url = "u2"'
    assert text("package", 0, "wheels", 0) == '{ url = "u1", hash = "sha256:1" }'
    assert text("package", 1, "when") == "when = 1979-05-27 07:32:00Z"
    assert text("package", 1, "source", "registry") == 'registry = "r"'
    assert text("package", 1) == "[[package]]"
    assert index.get("package", 2) is None


def test_toml_load_error_has_position() -> None:
    with pytest.raises(InputError) as error:
        toml_doc.load(decode("f", b"a = 1\nb = \n"))
    assert error.value.line == 2
    assert error.value.message.startswith("invalid TOML:")


def test_toml_edit_is_minimal_and_keeps_crlf() -> None:
    source = decode("f", b"# c\r\n[tool.uv]\r\nx = 1 # keep\r\n")

    def change(document: object) -> None:
        document["tool"]["uv"]["exclude-newer"] = "7 days"  # type: ignore[index]

    edit = toml_doc.edit(source, change)
    assert edit is not None
    new = source.text[: edit.start] + edit.content + source.text[edit.end :]
    assert new == '# c\r\n[tool.uv]\r\nx = 1 # keep\r\nexclude-newer = "7 days"\r\n'
    assert edit.start == len("# c\r\n[tool.uv]\r\nx = 1 # keep\r\n")


def test_suppressed_findings_are_not_fixed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        repo, "f.yml", "a: x  # supply-chain-hooks: ignore[SCH099] kept lower on purpose\nb: y\n"
    )
    # SCH099 is a test rule, unknown to the registry: register it for this test.
    import supply_chain_hooks.rules as registry

    original = registry.by_key

    def by_key() -> dict[str, Rule]:
        return {**original(), RULE.code: RULE, RULE.name: RULE}

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(registry, "by_key", by_key)
    try:
        assert run_jobs([_upper_job()], ["f.yml"], Settings(fix=True), Config()) == 1
    finally:
        monkeypatch.undo()
    assert (
        path.read_text()
        == "a: x  # supply-chain-hooks: ignore[SCH099] kept lower on purpose\nb: Y\n"
    )
    other = write(repo, "g.yml", "a: x\n")
    config = Config(ignore={"SCH099": "reviewed"})
    assert run_jobs([_upper_job()], ["g.yml"], Settings(fix=True), config) == 0
    assert other.read_text() == "a: x\n"
