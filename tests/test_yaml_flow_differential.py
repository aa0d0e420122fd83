"""YAML 1.2 plain scalars in flow collections (issue 19, item 1): the full parser against a
YAML 1.2 reference (libyaml 0.2.5 through PyYAML's C loader), on generated flow-heavy
documents and on the corpus, and the fast path against the full parser.

ruamel.yaml.clib bundles libyaml 0.1.7, which refuses `:` and `?` inside flow plain scalars
(`{image: node:20}`, `[release-v1.?]`); yaml_doc lets the pure-Python composer decide on
those errors. Known differences with libyaml 0.2.5 that the generator leaves out (docs/guarantees.md):
a plain scalar that starts with `:` or ends with `:` before a flow indicator
(`[:a]`, `[a:]`), where YAML 1.2 parsers disagree among themselves, and a root block scalar
whose text starts at column 0 (valid YAML 1.2, refused by libyaml), and `:?` inside a
plain scalar (valid YAML 1.2, refused by libyaml).
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks import fast_yaml, yaml_doc
from supply_chain_hooks.source import InputError, Source, decode
from tests.conftest import Corpus
from tests.test_fast_yaml import _corpus_yaml, check_equal

Shape = object


def reference(text: str) -> Shape:
    """libyaml 0.2.5's reading: nested kinds, values and start offsets; "error" if it refuses."""
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return "error"
    return None if root is None else _shape_pyyaml(root)


def _shape_pyyaml(node: yaml.Node) -> Shape:
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.value, node.start_mark.index)
    if isinstance(node, yaml.SequenceNode):
        return ("sequence", [_shape_pyyaml(item) for item in node.value], node.start_mark.index)
    pairs = [(_shape_pyyaml(key), _shape_pyyaml(value)) for key, value in node.value]
    return ("mapping", pairs, node.start_mark.index)


def _shape(node: yaml_doc.Node) -> Shape:
    kind = yaml_doc.kind(node)
    if kind == "scalar":
        return ("scalar", node.value, yaml_doc.start(node))
    if kind == "sequence":
        return ("sequence", [_shape(item) for item in node.value], yaml_doc.start(node))
    pairs = [(_shape(key), _shape(value)) for key, value in node.value]
    return ("mapping", pairs, yaml_doc.start(node))


def ours(text: str) -> Shape:
    try:
        root = yaml_doc.parse(Source("w.yml", text)).root
    except InputError:
        return "error"
    return None if root is None else _shape(root)


def c_only(text: str) -> Shape:
    """The C composer alone, as the full parser read every text before the fallback."""
    from _ruamel_yaml import CParser
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.resolver import BaseResolver

    class Loader(CParser, BaseResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self)

    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except YAMLError:
        return "error"
    finally:
        loader.dispose()
    return None if root is None else _shape(root)


_FIRST = "abcxyzAZ019_./~"
_REST = _FIRST + "-:?@="


@st.composite
def plain(draw: st.DrawFn) -> str:
    """A plain scalar with `:` and `?` anywhere but first, never a `:` last (see above)."""
    text = draw(st.text(_FIRST, min_size=1, max_size=1)) + draw(st.text(_REST, max_size=12))
    text += draw(st.sampled_from(["", " ?x", " x?", "? y", " a:b"]))
    # libyaml 0.2.5 also refuses `:?` (YAML 1.2 and the npm `yaml` package read `[0:? y]`
    # as one scalar, as we do): left out too.
    text = text.replace(":?", ":=")
    return text if not text.endswith(":") else text + "0"


_SCALARS = st.one_of(
    plain(),
    st.sampled_from(
        [
            "node:20",
            "docker://alpine:3.19",
            "https://example.com:8443/a?b=c",
            "localhost:5432",
            "release-v1.?",
            "a::b",
            "x?",
            "'q:1'",
            '"d?2"',
            "a::1x",
        ]
    ),
)


