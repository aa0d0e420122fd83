"""forbid-pull-request-target: no workflow runs on `pull_request_target` without a reason."""

from __future__ import annotations

from supply_chain_hooks.config import Config
from supply_chain_hooks.github.workflow import YAML_SUFFIXES, is_workflow_path
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Record
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

    from supply_chain_hooks.model import Finding

ID = "forbid-pull-request-target"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.github.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time)."""

    include_workflow_run: bool = False
    allow: tuple[str, ...] = ()


def may_name(text: str, words: Sequence[str]) -> bool:
    """Whether some scalar of this YAML text can have one of `words` (lowercase, without
    spaces, quotes or backslashes) as its lowercased value, judged without parsing. Exact:
    such a scalar has the word in the text itself (lowercasing the whole text lowers it
    alike; a value spread over lines holds a space or a break, `''` leaves a quote), unless
    it is double-quoted with escapes, which need a backslash.
    """
    lowered = text.lower()
    return "\\" in text or any(word in lowered for word in words)


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    if options.allow:
        from supply_chain_hooks.discovery import repo_relative
        from supply_chain_hooks.globs import matches_any

        # As given, and relative to its repository's root (an absolute path, a subfolder).
        if matches_any(path, options.allow) or matches_any(repo_relative(path), options.allow):
            return []
    source = workspace.source(path)
    # SCH113 reads every privileged trigger; SCH111/SCH112 name their own.
    wanted = ["pull_request_target", "issue_comment", "workflow_run"]
    # A file that cannot name a trigger has nothing to report: it is not parsed.
    if not may_name(source.text, wanted):
        return []
    from supply_chain_hooks.github.context import WorkflowContext

    document = workspace.yaml(path)  # yaml_doc.parse's result, without ruamel when it can
    context = WorkflowContext(document, include_workflow_run=options.include_workflow_run)
    return [finding for module in CHECKS_OF() for finding in module.check(context)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-workflow-run", action="store_true", help="also forbid the workflow_run trigger"
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="GLOB",
        help="workflow paths that may use the triggers (repeatable)",
    )


def build(args: argparse.Namespace, config: Config) -> Job:
    import os

    from supply_chain_hooks.discovery import repo_relative

    options = Options(
        include_workflow_run=args.include_workflow_run
        or bool(config.boolean(ID, "include-workflow-run")),
        # An absolute pattern is written against its repository's root like the others.
        allow=tuple(
            repo_relative(pattern) if os.path.isabs(pattern) else pattern
            for pattern in (*args.allow, *config.str_list(ID, "allow"))
        ),
    )
    return Job(HOOK, check_file=lambda ws, path: check(ws, path, options))


HOOK = Hook(
    id=ID,
    description="Forbid workflows triggered by pull_request_target (and optionally workflow_run).",
    load_rules=CHECKS_OF.rules,
    matches=is_workflow_path,
    suffixes=YAML_SUFFIXES,
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
