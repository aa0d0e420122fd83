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
from supply_chain_hooks.ruff.discovery import Discovery
from supply_chain_hooks.ruff.layers import exclusion, file_noqa, fix_only, per_file_ignores
from supply_chain_hooks.ruff.layers import hook as hook_layer
from supply_chain_hooks.ruff.layers.rule_selection import RuleSelectionLayer
from supply_chain_hooks.ruff.python_files import PYTHON_SUFFIXES
from supply_chain_hooks.ruff.resolution import Resolver, required_version
from supply_chain_hooks.ruff.table import choose, load
from supply_chain_hooks.source import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    from supply_chain_hooks.ruff.policy import Policy
    from supply_chain_hooks.source import Source
    from supply_chain_hooks.yaml_doc import Document


def analyze(
    files: Sequence[str],
    read: Callable[[str], Source],
    policy: Policy,
    *,
    root: str = ".",
    environ: Mapping[str, str] | None = None,
    candidates: frozenset[str] | None = None,
    parse_toml: Callable[[str], dict[str, Any]] | None = None,
    parse_yaml: Callable[[str], Document] | None = None,
) -> Verdict:
    """The verdict for these files of the repository at `root` (the working directory).

    `read` reads a file of the run (so in-memory fixes are seen); `candidates` are the files
    that may hold a file-level directive (None: read every file to find out); `parse_toml`
    parses a config file of the run as TOML 1.1 and `parse_yaml` the pre-commit config as
    YAML (None: parse what `read` returns; a workspace passes its shared parses).
    """
    root = os.path.abspath(root)
    environ = dict(os.environ if environ is None else environ)
    input_errors: list[tuple[str, InputError]] = []
    hook = _ruff_hook(read, parse_yaml, root, input_errors)
    loader = Loader(root, read, parse_toml)
    discovery = Discovery(loader, os.path.isfile)
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
    python_files = [f for f in files if f.endswith(PYTHON_SUFFIXES)]
    checked = [f for f in python_files if not (policy.exempt_tests and policy.is_test(f))]
    reported: dict[str, frozenset[int]] = {}
    effective: dict[str, frozenset[int]] = {}
    if parsed.problems:
        # Ruff stops at a command line it cannot parse: nothing is checked at all.
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
    noqa = file_noqa.FileNoqaLayer(
        read, root, candidates, table=table, required=required, collector=collector
    )
    file_settings = resolver.file_settings
    invalid: set[str] = set()
    nothing: frozenset[int] = frozenset()
    #: The required part of each distinct reported set (most files share their config's).
    effective_of: dict[frozenset[int], frozenset[int]] = {}

    if checked:
        hook_layer.repository(
            hook,
            parsed,
            checked,
            require_hook=policy.require_hook,
            required=required,
            collector=collector,
        )
    for path in checked:
        settings = file_settings(path)
        if settings is None:
            invalid.add(path)
            continue
        abspath = f"{root}/{path}"
        name = path.rpartition("/")[2]
        # A file that never reaches Ruff is reported for the first filter that keeps it away
        # (the hook's, then Ruff's excludes) and for nothing Ruff would do with it afterwards.
        if hook is not None and hook_layer.file(hook, path, required, collector):
            collector.unseen = path
        silent = excluded.file(settings, path, abspath, name)
        if silent:
            collector.unseen = path
        if settings.fix_only[0] and fix_only.file(settings, path, required, collector):
            silent = True
        on = selection.file(settings, path)
        if settings.per_file_ignores:
            on = per_file.file(settings, path, abspath, name, on)
        if not parsed.ignore_noqa:
            on = noqa.file(path, settings.preview, on)
        collector.unseen = None
        if silent:
            on = nothing
        reported[path] = on
        required_on = effective_of.get(on)
        if required_on is None:
            required_on = effective_of[on] = on & required
        effective[path] = required_on

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
