"""The simple commands of a `run:` script, as a POSIX shell splits them into words.

Small on purpose: it finds commands and their words, it does not run anything. It keeps
what decides which program runs with which arguments: quotes (`'...'`, `"..."`, `\\x`),
line continuations (`\\` at the end of a line), separators (newline, `;`, `&&`, `||`, `|`,
`&`, parentheses), comments, redirections and here-documents (whose bodies are data, not
commands). A GitHub expression `${{ ... }}`, a command substitution `$(...)` and a
backquoted one stay opaque inside the word that holds them: their text is kept, never split.

Shell keywords that only introduce a command (`if`, `then`, `do`, `!`, `{`...) are dropped
from the front of a command, so `if twine upload dist/*; then` is the command `twine upload
dist/*`. (A helper of require-hashed-installs tokenises `run:` text too; the two can be
unified later.)
"""

from __future__ import annotations

from supply_chain_hooks.model import Record

#: Words that start a compound command or negate one: the command proper follows them.
KEYWORDS = frozenset({"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"})
_SEPARATORS = frozenset(";&|()\n")
_BLANKS = frozenset(" \t\r")


class Word(Record):
    """A word with its quotes removed (``text``), where it starts and ends in the script."""

    text: str
    start: int
    end: int


class Command(Record):
    """One simple command: its words in order (keywords and redirections left out)."""

    words: tuple[Word, ...]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    """The index just past the `closing` that balances the `opening` at start (or the end)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in "'\"" and opening != char:
            found = text.find(char, index + 1)
            index = len(text) if found < 0 else found + 1
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def _opaque_end(text: str, index: int) -> int:
    """Where an opaque part starting at index ends: `${{ }}`, `$( )`, backquotes; -1 if none."""
    if text.startswith("${{", index):
        found = text.find("}}", index + 3)
        return len(text) if found < 0 else found + 2
    if text.startswith("$(", index):
        return _closing(text, index + 1, "(", ")")
    if text[index] == "`":
        found = text.find("`", index + 1)
        return len(text) if found < 0 else found + 1
    return -1


class _Splitter:
    """The state of one pass over a script."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.commands: list[Command] = []
        self.words: list[Word] = []
        self.chars: list[str] = []
        self.word_start = -1
        self.redirect = False  # the next word is a redirection's target
        self.heredocs: list[tuple[str, bool]] = []  # pending (delimiter, strip tabs)
        self.heredoc_next = False  # the next word is a here-document's delimiter
        self.heredoc_tabs = False

    def add(self, text: str, at: int) -> None:
        if self.word_start < 0:
            self.word_start = at
        self.chars.append(text)

    def end_word(self, at: int) -> None:
        if self.word_start < 0:
            return
        word = Word("".join(self.chars), self.word_start, at)
        self.chars, self.word_start = [], -1
        if self.heredoc_next:
            self.heredocs.append((word.text, self.heredoc_tabs))
            self.heredoc_next = False
        elif self.redirect:
            self.redirect = False
        else:
            self.words.append(word)

    def end_command(self, at: int) -> None:
        self.end_word(at)
        words = self.words
        while words and words[0].text in KEYWORDS:
            words = words[1:]
        if words:
            self.commands.append(Command(tuple(words)))
        self.words = []

    def skip_heredocs(self, index: int) -> int:
        """Past the bodies of the here-documents opened on the line that ends at index."""
        text = self.text
        for delimiter, tabs in self.heredocs:
            while index < len(text):
                end = text.find("\n", index)
                end = len(text) if end < 0 else end
                line = text[index:end].rstrip("\r")
                index = end + 1
                if (line.lstrip("\t") if tabs else line) == delimiter:
                    break
        self.heredocs = []
        return min(index, len(text))

    def run(self) -> list[Command]:
        text = self.text
        index = 0
        while index < len(text):
            char = text[index]
            opaque = _opaque_end(text, index) if char in "$`" else -1
            if opaque >= 0:
                self.add(text[index:opaque], index)
                index = opaque
            elif char == "\\":
                following = text[index + 1 : index + 2]
                if following == "\n":
                    index += 2  # a line continuation joins the lines
                elif following == "\r" and text[index + 2 : index + 3] == "\n":
                    index += 3
                else:
                    self.add(following, index)
                    index += 2
            elif char == "'":
                found = text.find("'", index + 1)
                found = len(text) if found < 0 else found
                self.add(text[index + 1 : found], index)
                index = found + 1
            elif char == '"':
                index = self.double_quoted(index)
            elif char == "#" and self.word_start < 0:
                found = text.find("\n", index)
                index = len(text) if found < 0 else found
            elif char in _BLANKS:
                self.end_word(index)
                index += 1
            elif char in "<>":
                index = self.redirection(index)
            elif char in _SEPARATORS:
                self.end_command(index)
                index += 1
                if char == "\n" and self.heredocs:
                    index = self.skip_heredocs(index)
            else:
                self.add(char, index)
                index += 1
        self.end_command(len(text))
        return self.commands

    def double_quoted(self, index: int) -> int:
        text = self.text
        start = index
        index += 1
        parts: list[str] = []
        while index < len(text) and text[index] != '"':
            char = text[index]
            opaque = _opaque_end(text, index) if char in "$`" else -1
            if opaque >= 0:
                parts.append(text[index:opaque])
                index = opaque
            elif char == "\\" and text[index + 1 : index + 2] in ('"', "\\", "$", "`", "\n"):
                if text[index + 1] != "\n":
                    parts.append(text[index + 1])
                index += 2
            else:
                parts.append(char)
                index += 1
        self.add("".join(parts), start)
        return index + 1

    def redirection(self, index: int) -> int:
        """Past a redirection operator; its target word is dropped from the command."""
        text = self.text
        # A file descriptor number written just before the operator (`2>`) is part of it.
        if self.chars and "".join(self.chars).isdigit():
            self.chars, self.word_start = [], -1
        else:
            self.end_word(index)
        operator_end = index
        while operator_end < len(text) and text[operator_end] in "<>&|-":
            operator_end += 1
        operator = text[index:operator_end]
        if operator.startswith("<<") and not operator.startswith("<<<"):
            self.heredoc_next = True
            self.heredoc_tabs = operator.startswith("<<-")
        elif operator.endswith("&") and text[operator_end : operator_end + 1].isdigit():
            operator_end += 1  # `2>&1` names a descriptor, not a file
            while operator_end < len(text) and text[operator_end].isdigit():
                operator_end += 1
        else:
            self.redirect = True
        return operator_end


def commands(script: str) -> list[Command]:
    """The simple commands of a script, in order, each with at least one word."""
    return _Splitter(script).run()
