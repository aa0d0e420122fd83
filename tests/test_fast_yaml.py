"""fast_yaml is exact: whatever it composes, ruamel's C composer composes identically.

Differential tests over every YAML file of the corpus and over generated documents
(rendered from random trees in many block and flow styles, then mutated): when the fast
path accepts a text, the node trees (kinds, tags, values, styles, flow styles, start and
end marks with index, line and column) are equal; and ``fast_yaml.parse`` always returns
what ``yaml_doc.parse`` returns, or raises the same InputError.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supply_chain_hooks import fast_yaml, yaml_doc
from supply_chain_hooks.github.context import WorkflowContext
from supply_chain_hooks.github.rules import privileged_pr_code, pull_request_target, workflow_run
from supply_chain_hooks.hooks import forbid_pull_request_target as forbid
from supply_chain_hooks.source import InputError, Source, decode
from tests.conftest import Corpus
from tests.golden import Goldens

Record = tuple[object, ...]


def tree(root: object) -> list[Record] | None:
    """Every node in document order, with everything a rule can read from it."""
    if root is None:
        return None
    out: list[Record] = []
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.id  # type: ignore[attr-defined]
        start, end = node.start_mark, node.end_mark  # type: ignore[attr-defined]
        record = (kind, node.tag, start.index, start.line, start.column)  # type: ignore[attr-defined]
        record += (end.index, end.line, end.column, node.anchor)  # type: ignore[attr-defined]
        if kind == "scalar":
            out.append((*record, node.value, node.style))  # type: ignore[attr-defined]
            continue
        out.append((*record, node.flow_style, len(node.value)))  # type: ignore[attr-defined]
        if kind == "mapping":
            for key, value in reversed(node.value):  # type: ignore[attr-defined]
                stack += [value, key]
        else:
            stack.extend(reversed(node.value))  # type: ignore[attr-defined]
    return out


def check_equal(text: str) -> bool:
    """Assert the property for one text; return whether the fast path accepted it."""
    return fallback_reason(text) is None


def fallback_reason(text: str) -> str | None:
    """Assert the property for one text; return why the fast path declined it (None: it did not)."""
    reason = None
    try:
        fast = fast_yaml.compose(text)
    except fast_yaml.Unsupported as error:
        reason = str(error)
    else:
        full = yaml_doc._compose(text)  # raises if the fast path accepted invalid YAML
        assert tree(fast) == tree(full), text
    source = Source("f.yml", text)
    try:
        expected: object = tree(yaml_doc.parse(source).root)
    except InputError as error:
        expected = (error.message, error.line, error.column)
    try:
        actual: object = tree(fast_yaml.parse(source).root)
    except InputError as error:
        actual = (error.message, error.line, error.column)
    assert actual == expected, text
    return reason


def _corpus_yaml(corpus: Corpus) -> list[Path]:
    return corpus.files("**/*.yml", "**/*.yaml")


def test_every_yaml_file_of_the_corpus(corpus: Corpus, goldens: Goldens) -> None:
    """Equal trees on every file, and exactly the expected files (with the expected reason)
    fall back to the full parser: a construct the fast path stops reading is noticed."""
    declined = []
    for path in _corpus_yaml(corpus):
        try:
            source = decode(str(path), path.read_bytes())
        except InputError as error:
            declined.append(f"{corpus.relative(path)}: not decoded: {error.message}")
            continue
        reason = fallback_reason(source.text)
        if reason is not None:
            declined.append(f"{corpus.relative(path)}: {reason}")
    goldens.expect(
        corpus.expected / "fast_yaml_fallbacks.txt", "".join(f"{line}\n" for line in declined)
    )
    # The sample holds files the fast path reads and files it declines.
    assert 0 < len(declined) < len(_corpus_yaml(corpus))


EXAMPLES = [
    # A whitespace-only line longer than a block scalar's indentation (falls back; no file of
    # the vendored sample has one).
    "a: |\n  x\n   \n  y\n",
    "a: >\n  x\n     \nb: 1\n",
    # A root block scalar's content must be indented (libyaml reads `foo` as a second node).
    "|\nfoo\n",
    "|\n: 1\n",
    "|\n  foo\n",
    "",
    "# only a comment\n",
    "a: 1\n",
    "a: 1",
    "a:",
    "a:\n",
    "a: 1\n  ",
    "a:\n  b:\n    c: 1\n  \n",
    "a:\n  b:\n    c: 1\n  ",
    "a:\n  b:\n    c: 1\n# end",
    "---\na: 1\n",
    "# c\n---\na: [x, 'y', \"z\", {k: v}, [], {}]\n",
    "a:\n- x\n-\n- \n- - y\n  - z\nb: 2\n",
    "- a: 1\n  b:\n  - c\n- d: |\n    text\n\n  e: >-\n    f\n    g\n\n\n    h\n",
    "a: |+\n  x\n\n\nb: |-\n  y\n\nc: >\n  p\n   more\n  q\n\n  r\n",
    "a: >\n  x\n\n   y\n  z\n",
    "k: multi\n  line plain\n\n  scalar\nm: 1\n",
    "'q': 'it''s'\n\"d\": \"x y\"\n",
    "on:\n  pull_request_target:\n    types: [opened]\njobs: {}\n",
    "a: b # comment\nc:   # empty\nd: e#f\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a:\n  - x\n - y\n",
    'a: "unterminated\n',
    "a:\tb\n",
    "a: 'x'y\n",
    "- [a, b\n- c\n",
    "key:\n  value\n",
    "a: |\n  x\n    \n  y\n",
    'a: "t\\tab \\u00e9 \\x41 \\U0001F600 \\"q\\" \\\\ \\/ \\N \\_ \\L \\P \\0 \\e \\ "\n',
    'a: ["\\t", "b\\"", {"k\\x41": "\\\\"}]\n',
    'a: "bad \\q"\n',
    'a: "\\uD800"\n',
    'a: "\\xZZ"\n',
    'a: "line \\\n  continued"\n',
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_examples(text: str) -> None:
    check_equal(text)


def test_fast_path_takes_typical_workflows_without_ruamel() -> None:
    text = (
        "name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\npermissions: {}\n"
        "jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4 # pinned below\n        with:\n"
        "          persist-credentials: false\n      - run: |\n          make test\n"
    )
    assert check_equal(text)
    root = fast_yaml.compose(text)
    assert yaml_doc.value(root, "jobs", "test", "steps", 0, "uses") is not None  # type: ignore[arg-type]


# -- generated documents

WORDS = st.sampled_from(
    [
        "a",
        "b",
        "on",
        "pull_request_target",
        "run",
        "x y",
        "-x",
        "--flag",
        "1.0",
        "true",
        "~",
        "${{ github.ref }}",
        "a:b",
        "a: b",
        "a #b",
        "a#b",
        "it's",
        'say "hi"',
        "back\\slash",
        "é",
        "",
        " lead",
        "trail ",
        "[x]",
        "{y}",
        "*z",
        "&w",
        "!t",
        "|",
        ">",
        "%p",
        "@q",
        "`r",
        "- d",
        "? e",
        ": f",
        "#g",
        "two\nlines",
        "ends\n",
        "\n\nlead",
        "k\u2028l",
        "a,b",
        "c]d",
        "test-me-*",
        "v1.*",
        "x\\ny",
        "a\n- b",
        "x\n| y",
        "p\n'q'",
        'm\n"n"',
        "u\n&v",
        "c\n#d",
        "e\n[f]",
        "g\n: h",
        "i\n? j",
        "k\n%l",
    ]
)
SCALARS = WORDS.map(lambda word: ("scalar", word))
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(lambda items: ("seq", items)),
        st.lists(st.tuples(WORDS, children), max_size=4).map(lambda pairs: ("map", pairs)),
    ),
    max_leaves=16,
)


def _quote(data: st.DataObject, value: str, *, block: bool, indent: int) -> str:
    style = data.draw(
        st.sampled_from(["plain", "plain", "single", "double"] + (["|", ">"] if block else []))
    )
    if style == "plain":
        return value.replace("\n", "\n" + " " * (indent + data.draw(st.integers(0, 2))))
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + (escaped.replace("\n", "\\n") if data.draw(st.booleans()) else escaped) + '"'
    chomp = data.draw(st.sampled_from(["", "-", "+"]))
    pad = " " * (indent + data.draw(st.integers(1, 3)))
    lines = value.split("\n")
    body = "\n".join(
        pad + line if line else data.draw(st.sampled_from(["", " "])) for line in lines
    )
    return f"{style}{chomp}\n{body}"


def _flow(data: st.DataObject, node: tuple[str, object]) -> str:
    kind, content = node
    space = data.draw(st.sampled_from(["", " "]))
    if kind == "scalar":
        return _quote(data, str(content), block=False, indent=0)
    if kind == "seq":
        return "[" + space + ", ".join(_flow(data, item) for item in content) + space + "]"  # type: ignore[attr-defined]
    items = ", ".join(
        f"{_quote(data, key, block=False, indent=0)}: {_flow(data, value)}"
        for key, value in content  # type: ignore[attr-defined]
    )
    return "{" + space + items + space + "}"


def _comment(data: st.DataObject) -> str:
    return data.draw(st.sampled_from(["", "", "", " # note", "  #x", "#tight"]))


def _block(data: st.DataObject, node: tuple[str, object], indent: int) -> list[str]:
    """Lines of a block node at `indent` (a collection) or of its inline value."""
    kind, content = node
    step = data.draw(st.integers(1, 4))
    lines: list[str] = []
    pad = " " * indent
    if kind == "seq":
        for item in content:  # type: ignore[attr-defined]
            lines += _entry(data, pad + "-", item, indent, step)
        return lines or [pad + "[]"]
    for key, value in content:  # type: ignore[attr-defined]
        head = pad + _quote(data, key, block=False, indent=indent) + ":"
        if value[0] == "seq" and value[1] and data.draw(st.booleans()):
            lines.append(head + _comment(data))
            lines += _block(data, value, indent)  # an indentless sequence
            continue
        lines += _entry(data, head, value, indent, step)
    return lines or [pad + "{}"]


def _entry(
    data: st.DataObject, head: str, value: tuple[str, object], indent: int, step: int
) -> list[str]:
    kind, content = value
    choice = data.draw(st.sampled_from(["inline", "nested", "flow"]))
    if kind == "scalar" or not content or choice == "flow":
        if kind == "scalar":
            text = _quote(data, str(content), block=True, indent=indent)
        else:
            text = _flow(data, value)
        return [head + " " + text + _comment(data)]
    if choice == "inline" and head.endswith("-"):
        nested = _block(data, value, indent + len(head) - len(head.lstrip()) + 2)
        first = nested[0].lstrip(" ")
        return [head + " " + first, *nested[1:]]
    return [head + _comment(data), *_block(data, value, indent + step)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), node=TREES)
def test_generated_documents(data: st.DataObject, node: tuple[str, object]) -> None:
    if node[0] == "scalar":
        node = ("map", [("root", node)])
    lines = _block(data, node, data.draw(st.sampled_from([0, 0, 0, 2])))
    extra = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(lines)),
                st.sampled_from(["", "  ", "# comment", "   # indented comment"]),
            ),
            max_size=3,
        )
    )
    for position, line in sorted(extra, reverse=True):
        lines.insert(position, line)
    head = data.draw(st.sampled_from(["", "", "---\n", "# top\n"]))
    tail = data.draw(st.sampled_from(["\n", "\n", "", "\n  ", "\n\n", "\n# end"]))
    check_equal(head + "\n".join(lines) + tail)


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    base=st.sampled_from([text for text in EXAMPLES if text]),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(list(" \n-:#|>'\"[]{},&*!?x\t"))),
        min_size=1,
        max_size=3,
    ),
)
def test_mutated_documents(data: st.DataObject, base: str, edits: list[tuple[int, str]]) -> None:
    text = base
    for position, char in edits:
        index = position % (len(text) + 1)
        if data.draw(st.booleans()):
            text = text[:index] + char + text[index:]
        else:
            text = text[:index] + char + text[index + 1 :]
    check_equal(text)


# -- forbid-pull-request-target: the pre-filter and the fast path change no finding


def _reference(text: str, include_workflow_run: bool) -> list[tuple[str, int, int, str]]:
    """Findings as the hook made them before: every file parsed by ruamel."""
    try:
        document = yaml_doc.parse(Source("w.yml", text))
    except InputError:
        return []
    context = WorkflowContext(document, include_workflow_run=include_workflow_run)
    found = [
        *pull_request_target.check(context),
        *workflow_run.check(context),
        *privileged_pr_code.check(context),
    ]
    return [(f.rule.code, f.location.line, f.location.column, f.message) for f in found]


def _hook(text: str, include_workflow_run: bool) -> list[tuple[str, int, int, str]]:
    from supply_chain_hooks.workspace import Workspace

    class Fixed(Workspace):
        def source(self, path: str) -> Source:
            return Source(path, text)

    options = forbid.Options(include_workflow_run=include_workflow_run)
    try:
        found = forbid.check(Fixed(), "w.yml", options)
    except InputError:
        return []
    return [(f.rule.code, f.location.line, f.location.column, f.message) for f in found]


def test_forbid_findings_are_unchanged_on_the_corpus(corpus: Corpus, goldens: Goldens) -> None:
    """The hook (fast path and prefilter) finds what the full parser finds, on every file;
    the files with findings are exactly the expected ones."""
    flagged = []
    for path in _corpus_yaml(corpus):
        try:
            text = decode(str(path), path.read_bytes()).text
        except InputError:
            continue
        for include in (False, True):
            found = _hook(text, include)
            assert found == _reference(text, include), path
        if found:
            codes = sorted({code for code, *_ in found})
            flagged.append(f"{corpus.relative(path)}: {' '.join(codes)}\n")
    goldens.expect(corpus.expected / "forbid_findings.txt", "".join(flagged))
    assert flagged


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["on: ", "on:\n  - ", "'on': [", 'on: {"', "jobs: {a: ", "x: |-\n  "]),
    word=st.sampled_from(["pull_request_target", "PULL_Request_Target", "workflow_run"]),
    spelling=st.sampled_from(["plain", "hex", "break", "split", "tab-break", "nel-break"]),
    suffix=st.sampled_from(["", "]", '"}', "}", "\n"]),
)
def test_forbid_prefilter_never_hides_a_trigger(
    prefix: str, word: str, spelling: str, suffix: str
) -> None:
    middle = len(word) // 2
    if spelling == "hex":
        written = f'"\\x{ord(word[0]):02x}{word[1:]}"'
    elif spelling == "break":
        written = f'"{word[:middle]}\\\n    {word[middle:]}"'
    elif spelling == "tab-break":
        written = f'"{word[:middle]}\\\n \t {word[middle:]}"'
    elif spelling == "nel-break":
        written = f'"{word[:middle]}\\\x85  {word[middle:]}"'
    elif spelling == "split":
        written = f"{word[:middle]}\n  {word[middle:]}"
    else:
        written = word
    text = prefix + written + suffix + "\n"
    for include in (False, True):
        assert _hook(text, include) == _reference(text, include), text
