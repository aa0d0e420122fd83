"""Per Python file: which stable S rules Ruff really reports, and every reason it does not.

For each tracked ``*.py``/``*.pyi`` file the required rules are the stable S rules of the Ruff
version in use, minus the allowed ones (:mod:`.policy`). The version is the ruff hook's
``rev`` (or ``--ruff-version``, or the root config's ``required-version``). A required rule
is missing when any layer (:mod:`.layers`) switches it off; each layer is examined
independently, so one run reports every reason. The causes are grouped by the place
responsible, so each is reported once with its files, and the result is one immutable
:class:`~.causes.Verdict`.
"""

from __future__ import annotations

import os

from supply_chain_hooks.ruff import cli as ruff_cli
from supply_chain_hooks.ruff import precommit
from supply_chain_hooks.ruff.causes import Collector, ConfigInvalid, Verdict
from supply_chain_hooks.ruff.config_file import Loader
from supply_chain_hooks.ruff.discovery import Discovery, is_file
from supply_chain_hooks.ruff.layers import exclusion, file_noqa, fix_only, per_file_ignores
from supply_chain_hooks.ruff.layers import hook as hook_layer
from supply_chain_hooks.ruff.layers.rule_selection import RuleSelectionLayer
from supply_chain_hooks.ruff.policy import drop_tests, runs_of
from supply_chain_hooks.ruff.python_files import PYTHON_SUFFIXES
from supply_chain_hooks.ruff.resolution import Resolver, required_version
from supply_chain_hooks.ruff.settings import FileGlobs
from supply_chain_hooks.ruff.table import choose, load
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    from supply_chain_hooks.ruff.policy import Policy
    from supply_chain_hooks.ruff.settings import Settings
    from supply_chain_hooks.source import Source
    from supply_chain_hooks.yaml_doc import Document