def _flow(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _SCALARS
    inner = _flow(depth - 1)
    items = st.lists(inner, max_size=4)
    sequence = items.map(lambda values: "[" + ", ".join(values) + "]")
    pairs = st.lists(
        st.tuples(_SCALARS, inner), max_size=3, unique_by=lambda kv: kv[0]
    )  # GitHub refuses duplicate keys
    mapping = pairs.map(lambda kvs: "{" + ", ".join(f"{k}: {v}" for k, v in kvs) + "}")
    return st.one_of(_SCALARS, sequence, mapping)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for index in range(draw(st.integers(1, 5))):
        value = draw(_flow(3))
        style = draw(st.sampled_from(["key", "item", "anchor"]))
        if style == "item":
            lines.append(f"k{index}:\n  - {value}")
        elif style == "anchor":  # an anchor sends the file past the fast path
            lines.append(f"k{index}: &a{index} {value}")
        else:
            lines.append(f"k{index}: {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_flow_documents_read_as_yaml_1_2(text: str) -> None:
    assert ours(text) == reference(text), text
    check_equal(text)  # the fast path gives the full parser's result


WORKFLOW = """\
on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    container: {image: node:20}
    services: {db: {image: 'postgres:16', ports: [5432:5432, localhost:6379]}}
    steps:
      - {uses: docker://alpine:3.19}
      - uses: actions/checkout@v4
        with: {repository: https://github.com/o/r, ref: release-v1.?}
"""


def test_the_issue_workflow_reads_as_libyaml_0_2_5_does() -> None:
    assert reference(WORKFLOW) != "error"
    assert ours(WORKFLOW) == reference(WORKFLOW)
    assert c_only(WORKFLOW) == "error"  # what the fallback is for


@pytest.mark.parametrize(
    "text",
    [
        "b: [release-v1.?]\n",
        "b: &x [release-v1.?]\n",
        "a: {x?y: 1, b?: c}\n",
        "a: [a ?b, x?: y]\n",
        "a: {image: node:20}\n",
        "- {uses: docker://alpine:3.19}\n",
    ],
)
def test_question_marks_and_colons(text: str) -> None:
    assert ours(text) == reference(text) != "error"
    check_equal(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: &x 2\n",  # a duplicate anchor stays an error (the C composer's)
        "a: [b c: d e: f]\n",
        "a: {b: :a}\n",
        "a: [x, y\n",
    ],
)
def test_texts_both_parsers_refuse_stay_errors(text: str) -> None:
    assert ours(text) == "error"


def test_root_block_scalar_is_read_on_every_path() -> None:
    """One answer: YAML 1.2 reads a root block scalar at column 0 (libyaml refuses it)."""
    for text in ("|\ntext\n", "|\n  text\n", ">\nfolded\ntext\n"):
        assert yaml_doc.parse(Source("w.yml", text)).root is not None
        check_equal(text)


def _nested(levels: int, extra: str = "") -> str:
    return "a: " + "[" * levels + "x" + "]" * levels + "\n" + extra


@pytest.mark.parametrize("extra", ["", "b: " + "[" * 6000 + "]" * 6000 + "\n", "c: {k: v}\n"])
def test_nesting_past_100_levels_is_an_error_whatever_else_the_file_holds(extra: str) -> None:
    # root mapping (1) + 98 sequences + the scalar = 100 levels; one more is too deep
    if not extra.startswith("b"):
        assert ours(_nested(98, extra)) != "error"
    for text in (_nested(99, extra), _nested(120, extra)):
        with pytest.raises(InputError, match="nested more than 100 levels") as caught:
            yaml_doc.parse(Source("w.yml", text))
        assert (caught.value.line, caught.value.column) == (1, 103)
        check_equal(text)
    block = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    with pytest.raises(InputError, match="nested more than 100 levels"):
        fast_yaml.parse(Source("w.yml", block))
    with pytest.raises(InputError, match="nested more than 100 levels"):
        yaml_doc.parse(Source("w.yml", block))


#: How many corpus files both libyaml 0.2.5 and we read (and so are compared), per corpus.
COMPARED = {"sample": 53, "full": 1412}


def test_corpus_reads_as_before_and_as_libyaml_0_2_5(corpus: Corpus) -> None:
    compared = 0
    for path in _corpus_yaml(corpus):
        try:
            text = decode(str(path), path.read_bytes()).text
        except InputError:
            continue
        before, now = c_only(text), ours(text)
        if before != "error":
            assert now == before, path  # the corpus parses exactly as before where it did
        expected = reference(text)
        if expected != "error" and now != "error":
            assert now == expected, path
            compared += 1
    assert compared == COMPARED[corpus.name]
