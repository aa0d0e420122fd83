"""The simple commands of a shell script, read as bash reads them for what decides which
program runs with which arguments.

It runs nothing and expands nothing. It keeps quotes (`'...'`, `"..."`, `$'...'`,
`$"..."`, `\\x`), line continuations (`\\` at the end of a line, also inside a word),
separators and operators (newline, `;`, `;;`, `&`, `&&`, `||`, `|`, `|&`, parentheses),
reserved words that only introduce a command (`if`, `then`, `do`, `{`, `}`, `!`, `time`...),
comments (a `#` that starts a word), redirections (their targets are not arguments) and
here-documents (their bodies are data, never commands). `NAME=value` words written before
the command name are assignments, kept apart from the words.

Expansions stay opaque inside the word that holds them, their text kept as written: a
GitHub expression `${{ ... }}`, `${...}`, `$((...))`, and command substitutions `$(...)`
and backquotes. The commands inside a command substitution run too: they are read and
listed after the command that holds them, at their own place in the script.

Differences from bash that do not matter here: a `for`/`select`/`case` header is not a
command (its words are dropped); `case` patterns may show up as one-word commands; aliases
and functions are not followed; `[[ ... ]]` is read as words.
"""

from __future__ import annotations

from supply_chain_hooks.model import Record

#: Reserved words that introduce or close a compound command: a command follows them.
KEYWORDS = frozenset(
    {
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "do",
        "done",
        "while",
        "until",
        "!",
        "{",
        "}",
        "time",
        "esac",
        "function",
        "coproc",
    }
)
#: Reserved words whose whole simple command is a header, not a command.
HEADERS = frozenset({"for", "select", "case"})
_BLANKS = frozenset(" \t\r")
_OPERATOR_CHARS = frozenset(";&|()\n")
_ANSI = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}


class Word(Record):
    """A word with its quotes removed (``text``) and where it is written in the script.

    ``opaque`` is true when the word holds an expansion (`$X`, `${{ }}`, `$(...)`...): its
    value is only known when the script runs, and ``text`` keeps the expansion as written.
    """

    text: str
    start: int
    end: int
    opaque: bool = False


class Command(Record):
    """One simple command: its `NAME=value` assignments and its words (the program first)."""

    assignments: tuple[Word, ...]
    words: tuple[Word, ...]

    @property
    def start(self) -> int:
        return (self.assignments or self.words)[0].start

    @property
    def end(self) -> int:
        return (self.words or self.assignments)[-1].end


def is_assignment(text: str) -> bool:
    name, equals, _ = text.partition("=")
    if not equals or not name or name[0].isdigit():
        return False
    name = name.removesuffix("+")
    return all(char == "_" or char.isalnum() for char in name) and name.isascii()


