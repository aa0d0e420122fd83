"""What an `if:` condition proves about the event that started a run.

:func:`excludes` answers one question: is this condition false whenever the run was started
by a given event (`pull_request`, `pull_request_target`, `issue_comment`, `workflow_run`)?
It parses the GitHub expression (`${{ }}` optional, as GitHub reads `if:`) and evaluates it
over what is known of such a run, without guessing:

* `github.event_name` is the event's name (GitHub compares strings case-insensitively);
* `github.ref` is never a tag: `refs/pull/<n>/merge` for a pull request, otherwise a branch,
  `refs/heads/<name>` (so `startsWith(github.ref, 'refs/tags/')` is false, while
  `github.ref == 'refs/heads/main'` proves nothing: the base branch of a pull request or
  the default branch of a comment is a branch too);
* `github.ref_type` is `branch` for every event but `pull_request` (unknown there);
* `github.event.ref` is null: only `push`, `create` and `delete` payloads carry a ref;
* `needs.<job>.outputs.<name>` is what the needed job's output expression evaluates to over
  the same facts, when the caller can look it up (see :func:`excludes`);
* everything else (inputs, step outputs, `github.repository`, `contains` over unknown
  text, status functions) is unknown.

Literals, `!`, `&&`, `||`, `==`, `!=`, `startsWith`, `endsWith`, `contains` and `fromJSON`
are evaluated over those facts (null reads as an empty string in the string functions); a condition is excluding only when it is false for certain. A value with
text outside `${{ }}` is a non-empty string, which is always true. Anything unparsable
proves nothing.
"""

from __future__ import annotations

import re

from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable

_TOKEN = lazy(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?))"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,*]))"
)


class _Unknown:
    """A value the analysis cannot know."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


class _Ref:
    """`github.ref` of a run started by a pull-request or comment event: a string that starts
    with one of ``prefixes`` (lowercase)."""

    __slots__ = ("prefixes",)

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        self.prefixes = prefixes


#: A value of the analysis: a known literal (str, float, bool, None), a ref, or UNKNOWN.
Value = str | float | bool | None | _Ref | _Unknown

if TYPE_CHECKING:
    #: Looks up `needs.<job>.outputs.<name>` (job and name lowercased) for the judged job.
    Resolver = Callable[[str, str], Value]


class _Unparsable(Exception):
    pass


def _truth(value: Value) -> bool | None:
    """GitHub's truthiness of a value; None when unknown."""
    if isinstance(value, _Unknown):
        return None
    if isinstance(value, _Ref):
        return True  # a non-empty string
    return bool(value)


def _known(truth: bool | None) -> Value:
    return UNKNOWN if truth is None else truth


def _equal(left: Value, right: Value) -> bool | None:
    if isinstance(left, _Unknown) or isinstance(right, _Unknown):
        return None
    if isinstance(right, _Ref):
        left, right = right, left
    if isinstance(left, _Ref):
        if isinstance(right, _Ref):
            return None
        if not isinstance(right, str):
            return False
        lowered = right.lower()
        return None if any(lowered.startswith(p) for p in left.prefixes) else False
    if isinstance(left, str) and isinstance(right, str):
        return left.lower() == right.lower()
    if type(left) is type(right):
        return left == right
    return None  # GitHub coerces mixed types to numbers: not modelled


def _text(value: Value) -> Value:
    """How the string functions read a value: null is the empty string."""
    return "" if value is None else value


def _starts_with(text: Value, prefix: Value) -> bool | None:
    text, prefix = _text(text), _text(prefix)
    if not isinstance(prefix, str):
        return None
    wanted = prefix.lower()
    if isinstance(text, str):
        return text.lower().startswith(wanted)
    if isinstance(text, _Ref):
        if all(p.startswith(wanted) for p in text.prefixes):
            return True
        if not any(p.startswith(wanted) or wanted.startswith(p) for p in text.prefixes):
            return False
    return None


def _ends_with(text: Value, suffix: Value) -> bool | None:
    text, suffix = _text(text), _text(suffix)
    if isinstance(text, str) and isinstance(suffix, str):
        return text.lower().endswith(suffix.lower())
    return None


def _contains(text: Value, part: Value) -> bool | None:
    text, part = _text(text), _text(part)
    if isinstance(text, str) and isinstance(part, str):
        return part.lower() in text.lower()
    if (
        isinstance(text, _Ref)
        and isinstance(part, str)
        and all(part.lower() in p for p in text.prefixes)
    ):
        return True
    return None


_FUNCTIONS = {"startswith": _starts_with, "endswith": _ends_with, "contains": _contains}


