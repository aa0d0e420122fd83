"""The exclusion layer: patterns that drop a file from Ruff before any rule runs.

With ``--force-exclude`` (the ruff hook's entry passes it) Ruff skips a file that
``exclude``/``extend-exclude`` matches, or whose directory does, up to the project root
(``is_file_excluded``); ``lint.exclude`` is matched against the file itself, also when the
config sets ``force-exclude``. Ruff's default excludes (``venv``, ``dist``, ...) count too.
"""

from __future__ import annotations

from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import Excluded, HookArgument
from supply_chain_hooks.ruff.origin import Origin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.ruff.causes import Cause, Collector
    from supply_chain_hooks.ruff.resolution import Resolver
    from supply_chain_hooks.ruff.settings import Pattern, Settings


class ExclusionLayer:
    """The exclusion layer of one run (remembers excluded directories per settings)."""

    def __init__(
        self,
        force_exclude: bool | None,
        resolver: Resolver,
        required: frozenset[int],
        collector: Collector,
    ) -> None:
        #: --force-exclude as the command line decides it (None: as the root config says).
        self.force_exclude = force_exclude
        self.resolver = resolver
        self.required = required
        self.collector = collector
        self._excluded_dirs: dict[tuple[int, str], Pattern | None] = {}
        #: The cause of each (settings, pattern, kind) whose origin is not the file's own.
        self._causes: dict[tuple[int, int, str], Cause] = {}

    def force(self) -> bool:
        """Whether Ruff runs with --force-exclude (asks the root config once, when first
        needed)."""
        force = self.force_exclude
        if force is None:
            force = self.force_exclude = self.resolver.root_force_exclude()
        return force

    def folder(self, settings: Settings, directory: str) -> Pattern | None:
        """The exclude pattern that drops this absolute directory of files `settings`
        governs, or one of its parents up to the project root (None: none does, or Ruff
        does not force excludes)."""
        return self._excluded_dir(settings, directory) if self.force() else None

    def file(
        self, settings: Settings, path: str, abspath: str, name: str, folder: Pattern | None
    ) -> bool:
        """Report the pattern that excludes the file; whether one does. `folder` is what
        :meth:`folder` says of the file's directory."""
        force = self.force_exclude
        if force:
            # `is_file_excluded`: the file and its directories up to the project root.
            pattern = _first_exclude(settings, abspath, name)
            if pattern is None and abspath != settings.project_root:
                pattern = folder
            if pattern is not None:
                # Reported once, for the first pattern that drops it (not for a `lint.exclude`
                # that would drop it too).
                self._add(settings, pattern, path, "exclude")
                return True
        if force or settings.force_exclude:
            for pattern in settings.lint_exclude:
                if pattern.matches_exclude(abspath, name):
                    self._add(settings, pattern, path, "lint.exclude")
                    return True
        return False

    def _excluded_dir(self, settings: Settings, directory: str) -> Pattern | None:
        key = (id(settings), directory)
        if key in self._excluded_dirs:
            return self._excluded_dirs[key]
        found: Pattern | None = None
        name = directory.rpartition("/")[2]
        if name:
            found = _first_exclude(settings, directory, name)
            if found is None and directory != settings.project_root:
                parent = directory.rpartition("/")[0]
                if parent and parent != directory:
                    found = self._excluded_dir(settings, parent)
        self._excluded_dirs[key] = found
        return found

    def _add(self, settings: Settings, pattern: Pattern, path: str, what: str) -> None:
        key = (id(settings), id(pattern), what)
        cause = self._causes.get(key)
        if cause is None:
            cause = self._cause(settings, pattern, path, what)
            if not pattern.builtin or (settings.config is not None and settings.config.inside):
                # The same for every file (a built-in pattern without a config of the
                # repository is reported at each file).
                self._causes[key] = cause
        self.collector.add(cause, path, self.required)

    def _cause(self, settings: Settings, pattern: Pattern, path: str, what: str) -> Cause:
        origin = pattern.origin
        if pattern.builtin:
            config = settings.config
            origin = (
                config.origin(label=pattern.origin.label)
                if config is not None and config.inside
                else Origin(path, (), pattern.origin.label, span=(1, 1, 1))
            )
        if origin.path == precommit.PATH:
            return HookArgument(origin, "excludes files from Ruff")
        label = pattern.origin.label if pattern.origin.label else f"{what} {pattern.text}"
        return Excluded(origin, label)


def _first_exclude(settings: Settings, path: str, name: str) -> Pattern | None:
    union = settings.exclude_any
    if union is None or not (union.match(path) or union.match(name)):
        return None
    for pattern in (*settings.exclude, *settings.extend_exclude):
        if pattern.matches_exclude(path, name):
            return pattern
    return None
