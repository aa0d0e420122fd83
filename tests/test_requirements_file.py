"""The pip-compatible requirements reader: logical lines, spans, options, includes, classify."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks.deps.analysis import analyse
from supply_chain_hooks.deps.context import RequirementsContext
from supply_chain_hooks.deps.hints import header_comments, hint_for
from supply_chain_hooks.deps.includes import Included, Tree, load_tree
from supply_chain_hooks.deps.lines import LogicalLine, parse, physical_lines
from supply_chain_hooks.deps.requirement import _COMMON_VERSION, classify
from supply_chain_hooks.source import InputError, Source, decode, read

H1 = "09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759"
H2 = "c228a6dc5e932d346bc5739379109d49e8853dd8223571c7c5b55260edc0b97f"


def lines(text: str) -> list[LogicalLine]:
    return list(parse(Source("requirements.txt", text)).lines)


def spans(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in lines(text)]


# -- physical lines and continuations ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "a\r\nb", "a\rb\n", "a\x0cb\x1cc\u2028d", "\n\n", "a\\\nb", "x\r\n\r\n"],
)
def test_physical_lines_cut_like_splitlines(text: str) -> None:
    assert [text[start:end] for start, end in physical_lines(text)] == text.splitlines()


@given(st.text(alphabet=st.sampled_from("ab \\#\n\r\x0b\x0c\x1c\x85\u2028")))
def test_physical_lines_cut_like_splitlines_always(text: str) -> None:
    assert [text[start:end] for start, end in physical_lines(text)] == text.splitlines()


def test_continuation_joins_lines_and_keeps_first_number() -> None:
    text = f"a==1 \\\n    --hash=sha256:{H1} \\\n    --hash=sha256:{H2}\nb==2\n"
    (first, second) = lines(text)
    # pip keeps the spaces before the first option in the requirement text
    assert (first.number, first.requirement, first.values("--hash")) == (
        1,
        "a==1    ",
        [f"sha256:{H1}", f"sha256:{H2}"],
    )
    assert (second.number, second.requirement) == (4, "b==2")


def test_comment_line_ends_a_continuation() -> None:
    # pip: the comment line ends the join; the --hash line becomes a line of its own.
    text = f"a==1 \\\n    # via x\n    --hash=sha256:{H1}\n"
    first, orphan = lines(text)
    assert first.requirement == "a==1" and not first.has("--hash")
    assert first.ended_by_comment == text.index("    # via")  # the comment line starts there
    assert orphan.number == 3 and orphan.requirement == "" and orphan.values("--hash")


def test_comment_before_a_trailing_backslash_swallows_the_next_line() -> None:
    text = f"a==1 # note \\\n    --hash=sha256:{H1}\nb==2\n"
    first, second = lines(text)
    assert first.text == "a==1" and not first.has("--hash")
    assert first.swallowed_at == text.index("# note")
    assert first.swallowed == f"--hash=sha256:{H1}"
    assert second.requirement == "b==2"


def test_backslash_followed_by_whitespace_does_not_continue() -> None:
    text = f"a==1 \\ \n    --hash=sha256:{H1}\n"
    first, second = lines(text)
    assert first.broken_continuation and first.text == "a==1 \\"
    assert second.values("--hash") == [f"sha256:{H1}"]


def test_hash_sign_without_whitespace_is_not_a_comment() -> None:
    (line,) = lines("pkg @ https://example.com/pkg-1.0.tar.gz#sha256=abc # real comment\n")
    assert line.requirement == "pkg @ https://example.com/pkg-1.0.tar.gz#sha256=abc"


def test_blank_and_comment_lines_are_dropped() -> None:
    assert spans("\n   \n# c\n  # c2\na==1\n\t\n") == [(5, "a==1")]


def test_crlf_and_form_feed_lines() -> None:
    assert spans("a==1\r\nb==2\x0cc==3\r\n") == [(1, "a==1"), (2, "b==2"), (3, "c==3")]


def test_last_line_ending_in_backslash() -> None:
    assert spans("a==1 \\") == [(1, "a==1")]


# -- options ---------------------------------------------------------------------------------


def test_hash_option_forms() -> None:
    (line,) = lines(f"a==1 --hash sha256:{H1} --hash=sha256:{H2}")
    assert line.values("--hash") == [f"sha256:{H1}", f"sha256:{H2}"]


def test_option_abbreviations_behave_like_pip() -> None:
    (line,) = lines(f"a==1 --has=sha256:{H1}")
    assert line.values("--hash") == [f"sha256:{H1}"]
    (line,) = lines("--no-req")
    assert line.has("--no-require-hashes")


def test_short_options_and_includes() -> None:
    include, constraint, editable = lines("-rbase.txt\n--constraint=c.txt\n-e ./proj\n")
    assert include.values("--requirement") == ["base.txt"]
    assert constraint.values("--constraint") == ["c.txt"]
    assert editable.is_editable and editable.effective_requirement == "./proj"


def test_requirement_after_an_option_is_dropped_like_pip() -> None:
    (line,) = lines(f"--hash=sha256:{H1} packaging==24.2")
    assert line.requirement == "" and line.positional == ("packaging==24.2",)


def test_tab_is_not_an_option_separator() -> None:
    (line,) = lines(f"a==1\t--hash=sha256:{H1}")
    assert line.requirement == f"a==1\t--hash=sha256:{H1}" and not line.options


def test_unknown_option_and_bad_quotes_are_errors() -> None:
    unknown, quotes = lines("--uploaded-prior-to P7D\na==1 --hash 'sha256:x\n")
    assert unknown.error is not None and "uploaded-prior-to" in unknown.error
    assert quotes.error is not None


def test_option_spans_point_into_the_file() -> None:
    text = f"a==1 \\\n    --hash=sha256:{H1} \\\n  --no-require-hashes\n"
    (line,) = lines(text)
    source = Source("r.txt", text)
    option = next(o for o in line.options if o.name == "--no-require-hashes")
    start, end = line.source_span(option.start, option.end)
    assert text[start:end] == "--no-require-hashes"
    assert source.position(start) == (3, 3)
    hash_option = next(o for o in line.options if o.name == "--hash")
    start, end = line.source_span(hash_option.start, hash_option.end)
    assert text[start:end] == f"--hash=sha256:{H1}"
    assert text[line.req_start : line.req_end] == "a==1"


# -- classify ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "name", "pinned"),
    [
        ("six==1.16.0", "named", "six", True),
        ("Six_Pkg[extra]==1.0", "named", "six-pkg", True),
        ("six===1.16.0", "named", "six", True),
        ("six==1.*", "named", "six", False),
        ("six>=1", "named", "six", False),
        ("six==1.0,<2", "named", "six", False),
        ("six", "named", "six", False),
        ('six==1.0 ; python_version < "3"', "named", "six", True),
        ("six @ https://example.com/six-1.0-py3-none-any.whl", "archive", "six", False),
        ("six @ https://example.com/six-1.0.tar.gz#sha256=abc", "archive", "six", False),
        ("six @ git+https://github.com/x/six@v1", "vcs", "six", False),
        ("git+https://github.com/x/six#egg=six", "vcs", None, False),
        ("six @ file:///srv/six", "directory", "six", False),
        ("file:///srv/six", "directory", None, False),
        ("./libs/six", "directory", None, False),
        (".", "directory", None, False),
        ("../dist/six-1.0-py3-none-any.whl", "archive", "six", False),
        ("six-1.0.tar.gz", "archive", None, False),
        ("https://example.com/six-1.0.zip", "archive", None, False),
        ("https://example.com/six", "url", None, False),
        ("not a requirement!", "invalid", None, False),
    ],
)
def test_classify(text: str, kind: str, name: str | None, pinned: bool) -> None:
    requirement = classify(text)
    assert (requirement.kind, requirement.name, requirement.pinned) == (kind, name, pinned)


def test_classify_fragment_hashes() -> None:
    requirement = classify("six @ https://e.com/six-1.0.tar.gz#md5=abc&sha256=def")
    assert requirement.fragment_hashes == (("md5", "abc"), ("sha256", "def"))


_NAMES = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,6}[A-Za-z0-9])?", fullmatch=True)
_VERSIONS = st.from_regex(r"[0-9v][0-9A-Za-z.!+_*-]{0,10}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.sampled_from(["", "[a]", "[a,b-c]", "[]", "[ a ]"]), _VERSIONS)
def test_fast_pin_path_agrees_with_packaging(name: str, extras: str, version: str) -> None:
    from packaging.requirements import InvalidRequirement, Requirement

    text = f"{name}{extras}=={version}"
    ours = classify(text)
    try:
        parsed = Requirement(text)
    except InvalidRequirement:
        assert ours.kind == "invalid"
        return
    specs = list(parsed.specifier)
    expected = len(specs) == 1 and not specs[0].version.endswith(".*")
    assert (ours.kind, ours.pinned) == ("named", expected)


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.sampled_from(["", "[a]", "[a,b-c]", "[]", "[ a ]", ".zip", ".tar.gz", ".whl"]))
def test_fast_bare_name_path_agrees_with_pip_and_packaging(name: str, tail: str) -> None:
    # A bare name never reaches packaging unless it is more than a name (pip reads an
    # archive file name as a path): the result is the one packaging's reading gives.
    from packaging.requirements import InvalidRequirement, Requirement

    from supply_chain_hooks.deps import requirement

    text = name + tail
    ours = classify(text)
    if requirement.is_archive(text):
        assert ours.kind == "archive"
        return
    try:
        parsed = Requirement(text)
    except InvalidRequirement:
        assert ours.kind == "invalid"
        return
    expected = ("named", requirement._canonical(parsed.name), False, str(parsed.specifier), "")
    assert (ours.kind, ours.name, ours.pinned, ours.specifier, ours.marker) == expected


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_COMMON_VERSION.pattern, fullmatch=True))
def test_common_versions_are_valid_for_packaging(version: str) -> None:
    # The pattern that spares a clean run from importing packaging accepts only valid versions.
    from packaging.version import Version

    Version(version)
    assert classify(f"six=={version}").pinned


# -- includes ----------------------------------------------------------------------------------


def _tree(root: Path, name: str = "requirements.txt") -> Tree:
    return load_tree(str(root / name), read, is_other=lambda path: path.endswith("pylock.toml"))


def test_includes_are_relative_to_the_including_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "requirements.txt").write_text("-r sub/a.txt\n-c sub/c.txt\n")
    (tmp_path / "sub" / "a.txt").write_text("-r b.txt\na==1\n")
    (tmp_path / "sub" / "b.txt").write_text("b==1\n")
    (tmp_path / "sub" / "c.txt").write_text("c==1\n")
    tree = _tree(tmp_path)
    found = [(Path(item.file.path).name, item.constraint) for item in tree.files]
    assert found == [
        ("requirements.txt", False),
        ("a.txt", False),
        ("b.txt", False),
        ("c.txt", True),
    ]
    assert not tree.problems


def test_include_problems(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "requirements.txt").write_text(
        "-r base.txt\n-r missing.txt\n-r dir\n-r https://e.com/r.txt\n-r pylock.toml\n"
    )
    (tmp_path / "base.txt").write_text("-r requirements.txt\n-r base.txt\n")
    (tmp_path / "pylock.toml").write_text("")
    tree = _tree(tmp_path)
    problems = [(Path(p.file.path).name, p.reason, p.written) for p in tree.problems]
    assert problems == [
        # the cycle back to the checked file is reported at its own line into the cycle
        ("requirements.txt", "cycle", "base.txt"),
        ("base.txt", "cycle", "base.txt"),
        ("requirements.txt", "missing", "missing.txt"),
        ("requirements.txt", "directory", "dir"),
        ("requirements.txt", "url", "https://e.com/r.txt"),
    ]
    assert [Path(other.path).name for other in tree.other] == ["pylock.toml"]


def test_diamond_includes_parse_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("-r a.txt\n-r b.txt\n")
    (tmp_path / "a.txt").write_text("-r common.txt\n")
    (tmp_path / "b.txt").write_text("-r common.txt\n")
    (tmp_path / "common.txt").write_text("x==1\n")
    reads: list[str] = []

    def counting_read(path: str) -> Source:
        reads.append(Path(path).name)
        return read(path)

    tree = load_tree(str(tmp_path / "requirements.txt"), counting_read)
    assert sorted(reads) == ["a.txt", "b.txt", "common.txt", "requirements.txt"]
    assert not tree.problems


def test_unreadable_include_is_reported_and_others_still_read(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("-r bad.txt\n-r good.txt\n")
    (tmp_path / "bad.txt").write_bytes(b"a==1\xff\n")
    (tmp_path / "good.txt").write_text("g==1\n")
    tree = _tree(tmp_path)
    assert [Path(path).name for path, _ in tree.unreadable] == ["bad.txt"]
    assert isinstance(tree.unreadable[0][1], InputError)
    assert [Path(item.file.path).name for item in tree.files][-1] == "good.txt"


# -- generator hints -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "generator", "command"),
    [
        (
            (
                "# This file was autogenerated by uv via the following command:\n"
                "#    uv pip compile requirements.in -o requirements.txt\n"
            ),
            "uv pip compile",
            "uv pip compile --generate-hashes requirements.in -o requirements.txt",
        ),
        (
            "#    uv pip compile --generate-hashes r.in\n",
            "uv pip compile",
            "uv pip compile --generate-hashes r.in",
        ),
        (
            "#    uv export --no-hashes --format requirements.txt\n",
            "uv export",
            "uv export --format requirements.txt",
        ),
        (
            "#\n# by the following command:\n#\n#    pip-compile --output-file=r.txt r.in\n#\n",
            "pip-compile",
            "pip-compile --generate-hashes --output-file=r.txt r.in",
        ),
        ("# This file is @generated by PDM.\n", "pdm export", "pdm export -o requirements.txt"),
        # no requirements.in here: the file itself is the input (its pins are kept)
        ("", "", "uv pip compile --generate-hashes requirements.txt -o requirements.txt"),
    ],
)
def test_hint_reads_the_generator_header(header: str, generator: str, command: str) -> None:
    hint = hint_for(parse(Source("requirements.txt", header + "six==1.16.0\n")))
    assert (hint.generator, hint.command) == (generator, command)


def test_header_stops_at_the_first_requirement() -> None:
    file = parse(Source("r.txt", "six==1\n#    uv pip compile x\n"))
    assert hint_for(file).generator == ""


def _analysis(text: str) -> RequirementsContext:
    return analyse(Tree(files=(Included(parse(Source("r.txt", text)), False),)))


def test_analysis_collects_option_and_fragment_hashes() -> None:
    (entry,) = _analysis(f"s @ https://e.com/s-1.tar.gz#md5=abc --hash=sha256:{H1}\n").entries
    assert [written for _, _, written in entry.hashes] == [f"--hash=sha256:{H1}", "#md5=abc"]
    assert [problem.weak for _, problem in entry.bad_hashes] == [True]


# -- differential: our logical lines against pip's own parser ------------------------------------

_PHYSICAL = st.sampled_from(
    [
        "six==1.16.0",
        "six==1.16.0 \\",
        f"    --hash=sha256:{H1}",
        f"    --hash=sha256:{H1} \\",
        f"--hash sha256:{H2}",
        f"--hash=sha256:{H2} packaging==24.2",
        "    # via -r requirements.in",
        "# comment \\",
        "pkg==1  # trailing comment",
        "pkg==1 # note \\",
        "pkg==1 \\ ",
        "pkg @ https://e.com/p-1.0.tar.gz#sha256=abc",
        "pkg==1\t--hash=sha256:ab",
        "-e ./proj",
        "-r other.txt",
        "-c cons.txt",
        "--index-url https://e.com/simple",
        "--no-require-hashes",
        "--has=sha256:ab",
        "\\\\weird==1 \\\\",
        "",
        "   ",
        "a==1  --hash=sha256:ab   --hash=sha256:cd",
        'b==2 ; python_version < "3.12" --hash=sha256:ef',
        "#",
        "\t# tab comment",
        # Weak and unknown algorithms: pip 26.3 refuses the whole file, not just the hash.
        f"pkg==1 --hash=md5:{'0' * 32} --hash=sha256:{H1}",
        f"    --hash=sha1:{'0' * 40} \\",
        f"    --hash=md5:{'0' * 32}",
        f"pkg==1 --hash=SHA256:{H1}",
        f"pkg==1 --hash={H1}",
        f"pkg==1 --hash=blake2b:{H1}",
        # option values pip refuses (uv ignores --use-feature) or reads
        "--use-feature=bogus",
        "--use-feature=fast-deps",
        "e==5 --config-settings k",
        "e==5 -C k=v --hash=sha256:ab",
    ]
)
_BREAKS = st.sampled_from(["\n", "\r\n", "\x0c"])


def _pip_lines(text: str) -> list[tuple[int, str, dict[str, object]]] | str:
    from pip._internal.exceptions import RequirementsFileParseError
    from pip._internal.req.req_file import RequirementsFileParser, get_line_parser

    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as handle:
        handle.write(text.encode())
    try:
        parser = RequirementsFileParser(None, get_line_parser(None))  # type: ignore[arg-type]
        result = []
        for line in parser._parse_file(handle.name, False):
            opts = line.opts
            result.append(
                (
                    line.lineno,
                    line.args,
                    {
                        "hash": sorted(
                            f"{algorithm}:{digest}"
                            for algorithm, digests in (opts.hashes or {}).items()
                            for digest in digests
                        ),
                        "editable": list(opts.editables),
                        "requirement": list(opts.requirements),
                        "constraint": list(opts.constraints),
                        "no_require_hashes": bool(opts.no_require_hashes),
                    },
                )
            )
        return result
    except RequirementsFileParseError:
        return "error"
    finally:
        os.unlink(handle.name)


#: The only `--hash` algorithms pip's parser accepts; any other (md5, sha1 too) makes pip
#: refuse the whole file ("Allowed hash algorithms for --hash are sha256, sha384, sha512").
PIP_ALGORITHMS = re.compile(r"(sha256|sha384|sha512):")


def _our_lines(text: str) -> list[tuple[int, str, dict[str, object]]] | str:
    parsed = parse(Source("r.txt", text))
    if any(line.error is not None for line in parsed.lines):
        return "error"
    hashes = [value for line in parsed.lines for value in line.values("--hash")]
    if not all(PIP_ALGORITHMS.match(value) for value in hashes):
        return "error"
    return [
        (
            line.number,
            line.requirement,
            {
                "hash": sorted(line.values("--hash")),
                "editable": line.values("--editable"),
                "requirement": line.values("--requirement"),
                "constraint": line.values("--constraint"),
                "no_require_hashes": line.has("--no-require-hashes"),
            },
        )
        for line in parsed.lines
    ]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PHYSICAL, _BREAKS), max_size=8), st.booleans())
def test_logical_lines_agree_with_pips_parser(
    physical: list[tuple[str, str]], final_break: bool
) -> None:
    text = "".join(line + brk for line, brk in physical)
    if not final_break and text:
        text = text.rstrip("\r\n\x0c")
    assert _our_lines(text) == _pip_lines(text)


def test_bom_is_removed_like_pip(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xef\xbb\xbfsix==1.16.0\n")
    source = decode(str(path), path.read_bytes())
    assert [(line.number, line.requirement) for line in parse(source).lines] == [(1, "six==1.16.0")]


def test_header_comments_stop_at_the_first_other_line() -> None:
    assert header_comments("# a\n# b\n\n# c\nx==1\n# d\n") == ["# a", "# b", "", "# c"]