def _from_json(value: Value) -> Value:
    """`fromJSON` of a known scalar (an output is a string: `'true'` reads as true)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
    return UNKNOWN


class _Parser:
    """A recursive-descent evaluator over the tokens of one expression."""

    def __init__(self, text: str, facts: dict[str, Value], resolve: Resolver | None) -> None:
        self.tokens: list[tuple[str, str]] = []
        index = 0
        while index < len(text):
            match = _TOKEN.match(text, index)
            if match is None or match.end() == index:
                if text[index:].strip():
                    raise _Unparsable(text[index:])
                break
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            index = match.end()
        self.position = 0
        self.facts = facts
        self.resolve = resolve

    def peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise _Unparsable("unexpected end")
        token = self.tokens[self.position]
        if expected is not None and token[1] != expected:
            raise _Unparsable(token[1])
        self.position += 1
        return token

    def parse(self) -> Value:
        value = self.disjunction()
        if self.position != len(self.tokens):
            raise _Unparsable(self.tokens[self.position][1])
        return value

    def disjunction(self) -> Value:
        value = self.conjunction()
        while self.peek() == "||":
            self.take()
            right = self.conjunction()
            left_truth, right_truth = _truth(value), _truth(right)
            if left_truth is True or right_truth is True:
                value = True
            elif left_truth is False and right_truth is False:
                value = False
            else:
                value = UNKNOWN
        return value

    def conjunction(self) -> Value:
        value = self.negation()
        while self.peek() == "&&":
            self.take()
            right = self.negation()
            left_truth, right_truth = _truth(value), _truth(right)
            if left_truth is False or right_truth is False:
                value = False
            elif left_truth is True and right_truth is True:
                value = True
            else:
                value = UNKNOWN
        return value

    def negation(self) -> Value:
        if self.peek() == "!":
            self.take()
            truth = _truth(self.negation())
            return _known(None if truth is None else not truth)
        return self.comparison()

    def comparison(self) -> Value:
        left = self.primary()
        operator = self.peek()
        if operator in ("==", "!="):
            self.take()
            equal = _equal(left, self.primary())
            if equal is None:
                return UNKNOWN
            return equal if operator == "==" else not equal
        if operator in ("<", "<=", ">", ">="):
            self.take()
            self.primary()
            return UNKNOWN
        return left

    def primary(self) -> Value:
        kind, text = self.take()
        if text == "(":
            value = self.disjunction()
            self.take(")")
            return value
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(int(text, 16)) if text.lower().startswith("0x") else float(text)
        if kind != "name":
            raise _Unparsable(text)
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if lowered == "null":
            return None
        if self.peek() == "(":
            return self.call(lowered)
        return self.path(lowered)

    def call(self, name: str) -> Value:
        self.take("(")
        arguments: list[Value] = []
        while self.peek() != ")":
            arguments.append(self.disjunction())
            if self.peek() == ",":
                self.take()
        self.take(")")
        if name == "fromjson" and len(arguments) == 1:
            return _from_json(arguments[0])
        function = _FUNCTIONS.get(name)
        if function is None or len(arguments) != 2:
            return UNKNOWN
        return _known(function(arguments[0], arguments[1]))

    def path(self, root: str) -> Value:
        parts = [root]
        exact = True  # every part so far is a plain name
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                kind, text = self.take()
                if kind != "name" and text != "*":
                    raise _Unparsable(text)
                parts.append(text.lower())
            else:
                index = self.disjunction()
                self.take("]")
                if isinstance(index, str):
                    parts.append(index.lower())
                else:
                    exact = False
        if not exact:
            return UNKNOWN
        if len(parts) == 4 and parts[0] == "needs" and parts[2] == "outputs" and self.resolve:
            return self.resolve(parts[1], parts[3])
        return self.facts.get(".".join(parts), UNKNOWN)


def _facts(event: str) -> dict[str, Value]:
    facts: dict[str, Value] = {"github.event_name": event, "github.event.ref": None}
    if event == "pull_request":
        facts["github.ref"] = _Ref(("refs/pull/", "refs/heads/"))
    else:
        facts["github.ref"] = _Ref(("refs/heads/",))
        facts["github.ref_type"] = "branch"
    return facts


_WHOLE = lazy(r"\s*\$\{\{(.*)\}\}\s*", re.DOTALL)


def evaluate(text: str, event: str, resolve: Resolver | None = None, *, condition: bool) -> Value:
    """What a value evaluates to in every run started by event (UNKNOWN when it varies).

    A ``condition`` (`if:`) is an expression with or without `${{ }}`; otherwise the text is
    a template, whose value is the expression when `${{ }}` wraps it whole, else text.
    """
    stripped = text.strip()
    whole = _WHOLE.fullmatch(stripped)
    if whole is not None and "${{" not in whole.group(1):
        stripped = whole.group(1)
    elif "${{" in stripped:
        return UNKNOWN if not condition else True  # text around an expression: a string
    elif not condition:
        return text
    if not stripped.strip():
        return UNKNOWN
    try:
        return _Parser(stripped, _facts(event), resolve).parse()
    except _Unparsable:
        return UNKNOWN


def as_output(value: Value) -> Value:
    """A value as a job output holds it: outputs are strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def excludes(condition: str, event: str, resolve: Resolver | None = None) -> bool:
    """Whether `if: condition` is false for certain in every run started by event.

    ``resolve`` looks up the outputs of the jobs the judged job needs; without it they are
    unknown.
    """
    return _truth(evaluate(condition, event, resolve, condition=True)) is False


#: Status functions that let a job run although a job it needs was skipped.
STATUS_OVERRIDE = lazy(r"\b(always|failure|cancelled)\s*\(", re.IGNORECASE)
