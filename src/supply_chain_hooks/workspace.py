"""The files of one run: listed once, read once, parsed once, written at the end.

Every check reads files through the run's :class:`Workspace`: the folder listings of
:mod:`supply_chain_hooks.discovery`, the decoded :class:`Source` of each file, and each
file's parsed document, cached by path and parser so that the hooks of one run
(`supply-chain-hooks check`) share them. A parsed document weighs about fifteen times its
text, so the runner tells the workspace which files a later job may parse again
(:meth:`Workspace.share`) and only those documents are kept. Fixes change the text in
memory (a document parsed from older text is parsed again), and the files are written only
when the run is done.
"""

from __future__ import annotations

import os

from supply_chain_hooks.source import InputError, Source, read

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    from supply_chain_hooks.discovery import Listing
    from supply_chain_hooks.yaml_doc import Document

    _T = TypeVar("_T")


class Workspace:
    """Decoded files by path, with in-memory changes that are written only at the end."""

    def __init__(self, root: str = ".") -> None:
        self.root = root
        self._sources: dict[str, Source | InputError] = {}
        self._original: dict[str, Source] = {}
        #: (path, parser) -> (the source it was parsed from, the document or the error).
        self._parsed: dict[tuple[str, object], tuple[Source, object]] = {}
        #: (path, parser) -> (the source, the result) for :meth:`parse`: always kept.
        self._memo: dict[tuple[str, object], tuple[Source, object]] = {}
        #: Whether to keep the parsed documents of a path (None: keep every one).
        self._shared: Callable[[str], bool] | None = None
        self._listings: dict[str, Listing] = {}
        self._read_elsewhere: dict[str, None] = {}

    def files(self, directory: str | None = None) -> Listing:
        """The files below directory (default: the root), listed once per run."""
        key = os.path.normpath(self.root if directory is None else directory)
        listing = self._listings.get(key)
        if listing is None:
            from supply_chain_hooks.discovery import walk

            listing = self._listings[key] = walk(key)
        return listing

    def source(self, path: str) -> Source:
        """The file's current text; raises InputError (cached) when it cannot be read."""
        cached = self._sources.get(path)
        if cached is None:
            try:
                cached = read(path)
            except InputError as error:
                cached = error
            self._sources[path] = cached
        if isinstance(cached, InputError):
            raise cached
        return cached

    def loaded(self, path: str) -> Source | None:
        """The current text of a file this run has read, without reading one."""
        cached = self._sources.get(path)
        return cached if isinstance(cached, Source) else None

    def parsed(self, path: str, parser: Callable[[Source], _T]) -> _T:
        """``parser(self.source(path))``, computed once for the file's current text; a
        parse error (InputError) is kept and raised again. parser is the key: pass a
        module-level function, not a new lambda. The result is shared: never change it."""
        source = self.source(path)
        cached = self._parsed.get((path, parser))
        if cached is None or cached[0] is not source:
            try:
                result: object = parser(source)
            except InputError as error:
                result = error
            cached = (source, result)
            if self._shared is None or self._shared(path):
                self._parsed[(path, parser)] = cached
        if isinstance(cached[1], InputError):
            raise cached[1]
        return cached[1]  # type: ignore[return-value]  # stored under this parser's key

    def parse(self, source: Source, parser: Callable[[Source], _T]) -> _T:
        """``parser(source)`` once per run for a source read through the workspace (or
        decoded from a file another way: keyed by its path, valid for that very object).

        For the small models several hooks build from one file (a requirements file's
        lines, a lock file's packages): they are kept for the whole run, unlike the
        documents of :meth:`parsed`. A parse error (InputError) is kept and raised again.
        """
        key = (source.path, parser)
        cached = self._memo.get(key)
        if cached is None or cached[0] is not source:
            try:
                result: object = parser(source)
            except InputError as error:
                result = error
            cached = self._memo[key] = (source, result)
        if isinstance(cached[1], InputError):
            raise cached[1]
        return cached[1]  # type: ignore[return-value]  # stored under this parser's key

    def share(self, keep: Callable[[str], bool], store: Callable[[str], bool]) -> None:
        """Forget the parsed documents of the paths keep rejects, and from now on store
        only those of the paths store accepts (those the run may parse again). A new
        workspace stores every one."""
        self._parsed = {key: value for key, value in self._parsed.items() if keep(key[0])}
        self._shared = store

    def yaml(self, path: str) -> Document:
        """The file's YAML document (composed nodes with spans, see :mod:`yaml_doc`)."""
        from supply_chain_hooks import fast_yaml

        return self.parsed(path, fast_yaml.parse)

    def toml(self, path: str) -> dict[str, Any]:
        """The file's TOML data as tomllib reads it (see :func:`toml_doc.load`)."""
        from supply_chain_hooks import toml_doc

        return self.parsed(path, toml_doc.load)

    def update(self, path: str, text: str) -> None:
        current = self.source(path)
        self._original.setdefault(path, current)
        self._sources[path] = current.replaced(text)

    def revert(self, path: str) -> None:
        if path in self._original:
            self._sources[path] = self._original.pop(path)

    def read_paths(self) -> list[str]:
        """The files this run read (here, or in another process: :meth:`count_read`)."""
        here = [path for path, value in self._sources.items() if isinstance(value, Source)]
        return list(dict.fromkeys([*here, *self._read_elsewhere]))

    def count_read(self, paths: Iterable[str]) -> None:
        """Count files another process of this run read among :meth:`read_paths`."""
        self._read_elsewhere.update(dict.fromkeys(paths))

    def original(self, path: str) -> Source:
        """The file as read, before any fix."""
        return self._original.get(path) or self.source(path)

    def changed(self) -> list[str]:
        return [
            path
            for path, original in self._original.items()
            if self.source(path).text != original.text
        ]

    def write(self, path: str) -> None:
        """Write one changed file atomically; refuse a path that leaves its repository
        through a link. A file named outside the current folder is written (the user named
        it); its repository is the nearest folder above it, as written, that holds `.git`
        (else its own folder), and the path may not resolve outside that."""
        from supply_chain_hooks.edits import WriteError, write_atomic

        real = os.path.realpath(path)
        root = os.path.realpath(repository_of(path))
        if os.path.commonpath([real, root]) != root:
            raise WriteError(f"not written: it is a link to {real}, outside {root}")
        write_atomic(path, self.source(path).encode())


def repository_of(path: str) -> str:
    """The repository a path belongs to, found from the path as written (links are not
    followed): the nearest folder above it that holds `.git`, else the file's folder."""
    folder = os.path.dirname(os.path.abspath(path))
    current = folder
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return folder
        current = parent