def analyze(
    files: Sequence[str],
    read: Callable[[str], Source],
    policy: Policy,
    *,
    root: str = ".",
    environ: Mapping[str, str] | None = None,
    candidates: Callable[[], frozenset[str] | None] | None = None,
    parse_toml: Callable[[str], dict[str, Any]] | None = None,
    parse_yaml: Callable[[str], Document] | None = None,
) -> Verdict:
    """The verdict for these files of the repository at `root` (the working directory).

    `read` reads a file of the run (so in-memory fixes are seen); `candidates` gives the
    files that may hold a file-level directive (None, or None from it: read every file to
    find out), called once the analysis needs them (a search started before runs while the
    configs are resolved); `parse_toml`
    parses a config file of the run as TOML 1.1 and `parse_yaml` the pre-commit config as
    YAML (None: parse what `read` returns; a workspace passes its shared parses).
    """
    root = os.path.abspath(root)
    environ = dict(os.environ if environ is None else environ)
    input_errors: list[tuple[str, InputError]] = []
    hook = _ruff_hook(read, parse_yaml, root, input_errors)
    loader = Loader(root, read, parse_toml)
    discovery = Discovery(loader, is_file)
    version = policy.version or (hook.version if hook else None)
    version_origin = hook.version_origin if hook and hook.version else None
    if version is None:
        version, version_origin = required_version(discovery, root)
    table = load(choose(version))
    allowed = frozenset(i for i in table.s_rules if table.rules[i].label in policy.allow)
    required = table.stable_s - allowed

    parsed = ruff_cli.parse(hook.arguments if hook else (), root)
    cli = parsed.command
    collector = Collector()
    for message, origin in parsed.problems:
        collector.add(ConfigInvalid(origin, message), None, frozenset())
    # The files in runs of one folder each, in their order.
    runs = runs_of(f for f in files if f.endswith(PYTHON_SUFFIXES))
    if policy.exempt_tests:
        runs = drop_tests(policy, runs)
    checked = [path for _, paths, _ in runs for path in paths]
    reported: dict[str, frozenset[int]] = {}
    effective: dict[str, frozenset[int]] = {}
    if parsed.problems:
        # Ruff stops at a command line it cannot parse: nothing is checked at all.
        if candidates is not None:
            candidates()  # collect the search all the same
        return Verdict(
            table,
            collector.reasons(),
            {},
            effective,
            reported,
            frozenset(checked),
            tuple(input_errors),
            version_origin,
        )

    if cli.force_exclude is not None:
        force_exclude: bool | None = cli.force_exclude[0]
    else:
        force_exclude = True if hook is None or hook.force_exclude else None
    resolver = Resolver(
        loader,
        discovery,
        table=table,
        cli=cli,
        track=table.s_rules,
        environ=environ,
        hook_version=None if policy.version else (hook.version if hook else None),
    )
    excluded = exclusion.ExclusionLayer(force_exclude, resolver, required, collector)
    selection = RuleSelectionLayer(
        resolver, parsed, table=table, allowed=allowed, required=required, collector=collector
    )
    per_file = per_file_ignores.PerFileIgnoresLayer(root, table.s_rules, required, collector)
    file_settings = resolver.file_settings
    #: What the files of each folder share (None: Ruff would refuse to run).
    folders: dict[str, _Folder | None] = {}
    #: The globs of each settings object, by its id.
    file_globs: dict[int, FileGlobs] = {}
    hook_filter = None if hook is None else precommit.FileFilter(hook)
    #: The names of the files the hook's filters let through wherever they are.
    hook_passes: set[str] = set()
    add = collector.add
    ignore_noqa = parsed.ignore_noqa
    invalid: set[str] = set()
    nothing: frozenset[int] = frozenset()
    #: The required part of each distinct reported set (most files share their config's).
    effective_of: dict[frozenset[int], frozenset[int]] = {}

    # First what each folder's files share, in the order of the files (configs are resolved
    # and fixes planned in that order); only then the files themselves.
    for directory, paths, _names in runs:
        if directory not in folders:
            path = paths[0]
            settings = file_settings(path)
            folders[directory] = (
                None
                if settings is None
                else _Folder(
                    settings,
                    f"{root}/{path}".rpartition("/")[0],
                    path,
                    excluded=excluded,
                    selection=selection,
                    file_globs=file_globs,
                    root=root,
                )
            )
    known = None if candidates is None else candidates()
    noqa = file_noqa.FileNoqaLayer(
        read, root, known, table=table, required=required, collector=collector
    )
    if checked:
        hook_layer.repository(
            hook,
            parsed,
            checked,
            require_hook=policy.require_hook,
            required=required,
            collector=collector,
        )
    batch = _Batch(collector, reported, effective, effective_of, required)
    for directory, paths, names in runs:
        folder = folders[directory]
        if folder is None:
            invalid.update(paths)
            continue
        settings = folder.settings
        globs = folder.globs
        if (
            globs is not None
            and folder.by_path is None
            and not settings.fix_only[0]
            and (hook_filter is None or hook_passes.issuperset(names))
            and globs.clean(names)
            and (ignore_noqa or (known is not None and known.isdisjoint(paths)))
        ):
            # The whole run takes the quick way with nothing of its own (as each of its
            # files would, one by one, below).
            batch.add_all(folder, paths)
            continue
        by_path = folder.by_path
        for path, name in zip(paths, names, strict=True):
            # A file that never reaches Ruff is reported for the first filter that keeps it
            # away (the hook's, then Ruff's excludes) and for nothing Ruff would do with it
            # afterwards.
            if hook_filter is not None and name not in hook_passes:
                batch.flush()
                if hook_layer.file(hook_filter, path, name, required, collector):
                    collector.unseen = path
                elif hook_filter.name_only:
                    hook_passes.add(name)
            if (
                globs is not None
                and not (globs.names[name] if name in globs.names else globs.name(name))
                and (by_path is None or by_path.match(f"{root}/{path}") is None)
                and (ignore_noqa or (known is not None and path not in known))
            ):
                # The quick way, for most files: no exclude, per-file ignore or
                # file-level noqa concerns the file, so what its folder shares decides.
                if collector.unseen is None and not settings.fix_only[0]:
                    batch.add(folder, path)
                    continue
                batch.flush()
                silent = bool(settings.fix_only[0]) and fix_only.file(
                    settings, path, required, collector
                )
                for cause, rules in folder.causes:
                    add(cause, path, rules)
                on = folder.selected
            else:
                batch.flush()
                abspath = f"{root}/{path}"
                silent = excluded.file(settings, path, abspath, name, folder.excluded)
                if silent:
                    collector.unseen = path
                if settings.fix_only[0] and fix_only.file(settings, path, required, collector):
                    silent = True
                for cause, rules in folder.causes:
                    add(cause, path, rules)
                on = folder.selected
                if settings.per_file_ignores:
                    on = per_file.file(settings, path, abspath, name, on)
                if not ignore_noqa:
                    on = noqa.file(path, settings.preview, on)
            collector.unseen = None
            if silent:
                on = nothing
            reported[path] = on
            required_on = effective_of.get(on)
            if required_on is None:
                required_on = effective_of[on] = on & required
            effective[path] = required_on
    batch.flush()

    for problem in resolver.problems():
        if problem.syntax is not None:
            line, column = problem.syntax
            input_errors.append((problem.origin.path, InputError(problem.message, line, column)))
        else:
            collector.add(ConfigInvalid(problem.origin, problem.message), None, frozenset())
    return Verdict(
        table,
        collector.reasons(),
        selection.fixes(),
        effective,
        reported,
        frozenset(invalid),
        tuple(input_errors),
        version_origin,
    )


