"""require-trusted-publishing: packages reach PyPI through OIDC with attestations, never
with a stored token."""

from __future__ import annotations

from supply_chain_hooks.config import Config
from supply_chain_hooks.github.workflow import YAML_SUFFIXES, is_action_path, is_workflow_path
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Record
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.source import InputError
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

    from supply_chain_hooks.model import Finding
    from supply_chain_hooks.yaml_doc import Document

ID = "require-trusted-publishing"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.publishing.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute

#: A file that names none of these (lowercased), and has no backslash that could spell one
#: in a double-quoted string, neither publishes nor calls a local reusable workflow, nor holds
#: a publishing credential: it is not parsed.
WORDS = ("publish", "upload", "twine", "pypi", "hatch_index", "flit", "./.github/workflows/")


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time)."""

    require_environment: bool = False


def matches(path: str) -> bool:
    return is_workflow_path(path) or is_action_path(path)


def may_publish(text: str) -> bool:
    lowered = text.lower()
    return "\\" in text or any(word in lowered for word in WORDS)


def _called(
    workspace: Workspace, path: str, document: Document
) -> tuple[tuple[str, Document | None], ...]:
    """The local reusable workflows the file calls, parsed (None when unreadable). Their
    paths are relative to the repository that holds the calling workflow."""
    from supply_chain_hooks.publishing.jobs import local_calls

    calls = local_calls(document.root)
    if not calls:
        return ()
    normal = path.replace("\\", "/")
    at = normal.rfind(".github/workflows/")
    prefix = normal[:at] if at >= 0 else ""
    found: dict[str, Document | None] = {}
    for call in calls:
        if call.path in found:
            continue
        try:
            found[call.path] = workspace.yaml(prefix + call.path)
        except InputError:
            found[call.path] = None
    return tuple(found.items())


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    source = workspace.source(path)
    if not may_publish(source.text):
        return []
    from supply_chain_hooks.publishing.context import PublishContext

    document = workspace.yaml(path)  # yaml_doc.parse's result, without ruamel when it can
    context = PublishContext(
        document, _called(workspace, path, document), options.require_environment
    )
    return [finding for module in CHECKS_OF() for finding in module.check(context)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--require-environment",
        action="store_true",
        help="also require every job that publishes to PyPI to name a deployment environment",
    )


def build(args: argparse.Namespace, config: Config) -> Job:
    options = Options(
        require_environment=args.require_environment
        or bool(config.boolean(ID, "require-environment"))
    )
    return Job(HOOK, check_file=lambda ws, path: check(ws, path, options))


HOOK = Hook(
    id=ID,
    description="Require uploads to PyPI to use Trusted Publishing (job-level id-token: write, "
    "no stored token, attestations on, unreachable from pull requests and comments).",
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=YAML_SUFFIXES,
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
