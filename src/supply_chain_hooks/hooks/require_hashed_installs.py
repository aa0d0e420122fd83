"""require-hashed-installs: what CI installs is pinned and hash-checked too.

Reads the `run:` steps of workflows and composite actions (bash and sh only) and the `RUN`
lines of Dockerfiles and Containerfiles as the shell reads them, and reports installs that
no hash checks (`pip install requests`), unlocked uv commands, unpinned tools (`uvx ruff`),
second indexes, and `actions/setup-python`'s `pip-install:`. There is no autofix: the
right lock file is the maintainer's choice; every message names the pinned form.
"""

from __future__ import annotations

from supply_chain_hooks.config import Config
from supply_chain_hooks.github.workflow import YAML_SUFFIXES, is_action_path, is_workflow_path
from supply_chain_hooks.hooks import RuleModules
from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.runner import Hook, Job, hook_main
from supply_chain_hooks.workspace import Workspace

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse  # imported by the runner only for a command line with options
    from collections.abc import Sequence

    from supply_chain_hooks.model import Finding

ID = "require-hashed-installs"
#: The rule modules (imported on first use) and the module's CHECKS and RULES names.
CHECKS_OF = RuleModules("supply_chain_hooks.installs.rules", ID, __name__)
__getattr__ = CHECKS_OF.attribute

#: The Dockerfile half of the `files:` regex of the pre-commit manifest.
DOCKERFILES = r"(^|/)(Dockerfile|Containerfile)$|\.(Dockerfile|Containerfile)$"
_DOCKERFILES = lazy(DOCKERFILES)
#: A file that holds none of these (lowercased) installs nothing the rules read.
WORDS = ("pip", "uv", "index", "\\")


class Options(Record):
    """Immutable options (a Record, not a dataclass: see model.py on start-up time)."""

    #: Canonical names of the packages and tools accepted unpinned (`--allow`).
    allow: frozenset[str] = frozenset()


def is_dockerfile(path: str) -> bool:
    return _DOCKERFILES.search(path.replace("\\", "/")) is not None


def matches(path: str) -> bool:
    return is_workflow_path(path) or is_action_path(path) or is_dockerfile(path)


def check(workspace: Workspace, path: str, options: Options) -> list[Finding]:
    source = workspace.source(path)
    lowered = source.text.lower()
    if not any(word in lowered for word in WORDS):
        return []
    from supply_chain_hooks.installs.context import InstallContext

    if is_dockerfile(path):
        from supply_chain_hooks.installs.dockerfile import from_dockerfile

        sites = from_dockerfile(path, source)
    else:
        from supply_chain_hooks.installs.sites import from_workflow

        document = workspace.yaml(path)
        sites = from_workflow(path, source, document.root)
    context = InstallContext(path, sites, workspace.source, options.allow, workspace.parse)
    return [finding for module in CHECKS_OF() for finding in module.check(context)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PACKAGE",
        help="a package or tool accepted unpinned, e.g. pip (repeatable)",
    )


def build(args: argparse.Namespace, config: Config) -> Job:
    from supply_chain_hooks.installs.helpers import canonical

    names = (*args.allow, *config.str_list(ID, "allow"))
    options = Options(allow=frozenset(canonical(name) for name in names))
    return Job(HOOK, check_file=lambda ws, path: check(ws, path, options))


HOOK = Hook(
    id=ID,
    description="Require what CI installs (workflow run: steps, composite actions, Dockerfile "
    "RUN lines) to be pinned and hash-checked: pip installs from hashed lock files, uv with "
    "--locked, tools at exact versions, one package index.",
    load_rules=CHECKS_OF.rules,
    matches=matches,
    suffixes=(*YAML_SUFFIXES, "Dockerfile", "Containerfile"),
    build=build,
    add_arguments=add_arguments,
)


def main(argv: Sequence[str] | None = None) -> int:
    return hook_main(HOOK, argv)


if __name__ == "__main__":
    raise SystemExit(main())