class _Batch:
    """Files of one folder that take the quick way with nothing of their own (no hook
    filter, fix-only setting or exclude concerns them), recorded together: each gets what
    the folder shares, as the file-by-file loop gives it, in the same order, for a few
    calls per folder instead of several per file. The loop flushes it before it records
    anything else."""

    __slots__ = (
        "collector",
        "effective",
        "effective_of",
        "folder",
        "paths",
        "reported",
        "required",
    )

    def __init__(
        self,
        collector: Collector,
        reported: dict[str, frozenset[int]],
        effective: dict[str, frozenset[int]],
        effective_of: dict[frozenset[int], frozenset[int]],
        required: frozenset[int],
    ) -> None:
        self.collector = collector
        self.reported = reported
        self.effective = effective
        self.effective_of = effective_of
        self.required = required
        self.folder: _Folder | None = None
        self.paths: list[str] = []

    def add(self, folder: _Folder, path: str) -> None:
        if folder is not self.folder:
            self.flush()
            self.folder = folder
        self.paths.append(path)

    def add_all(self, folder: _Folder, paths: list[str]) -> None:
        if folder is not self.folder:
            self.flush()
            self.folder = folder
        self.paths += paths

    def flush(self) -> None:
        paths = self.paths
        folder = self.folder
        if not paths or folder is None:
            return
        self.paths = []
        for cause, rules in folder.causes:
            self.collector.add_all(cause, paths, rules)
        on = folder.selected
        required_on = self.effective_of.get(on)
        if required_on is None:
            required_on = self.effective_of[on] = on & self.required
        self.reported.update(dict.fromkeys(paths, on))
        self.effective.update(dict.fromkeys(paths, required_on))


class _Folder:
    """What the files of one folder share, all decided by the folder alone."""

    __slots__ = ("by_path", "causes", "excluded", "globs", "selected", "settings")

    def __init__(
        self,
        settings: Settings,
        directory: str,
        path: str,
        *,
        excluded: exclusion.ExclusionLayer,
        selection: RuleSelectionLayer,
        file_globs: dict[int, FileGlobs],
        root: str,
    ) -> None:
        """The folder of `path`, at the absolute `directory`, governed by `settings`."""
        self.settings = settings
        #: The exclude pattern that drops the folder (or a parent).
        self.excluded = excluded.folder(settings, directory)
        #: The S rules selected, and why required ones are not (as the layer reports them).
        self.selected, self.causes = selection.folder(settings, path)
        globs = file_globs.get(id(settings))
        if globs is None:
            globs = file_globs[id(settings)] = FileGlobs(settings, root)
        # Its files may take the quick way unless an exclude drops the folder or a negated
        # per-file-ignores pattern concerns every file: then each goes through every layer.
        quick = self.excluded is None and not globs.negated
        #: The settings' globs (None: no quick way), and one regex of those that may match
        #: the path of a file of the folder (None: none can).
        self.globs = globs if quick else None
        self.by_path = globs.folder(directory) if quick else None


def _ruff_hook(
    read: Callable[[str], Source],
    parse_yaml: Callable[[str], Document] | None,
    root: str,
    input_errors: list[tuple[str, InputError]],
) -> precommit.RuffHook | None:
    """The ruff hook that decides: the first that runs on commit and in CI, else the first."""
    hooks: list[precommit.RuffHook] = []
    if os.path.isfile(os.path.join(root, precommit.PATH)):
        from supply_chain_hooks import yaml_doc

        try:
            document = (
                yaml_doc.parse(read(precommit.PATH))
                if parse_yaml is None
                else parse_yaml(precommit.PATH)
            )
        except InputError as error:
            input_errors.append((precommit.PATH, error))
        else:
            hooks = precommit.find_hooks(document)
    return next(
        (h for h in hooks if h.runs_on_commit() and h.ci_skip is None),
        hooks[0] if hooks else None,
    )