def _skip_quoted(text: str, index: int, quote: str) -> int:
    """Past the quote closing the one at index (double quotes honour backslashes)."""
    index += 1
    while index < len(text):
        char = text[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char == quote:
            return index + 1
        index += 1
    return len(text)


def _closing(text: str, index: int, opening: str, closing: str) -> int:
    """The index just past the `closing` balancing the `opening` at index (or the end)."""
    depth = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in "'\"`":
            index = _skip_quoted(text, index, char)
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


class _Reader:
    """The state of one pass over a script."""

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base  # where the text starts in the script the offsets refer to
        self.commands: list[Command] = []
        self.nested: list[Command] = []  # commands of command substitutions
        self.assignments: list[Word] = []
        self.words: list[Word] = []
        self.chars: list[str] = []
        self.word_start = -1
        self.opaque = False
        self.redirect = False  # the next word is a redirection's target
        self.heredoc_next = False
        self.heredoc_tabs = False
        self.heredocs: list[tuple[str, bool]] = []

    def add(self, text: str, at: int, *, opaque: bool = False) -> None:
        if self.word_start < 0:
            self.word_start = at
        self.chars.append(text)
        self.opaque = self.opaque or opaque

    def end_word(self, at: int) -> None:
        if self.word_start < 0:
            return
        word = Word("".join(self.chars), self.base + self.word_start, self.base + at, self.opaque)
        self.chars, self.word_start, self.opaque = [], -1, False
        if self.heredoc_next:
            self.heredocs.append((word.text, self.heredoc_tabs))
            self.heredoc_next = False
        elif self.redirect:
            self.redirect = False
        elif not self.words and not self.assignments and word.text in KEYWORDS:
            return
        elif not self.words and is_assignment(word.text):
            self.assignments.append(word)
        else:
            self.words.append(word)

    def end_command(self, at: int) -> None:
        self.end_word(at)
        if self.words and self.words[0].text in HEADERS:
            self.words = []
        if self.words or self.assignments:
            self.commands.append(Command(tuple(self.assignments), tuple(self.words)))
        self.commands += self.nested
        self.words, self.assignments, self.nested = [], [], []
        self.redirect = False

    def skip_heredocs(self, index: int) -> int:
        """Past the bodies of the here-documents opened on the line that ended at index."""
        text = self.text
        for delimiter, tabs in self.heredocs:
            while index < len(text):
                end = text.find("\n", index)
                end = len(text) if end < 0 else end
                line = text[index:end]
                index = end + 1
                if (line.lstrip("\t") if tabs else line) == delimiter:
                    break
        self.heredocs = []
        return min(index, len(text))

    def substitution(self, start: int, end: int) -> None:
        """Read the commands of a command substitution whose inner text is [start, end)."""
        inner = _Reader(self.text[start:end], self.base + start)
        self.nested += inner.run()

    def dollar(self, index: int) -> int:
        """Past a `$` expansion or quoting form starting at index (added to the word)."""
        text = self.text
        following = text[index + 1 : index + 2]
        if following == "'":
            return self.ansi_c(index)
        if following == '"':
            return self.double_quoted(index + 1, start=index)
        if text.startswith("${{", index):
            found = text.find("}}", index + 3)
            end = len(text) if found < 0 else found + 2
        elif text.startswith("$((", index):
            end = _closing(text, index + 1, "(", ")")
        elif following == "(":
            end = _closing(text, index + 1, "(", ")")
            self.substitution(index + 2, max(index + 2, end - 1))
        elif following == "{":
            end = _closing(text, index + 1, "{", "}")
        elif following and (following.isalnum() or following in "_@*#?$!-"):
            end = index + 2
            if following.isalpha() or following == "_":
                while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                    end += 1
        else:
            self.add("$", index)
            return index + 1
        self.add(text[index:end], index, opaque=True)
        return end

    def backquote(self, index: int) -> int:
        text = self.text
        end = index + 1
        while end < len(text) and text[end] != "`":
            end += 2 if text[end] == "\\" else 1
        end = min(end, len(text))
        self.substitution(index + 1, end)
        self.add(text[index : end + 1], index, opaque=True)
        return end + 1

    def ansi_c(self, index: int) -> int:
        """`$'...'`: backslash escapes are decoded."""
        text = self.text
        start = index
        index += 2
        parts: list[str] = []
        while index < len(text) and text[index] != "'":
            char = text[index]
            if char == "\\" and index + 1 < len(text):
                escaped = text[index + 1]
                if escaped in _ANSI:
                    parts.append(_ANSI[escaped])
                    index += 2
                    continue
                if escaped == "x":
                    digits = ""
                    while (
                        len(digits) < 2
                        and text[index + 2 + len(digits) :][:1] in set("0123456789abcdefABCDEF")
                        and index + 2 + len(digits) < len(text)
                    ):
                        digits += text[index + 2 + len(digits)]
                    if digits:
                        parts.append(chr(int(digits, 16)))
                        index += 2 + len(digits)
                        continue
                parts.append(char + escaped)
                index += 2
                continue
            parts.append(char)
            index += 1
        self.add("".join(parts), start)
        return index + 1

    def double_quoted(self, index: int, start: int | None = None) -> int:
        text = self.text
        self.add("", index if start is None else start)
        index += 1
        while index < len(text) and text[index] != '"':
            char = text[index]
            if char == "$" and text[index + 1 : index + 2] not in ("'", '"'):
                index = self.dollar(index)
            elif char == "`":
                index = self.backquote(index)
            elif char == "\\" and text[index + 1 : index + 2] in ('"', "\\", "$", "`", "\n"):
                if text[index + 1] != "\n":
                    self.add(text[index + 1], index)
                index += 2
            else:
                self.add(char, index)
                index += 1
        return index + 1

    def redirection(self, index: int) -> int:
        """Past a redirection operator; its target word is not an argument."""
        text = self.text
        # A descriptor number written just before the operator (`2>`) belongs to it.
        if self.chars and "".join(self.chars).isdigit() and not self.opaque:
            self.chars, self.word_start = [], -1
        else:
            self.end_word(index)
        end = index
        if text[end] == "&":  # `&>` and `&>>`
            end += 1
        while end < len(text) and text[end] in "<>":
            end += 1
        operator = text[index:end]
        if text[end : end + 1] in ("&", "|", "-") and operator not in ("<<",):
            end += 1
        elif operator == "<<" and text[end : end + 1] == "-":
            end += 1
            operator = "<<-"
        if operator in ("<<", "<<-"):
            self.heredoc_next = True
            self.heredoc_tabs = operator == "<<-"
            return end
        if text[end - 1 : end] == "&" and operator != "&":
            # `2>&1`, `>&-`: a descriptor, not a file.
            while end < len(text) and (text[end].isdigit() or text[end] == "-"):
                end += 1
            if end < len(text) and text[end] not in _BLANKS and text[end] not in _OPERATOR_CHARS:
                self.redirect = True  # `>&file`
            return end
        self.redirect = True
        return end

    def run(self) -> list[Command]:
        text = self.text
        index = 0
        while index < len(text):
            char = text[index]
            if char == "\\":
                following = text[index + 1 : index + 2]
                if following == "\n":
                    index += 2  # a line continuation joins the lines, also inside a word
                elif following:
                    self.add(following, index)
                    index += 2
                else:
                    self.add("\\", index)
                    index += 1
            elif char == "'":
                found = text.find("'", index + 1)
                found = len(text) if found < 0 else found
                self.add(text[index + 1 : found], index)
                index = found + 1
            elif char == '"':
                index = self.double_quoted(index)
            elif char == "$":
                index = self.dollar(index)
            elif char == "`":
                index = self.backquote(index)
            elif char == "#" and self.word_start < 0:
                found = text.find("\n", index)
                index = len(text) if found < 0 else found
            elif char in _BLANKS:
                self.end_word(index)
                index += 1
            elif char in "<>" or (char == "&" and text[index + 1 : index + 2] == ">"):
                if char in "<>" and text[index + 1 : index + 2] == "(":
                    # Process substitution `<(...)`: its commands run, the word is opaque.
                    end = _closing(text, index + 1, "(", ")")
                    self.substitution(index + 2, max(index + 2, end - 1))
                    self.add(text[index:end], index, opaque=True)
                    index = end
                else:
                    index = self.redirection(index)
            elif char in _OPERATOR_CHARS:
                self.end_command(index)
                index += 1
                if char == "\n" and self.heredocs:
                    index = self.skip_heredocs(index)
            else:
                self.add(char, index)
                index += 1
        self.end_command(len(text))
        return self.commands


def commands(script: str, base: int = 0) -> list[Command]:
    """The simple commands of a script, in order (each command substitution's commands after
    the command that holds them). Offsets are ``base`` plus indices into ``script``."""
    return _Reader(script, base).run()
