"""Per Python file: the settings Ruff uses for it, or the problem that stops Ruff.

Ruff takes the config discovered for the file's directory (:mod:`.discovery`) unless the
command line names one (``--config FILE``) or ignores them all (``--isolated``), follows its
``extend`` chain and merges it with the command line (:mod:`.settings`). Settings are computed
once per config and remembered per directory. A config whose ``required-version`` excludes the
ruff hook's version stops Ruff as surely as an unknown key does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from supply_chain_hooks.ruff.config_file import ConfigFile, ConfigProblem, Loader, Problem
from supply_chain_hooks.ruff.discovery import Discovery, chain_of
from supply_chain_hooks.ruff.origin import Origin
from supply_chain_hooks.ruff.settings import Settings, merge

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from supply_chain_hooks.ruff.cli import CommandLine
    from supply_chain_hooks.ruff.table import RuleTable


def required_version(
    discovery: Discovery, root: str
) -> tuple[tuple[int, int, int] | None, Origin | None]:
    """The Ruff version the root config's `required-version` names (the newest known version
    that satisfies a range), and where it is written."""
    found = discovery.governing(root)
    if not isinstance(found, ConfigFile):
        return None, None
    value = found.options.get("required-version")
    if not isinstance(value, str):
        return None, None
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    from supply_chain_hooks.ruff.table import versions

    try:
        spec = SpecifierSet(f"=={value}" if value[:1].isdigit() else value)
    except InvalidSpecifier:
        return None, None
    origin = found.origin("required-version", label=f'required-version = "{value}"')
    try:
        exact = Version(value)
    except InvalidVersion:
        exact = None
    if exact is not None:
        return (exact.major, exact.minor, exact.micro), origin
    matching = [v for v in versions() if Version(".".join(map(str, v))) in spec]
    return (matching[-1] if matching else None), origin


class Resolver:
    """The settings of each file of one run (cwd = the repository root)."""

    def __init__(
        self,
        loader: Loader,
        discovery: Discovery,
        *,
        table: RuleTable,
        cli: CommandLine,
        track: frozenset[int],
        environ: Mapping[str, str],
        hook_version: tuple[int, int, int] | None,
    ) -> None:
        self.loader = loader
        self.discovery = discovery
        self.root = loader.root
        self.table = table
        self.cli = cli
        self.track = track
        self.environ = environ
        #: The ruff hook's version, when it (not --ruff-version) decides which Ruff runs.
        self.hook_version = hook_version
        self._settings: dict[str | None, Settings | Problem] = {}
        self._by_directory: dict[str, Settings | Problem] = {}
        #: The `required-version` problems of each settings object, by its id (kept alive
        #: by `_settings`).
        self._versions: dict[int, list[Problem]] = {}

    def settings_for(self, config: ConfigFile | None) -> Settings | Problem:
        """The settings of a discovered config (None: Ruff's defaults)."""
        key = None if config is None else config.abspath
        cached = self._settings.get(key)
        if cached is not None:
            return cached
        try:
            chain = () if config is None else chain_of(config, self.loader, self.environ)
        except ConfigProblem as error:
            problem = error.problem
            self._settings[key] = problem
            return problem
        project_root = self.root if config is None else config.directory
        settings = merge(
            self.table,
            config,
            chain,
            project_root=project_root,
            anchor_at_cwd=False,
            cwd=self.root,
            cli=self.cli,
            track=self.track,
        )
        self._settings[key] = settings
        return settings

    def _fixed_settings(self, config_file: str) -> Settings | Problem:
        """The settings of `--config FILE` (paths anchored at the working directory)."""
        key = "<fixed>"
        cached = self._settings.get(key)
        if cached is not None:
            return cached
        abspath = os.path.normpath(os.path.join(self.root, config_file))
        try:
            config = self.loader.load(abspath)
            chain = chain_of(config, self.loader, self.environ)
        except ConfigProblem as error:
            self._settings[key] = error.problem
            return error.problem
        settings = merge(
            self.table,
            config,
            chain,
            project_root=self.root,
            anchor_at_cwd=True,
            cwd=self.root,
            cli=self.cli,
            track=self.track,
        )
        self._settings[key] = settings
        return settings

    def governing(self, path: str) -> ConfigFile | Problem | None:
        """The config discovered for a file (None with --isolated or when there is none)."""
        if self.cli.isolated:
            return None
        directory = os.path.dirname(os.path.join(self.root, path))
        return self.discovery.governing(directory)

    def file_settings(self, path: str) -> Settings | None:
        """The settings Ruff uses for a file (None when Ruff would refuse to run)."""
        if self.cli.config_file is not None and not self.cli.isolated:
            found = self._fixed_settings(self.cli.config_file)
        else:
            directory = path.rpartition("/")[0]
            cached = self._by_directory.get(directory)
            if cached is not None:
                return cached if isinstance(cached, Settings) and not cached.problems else None
            governing = self.governing(path)
            found = governing if isinstance(governing, Problem) else self.settings_for(governing)
            if isinstance(found, Settings) and self._version_problems(found):
                found = Problem("required-version", Origin("<version>", (), ""))
            self._by_directory[directory] = found
        return found if isinstance(found, Settings) and not found.problems else None

    def root_force_exclude(self) -> bool:
        """`force-exclude` as the root config sets it."""
        found = self.discovery.governing(self.root)
        if isinstance(found, Problem):
            return False
        settings = self.settings_for(found)
        return not isinstance(settings, Problem) and settings.force_exclude

    def problems(self) -> list[Problem]:
        """Every problem met on the way, once, in the order met."""
        found: list[Problem] = []
        for settings in self._settings.values():
            if isinstance(settings, Problem):
                found.append(settings)
            else:
                found += settings.problems
                found += self._version_problems(settings)
        found += self.discovery.problems()
        return list(dict.fromkeys(found))

    def _version_problems(self, settings: Settings) -> list[Problem]:
        """`required-version`s that exclude the ruff hook's version (Ruff refuses to run)."""
        hook_version = self.hook_version
        if hook_version is None:
            return []
        known = self._versions.get(id(settings))
        if known is not None:
            return known
        out: list[Problem] = []
        self._versions[id(settings)] = out
        for config in settings.chain:
            value = config.options.get("required-version")
            if not isinstance(value, str):
                continue
            from packaging.specifiers import InvalidSpecifier, SpecifierSet
            from packaging.version import Version

            running = Version(".".join(map(str, hook_version)))
            try:
                ok = running in SpecifierSet(f"=={value}" if value[:1].isdigit() else value)
            except InvalidSpecifier:
                ok = False
            if not ok:
                message = (
                    f"required-version `{value}` excludes ruff {running}, the ruff hook's version"
                )
                out.append(
                    Problem(message, config.origin("required-version", label="required-version"))
                )
        return out
