"""enforce-ruff-S: every stable S rule is really in force for every Python file, as Ruff resolves it.

Repository-level: it reads every tracked ``*.py``/``*.pyi`` file's governing Ruff config (and
the ruff hook of ``.pre-commit-config.yaml``), computes what Ruff would report with the
vendored rule table of the Ruff version in use, and reports each reason an S rule is off once,
at the line responsible. ``--fix`` edits the config Ruff reads, offline.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supply_chain_hooks.config import Config, UsageError
from supply_chain_hooks.model import Finding, Fix, Location, Rule
from supply_chain_hooks.ruff.rules import (
    ruff_config_invalid,
    ruff_config_shadows,
    ruff_excluded,
    ruff_file_noqa,
    ruff_file_noqa_codes,
    ruff_fix_only,
    ruff_hook_args,
    ruff_hook_files,
    ruff_hook_missing,
    ruff_hook_skipped_in_ci,
    ruff_hook_stages,
    ruff_s_ignored,
    ruff_s_not_selected,
    ruff_s_per_file_ignored,
    ruff_s_per_file_ignored_everywhere,
)
from supply_chain_hooks.rules import invalid_file
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace

if TYPE_CHECKING:
    from supply_chain_hooks.ruff.selection import Origin
    from supply_chain_hooks.ruff.table import RuleTable
    from supply_chain_hooks.ruff.verdict import Analysis, Group

ID = "enforce-ruff-S"

RULES: tuple[Rule, ...] = (
    ruff_s_not_selected.RULE,
    ruff_s_ignored.RULE,
    ruff_config_shadows.RULE,
    ruff_s_per_file_ignored.RULE,
    ruff_s_per_file_ignored_everywhere.RULE,
    ruff_excluded.RULE,
    ruff_fix_only.RULE,
    ruff_file_noqa.RULE,
    ruff_file_noqa_codes.RULE,
    ruff_hook_args.RULE,
    ruff_hook_skipped_in_ci.RULE,
    ruff_hook_stages.RULE,
    ruff_hook_missing.RULE,
    ruff_config_invalid.RULE,
    ruff_hook_files.RULE,
)

_KIND_RULES = {
    "not-selected": ruff_s_not_selected.RULE,
    "ignored": ruff_s_ignored.RULE,
    "shadowed": ruff_config_shadows.RULE,
    "per-file": ruff_s_per_file_ignored.RULE,
    "per-file-everywhere": ruff_s_per_file_ignored_everywhere.RULE,
    "excluded": ruff_excluded.RULE,
    "fix-only": ruff_fix_only.RULE,
    "noqa": ruff_file_noqa.RULE,
    "noqa-codes": ruff_file_noqa_codes.RULE,
    "hook-args": ruff_hook_args.RULE,
    "hook-ci-skip": ruff_hook_skipped_in_ci.RULE,
    "hook-stages": ruff_hook_stages.RULE,
    "hook-missing": ruff_hook_missing.RULE,
    "invalid": ruff_config_invalid.RULE,
    "hook-files": ruff_hook_files.RULE,
}

_CONFIG_NAMES = frozenset({"pyproject.toml", "ruff.toml", ".ruff.toml", ".pre-commit-config.yaml"})


@dataclass(frozen=True)
class Options:
    allow_ignore: tuple[str, ...] = ()
    require_pre_commit_hook: bool = False
    ruff_version: str | None = None


def matches(path: str) -> bool:
    return path.endswith((".py", ".pyi")) or path.rpartition("/")[2] in _CONFIG_NAMES


def check_repo(workspace: Workspace, paths: tuple[str, ...], options: Options) -> list[Finding]:
    from supply_chain_hooks.ruff.verdict import Analyzer, Policy

    explicit = [
        p.replace(os.sep, "/").removeprefix("./") for p in paths if p.endswith((".py", ".pyi"))
    ]
    files, candidates = (explicit, None) if explicit else _tracked_files(workspace)
    policy = Policy(
        allow=frozenset({"S101", *_expand_allowed(options.allow_ignore)}),
        require_hook=options.require_pre_commit_hook,
        version=_version(options.ruff_version),
    )
    analyzer = Analyzer(workspace.source, policy, root=workspace.root, candidates=candidates)
    input_errors: list[tuple[str, InputError]] = []
    analysis = analyzer.run(files, input_errors)
    findings = [
        Finding(
            invalid_file.RULE,
            path,
            Location(error.line, error.column, error.line, error.column),
            error.message,
        )
        for path, error in input_errors
    ]
    findings += _findings(workspace, analysis)
    return findings


def _expand_allowed(codes: Iterable[str]) -> set[str]:
    """`--allow-ignore` takes codes and S prefixes (`S3` allows S301..S324)."""
    from supply_chain_hooks.ruff.table import choose, load

    table = load(choose(None))
    out: set[str] = set()
    for code in codes:
        matched = {
            rule.code
            for rule in table.rules
            if rule.code and rule.code.startswith(code) and rule.linter == "S"
        }
        out |= matched or {code}
    return out


def _version(text: str | None) -> tuple[int, int, int] | None:
    if not text:
        return None
    parts = text.lstrip("v").split(".")
    try:
        numbers = [int(part) for part in parts[:3]] + [0] * (3 - len(parts[:3]))
    except ValueError:
        raise UsageError(f"--ruff-version: not a version: {text!r}") from None
    return numbers[0], numbers[1], numbers[2]


def _tracked_files(workspace: Workspace) -> tuple[list[str], frozenset[str] | None]:
    """Tracked Python files, and those that mention `ruff`/`flake8` (None: unknown)."""
    listing = workspace.files()
    found = listing.select(lambda name: name.endswith((".py", ".pyi")))
    return found, _mentioning(workspace.root) if listing.tracked else None


def _mentioning(root: str) -> frozenset[str] | None:
    """One `git grep` instead of reading every file: only these can hold a `# ruff: noqa`."""
    from supply_chain_hooks import git
    from supply_chain_hooks.ruff.noqa import NEEDLES

    patterns = [arg for needle in NEEDLES for arg in ("-e", needle.decode())]
    try:
        out = git.run_git(
            ["grep", "-l", "-z", "-I", "-F", *patterns, "--", "*.py", "*.pyi"], cwd=root
        )
    except git.GitError as error:
        return frozenset() if not error.stderr.strip() else None  # exit 1: nothing matched
    return frozenset(name for name in out.decode("utf-8", "surrogateescape").split("\0") if name)


# -- findings ------------------------------------------------------------------------------


def _findings(workspace: Workspace, analysis: Analysis) -> list[Finding]:
    from supply_chain_hooks.ruff.fix import config_edit

    table = analysis.table
    fixes: dict[str, Fix | None] = {}
    findings = []
    for group in analysis.groups.values():
        rule = _KIND_RULES[group.kind]
        fix = None
        if group.fix_path is not None and group.fix_path == group.origin.path:
            if group.fix_path not in fixes:
                plan = analysis.plans.get(group.fix_path)
                fixes[group.fix_path] = None
                if plan is not None:
                    edit = config_edit(
                        workspace.source(plan.config.path),
                        base=plan.config.base,
                        add_s=plan.add_s,
                        removals=plan.removals,
                        legacy_keys=table.legacy_lint_keys,
                    )
                    if edit is not None:
                        fixes[group.fix_path] = Fix(
                            _fix_title(plan.add_s, len(plan.removals)), (edit,)
                        )
            fix = fixes[group.fix_path]
        location = _locate(workspace, group.origin)
        findings.append(
            Finding(rule, _report_path(group.origin), location, _message(group, table), fix)
        )
    return findings


def _fix_title(add_s: bool, removals: int) -> str:
    parts = []
    if add_s:
        parts.append('add "S" to lint.extend-select')
    if removals:
        parts.append(
            f"remove {removals} ignore entr{'y' if removals == 1 else 'ies'} covering S rules"
        )
    return " and ".join(parts)


def _report_path(origin: Origin) -> str:
    return origin.path if not origin.path.startswith("<") else "."


def _locate(workspace: Workspace, origin: Origin) -> Location:
    key = origin.key
    if key and key[0] == "line":
        line, column, end = (int(part) for part in key[1:4])
        return Location(line, column, line, max(end, column))
    if origin.path.startswith("<") or os.path.isabs(origin.path):
        return Location(1, 1, 1, 1)
    try:
        source = workspace.source(origin.path)
    except InputError:
        return Location(1, 1, 1, 1)
    if origin.path.endswith(".toml"):
        from supply_chain_hooks.toml_doc import TomlIndex

        index = TomlIndex(source.text)
        for depth in range(len(key), 0, -1):
            entry = index.get(*key[:depth])
            if entry is not None:
                if isinstance(key[depth - 1], int):
                    return source.location(entry.value_start, entry.value_end)
                return source.location(entry.key_start, entry.key_end)
        return Location(1, 1, 1, 1)
    if origin.path.endswith((".yaml", ".yml")):
        from supply_chain_hooks import yaml_doc

        try:
            document = yaml_doc.parse(source)
        except InputError:
            return Location(1, 1, 1, 1)
        for depth in range(len(key), 0, -1):
            node = yaml_doc.value(document.root, *key[:depth])
            if node is not None:
                return source.location(
                    yaml_doc.content_start(source.text, node), yaml_doc.end(node)
                )
    return Location(1, 1, 1, 1)


def _codes(table: RuleTable, rules: frozenset[int]) -> str:
    codes = table.code_set(rules)
    required = len(table.stable_s)
    if len(codes) == 1:
        return codes[0]
    if len(codes) <= 6:
        return ", ".join(codes)
    return f"{len(codes)} of {required} stable S rules ({', '.join(codes[:4])}, ...)"


def _files(files: Iterable[str]) -> str:
    ordered = sorted(files)
    if len(ordered) == 1:
        return ordered[0]
    shown = ", ".join(ordered[:3])
    more = f" and {len(ordered) - 3} more" if len(ordered) > 3 else ""
    return f"{len(ordered)} files ({shown}{more})"


def _message(group: Group, table: RuleTable) -> str:
    rules = frozenset().union(*group.files.values()) if group.files else frozenset()
    codes = _codes(table, rules)
    files = _files(group.files)
    kind, detail, label = group.kind, group.detail, group.origin.label
    if kind == "not-selected":
        base, _, shadow = detail.partition("|shadows:")
        if base == "no-config":
            where = "to a ruff.toml" if group.origin.key[:1] == ("line",) else "here"
            return f'no Ruff config governs {files}: {codes} not enabled; add `[lint] extend-select = ["S"]` {where}'
        if base == "outside":
            text = f"the Ruff config {group.origin.path} (outside the repository) does not select {codes} for {files}"
        elif base == "select":
            text = f"`{_strip(label)}` leaves out {codes} for {files}"
        elif base.startswith("select-in:"):
            text = f"the `select` of the extended {base.removeprefix('select-in:')} leaves out {codes} for {files}"
        elif base.startswith("off:"):
            text = f"{codes} switched off by {base.removeprefix('off:')} and not re-enabled here, for {files}"
        else:
            text = f"Ruff's default rules leave out {codes} for {files}"
        if shadow:
            text += f"; this config replaces {shadow} (no `extend`), which enables them"
        return text + '; add "S" to lint.extend-select'
    if kind == "ignored":
        return f"{label} switches off {codes} for {files}"
    if kind == "shadowed":
        return f"this empty Ruff config replaces {detail} (no `extend`), which enables {codes}, for {files}"
    if kind == "per-file":
        return f'per-file ignore "{detail}" switches off {codes} for {files}'
    if kind == "per-file-everywhere":
        return f'per-file ignore "{detail}" matches every Python file: {codes} off for {files}'
    if kind == "excluded":
        return f"{detail} excludes {files} from Ruff (the ruff hook passes --force-exclude)"
    if kind == "fix-only":
        return f"`fix-only = true`: Ruff reports nothing for {files}"
    if kind == "noqa":
        return f"`{detail.strip()}` switches every Ruff rule off in this file"
    if kind == "noqa-codes":
        return f"`{detail.strip()}` switches off {codes} in this file"
    if kind == "hook-args":
        return f"{label} {detail}: {codes} not enforced for {files}"
    if kind == "hook-ci-skip":
        return (
            f"the `{detail}` hook is listed in `ci: skip`: pre-commit.ci never runs Ruff on {files}"
        )
    if kind == "hook-stages":
        return f"the ruff hook runs only in stages [{detail}]: not on commit, nor on pre-commit.ci ({files})"
    if kind == "hook-missing":
        return f"no ruff hook (astral-sh/ruff-pre-commit `ruff-check`) runs Ruff on {files}"
    if kind == "hook-files":
        return f"{label} keeps {files} away from the ruff hook"
    return f"Ruff would refuse this configuration: {detail}"


def _strip(label: str) -> str:
    return label.strip("`")


# -- command line --------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-ignore", action="append", default=[], metavar="CODES",
        help="S codes or prefixes that may be switched off anywhere (comma-separated, repeatable; "
        "S101 always is)",
    )  # fmt: skip
    parser.add_argument(
        "--require-pre-commit-hook", action="store_true",
        help="report a repository whose .pre-commit-config.yaml has no ruff hook",
    )  # fmt: skip
    parser.add_argument(
        "--ruff-version", metavar="VERSION",
        help="the Ruff version whose rules to require (default: the ruff hook's rev)",
    )  # fmt: skip


def build(args: argparse.Namespace, config: Config) -> Job:
    allow = [code.strip() for value in (*args.allow_ignore, *config.str_list(ID, "allow-ignore"))
             for code in value.split(",") if code.strip()]  # fmt: skip
    options = Options(
        allow_ignore=tuple(allow),
        require_pre_commit_hook=bool(args.require_pre_commit_hook)
        or bool(config.boolean(ID, "require-pre-commit-hook")),
        ruff_version=args.ruff_version or config.string(ID, "ruff-version"),
    )
    _version(options.ruff_version)
    return Job(HOOK, check_repo=lambda ws, paths: check_repo(ws, paths, options))


HOOK = Hook(
    id=ID,
    description="Check that every stable Ruff S (flake8-bandit) rule is really enforced for every "
    "Python file, as Ruff itself resolves its configuration.",
    rules=RULES,
    matches=matches,
    build=build,
    add_arguments=add_arguments,
    fixable=True,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
