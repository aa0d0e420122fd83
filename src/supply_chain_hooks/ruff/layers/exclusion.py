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
    from supply_chain_hooks.ruff.causes import Collector
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
        #: `force-exclude` of the root config, looked up once (it is the same for every file).
        self._root_force: bool | None = None

    def file(self, settings: Settings, path: str, abspath: str, name: str) -> bool:
        """Report the pattern that excludes the file; whether one does."""
        force = self.force_exclude
        if force is None:
            force = self._root_force
            if force is None:
                force = self._root_force = self.resolver.root_force_exclude()
        if force:
            # `is_file_excluded`: the file and its directories up to the project root.
            pattern = _first_exclude(settings, abspath, name)
            if pattern is None and abspath != settings.project_root:
                pattern = self._excluded_dir(settings, abspath.rpartition("/")[0])
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
        origin = pattern.origin
        if pattern.builtin:
            config = settings.config
            origin = (
                config.origin(label=pattern.origin.label)
                if config is not None and config.inside
                else Origin(path, (), pattern.origin.label, span=(1, 1, 1))
            )
        if origin.path == precommit.PATH:
            self.collector.add(
                HookArgument(origin, "excludes files from Ruff"), path, self.required
            )
            return
        label = pattern.origin.label if pattern.origin.label else f"{what} {pattern.text}"
        self.collector.add(Excluded(origin, label), path, self.required)


def _first_exclude(settings: Settings, path: str, name: str) -> Pattern | None:
    union = settings.exclude_any
    if union is None or not (union.match(path) or union.match(name)):
        return None
    for pattern in (*settings.exclude, *settings.extend_exclude):
        if pattern.matches_exclude(path, name):
            return pattern
    return None
