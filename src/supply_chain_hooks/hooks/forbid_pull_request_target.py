"""forbid-pull-request-target: no workflow runs on `pull_request_target` without a reason."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass

from supply_chain_hooks.config import Config
from supply_chain_hooks.github.workflow import is_workflow_path
from supply_chain_hooks.model import Finding
from supply_chain_hooks.rules import pull_request_target, workflow_run
from supply_chain_hooks.runner import Hook, Job, Workspace, hook_main

ID = "forbid-pull-request-target"


@dataclass(frozen=True)
class Options:
    include_workflow_run: bool = False
    allow: tuple[str, ...] = ()


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    from supply_chain_hooks.globs import matches_any

    if matches_any(path, options.allow):
        return []
    source = workspace.source(path)
    # Exact fast path: a trigger name can only be spelled in the text itself, or through
    # escapes in a double-quoted scalar (which need a backslash).
    lowered = source.text.lower()
    wanted = ["pull_request_target"] + (["workflow_run"] if options.include_workflow_run else [])
    if "\\" not in source.text and not any(word in lowered for word in wanted):
        return []
    from supply_chain_hooks import yaml_doc

    document = yaml_doc.parse(source)
    findings = pull_request_target.check(document)
    if options.include_workflow_run:
        findings += workflow_run.check(document)
    return findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-workflow-run", action="store_true", help="also forbid the workflow_run trigger"
    )
    parser.add_argument(
        "--allow", action="append", default=[], metavar="GLOB",
        help="workflow paths that may use the triggers (repeatable)",
    )  # fmt: skip


def build(args: argparse.Namespace, config: Config) -> Job:
    options = Options(
        include_workflow_run=args.include_workflow_run
        or bool(config.boolean(ID, "include-workflow-run")),
        allow=(*args.allow, *config.str_list(ID, "allow")),
    )
    rules = (pull_request_target.RULE, workflow_run.RULE)
    return Job(ID, rules, is_workflow_path, check_file=lambda ws, path: check(ws, path, options))


HOOK = Hook(
    id=ID,
    description="Forbid workflows triggered by pull_request_target (and optionally workflow_run).",
    rules=(pull_request_target.RULE, workflow_run.RULE),
    matches=is_workflow_path,
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
