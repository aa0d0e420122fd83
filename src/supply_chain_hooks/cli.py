"""The umbrella command: `supply-chain-hooks check|rules|rule CODE|docs DIR`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from supply_chain_hooks import __version__

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    import argparse
    from typing import NoReturn


def _check(args: argparse.Namespace) -> int:
    from supply_chain_hooks import hooks
    from supply_chain_hooks.arguments import parse
    from supply_chain_hooks.config import UsageError
    from supply_chain_hooks.config import load as load_config
    from supply_chain_hooks.runner import EXIT_USAGE, Settings, run_jobs, settings_from

    selected = args.hook or list(hooks.HOOK_MODULES)
    unknown = [hook_id for hook_id in selected if hook_id not in hooks.HOOK_MODULES]
    if unknown:
        print(
            f"supply-chain-hooks: error: unknown hook(s): {', '.join(unknown)} "
            f"(valid: {', '.join(hooks.HOOK_MODULES)})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from supply_chain_hooks import discovery

    paths = list(args.paths or ["."])
    origin = os.getcwd()
    root = discovery.rooted_elsewhere(paths)
    if root is not None:
        # Run where the folders' repository is; report paths as they were given.
        shown = root if all(os.path.isabs(path) for path in paths) else os.path.relpath(root)
        for option in ("baseline", "output"):
            if getattr(args, option, None):
                setattr(args, option, os.path.abspath(getattr(args, option)))
        paths = [os.path.relpath(os.path.abspath(path), root) for path in paths]
        os.chdir(root)
    if all(os.path.lexists(path) for path in paths):
        discovery.prefetch(paths)  # git lists the folders while the hooks are imported
    try:
        config = load_config(".", frozenset(hooks.HOOK_MODULES))
        jobs = []
        for hook_id in selected:
            hook = hooks.load(hook_id)
            defaults = parse(hook, [])  # the hook's defaults
            defaults.fix = args.fix or args.diff
            defaults.offline = args.offline
            jobs.append(hook.build(defaults, config))
        settings = settings_from(args, fix=args.fix)
        if args.command == "baseline":
            from supply_chain_hooks.baseline import default_path

            settings = Settings(write_baseline=args.output or default_path(), no_baseline=True)
        if root is not None:
            settings = settings.replace(origin=origin, prefix=shown)
        return run_jobs(jobs, paths, settings, config, route_files=True)
    except UsageError as error:
        print(f"supply-chain-hooks: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # in this process or in one that ran hooks beside it
        print("Interrupted (^C)", file=sys.stderr)
        return 130
    finally:
        discovery.drop_prefetched()
        os.chdir(origin)


def _rules_table() -> str:
    from supply_chain_hooks.rules import ALL_RULES

    rows = [("code", "name", "hook", "fix", "summary")]
    rows += [(r.code, r.name, r.hook, r.fix.value, r.summary) for r in ALL_RULES]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """The rule table of ``docs/rules/README.md``, generated from ALL_RULES, each code a link."""
    from supply_chain_hooks.rules import ALL_RULES

    lines = ["| code | name | hook | fix | summary |", "|---|---|---|---|---|"]
    for rule in ALL_RULES:
        hook = "every hook" if rule.hook == "*" else rule.hook
        code = f"[{rule.code}]({rule.code}.md)"
        lines.append(f"| {code} | {rule.name} | {hook} | {rule.fix.value} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def rules_index() -> str:
    """``docs/rules/README.md``: every rule in one table, linking to its page."""
    return (
        "# Rules\n\n"
        "Generated from the rule modules' docstrings by `supply-chain-hooks docs`; do not edit.\n"
        "`supply-chain-hooks rules` prints this table and `supply-chain-hooks rule CODE` one\n"
        "rule's page. Fix: whether its findings offer a fix (`always`, `sometimes`, `none`);\n"
        "each page's Fix safety section says which fixes `--fix` applies and why.\n\n"
        + rules_markdown()
    )


def render_rule(code: str) -> str | None:
    """A rule's documentation as Markdown, looked up by code or name."""
    from supply_chain_hooks.rules import by_key

    rule = by_key().get(code.upper() if code.upper().startswith("SCH") else code)
    if rule is None:
        return None
    hook = "every hook" if rule.hook == "*" else f"`{rule.hook}`"
    header = (
        f"# {rule.code} {rule.name}\n\n{rule.summary[0].upper()}{rule.summary[1:]}.\n\n"
        f"Hook: {hook}. Fix: {rule.fix.value}.\n\n"
    )
    return header + rule.doc.strip() + "\n"


def write_docs(directory: str) -> list[str]:
    from supply_chain_hooks.rules import ALL_RULES

    os.makedirs(directory, exist_ok=True)
    written = []
    for rule in ALL_RULES:
        path = os.path.join(directory, f"{rule.code}.md")
        text = render_rule(rule.code)
        assert text is not None  # noqa: S101 - every listed rule renders
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    path = os.path.join(directory, "README.md")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(rules_index())
    written.append(path)
    return written


def _plain_check(arguments: Sequence[str]) -> argparse.Namespace | None:
    """What the parser returns for `check` followed by paths only (the usual command line,
    in CI and in the benchmarks), without importing and building it; None otherwise."""
    if not arguments or arguments[0] != "check":
        return None
    if any(argument.startswith("-") for argument in arguments[1:]):
        return None
    from supply_chain_hooks.arguments import namespace

    return namespace(command="check", paths=list(arguments[1:]), hook=None, **_no_options())


def _no_options() -> dict[str, object]:
    """What `check` stores for each of its options when none is given (`baseline` takes
    them as its defaults, with the baseline ignored: it is being written)."""
    from supply_chain_hooks.arguments import NO_FIX_OPTIONS, NO_OUTPUT_OPTIONS

    return {**NO_FIX_OPTIONS, **NO_OUTPUT_OPTIONS}


def _parser() -> argparse.ArgumentParser:
    """The command line of every subcommand (argparse: built only when needed)."""
    import argparse

    from supply_chain_hooks import hooks
    from supply_chain_hooks.arguments import (
        add_fix_arguments,
        add_output_arguments,
        help_formatter,
    )
    from supply_chain_hooks.report import FORMATS

    formatter = help_formatter()  # argparse's own imports shutil to measure the terminal
    parser = argparse.ArgumentParser(
        formatter_class=formatter,
        prog="supply-chain-hooks",
        description="Supply-chain checks for Python repositories (the umbrella of every hook).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        formatter_class=formatter,
        help="run every applicable hook on paths (default: .)",
        description="Run every hook (or those named with --hook) on paths, each on the files "
        "it concerns. Hook ids: " + ", ".join(hooks.HOOK_MODULES) + ".",
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)"
    )
    add_fix_arguments(check)
    check.add_argument(
        "--format",
        dest="output_format",
        choices=FORMATS,
        default="text",
        help="output format (default: text; the others print the document alone)",
    )
    check.add_argument(
        "--hook",
        action="append",
        metavar="ID",
        help="run only this hook (repeatable); one of: " + ", ".join(hooks.HOOK_MODULES),
    )
    add_output_arguments(check)
    baseline = commands.add_parser(
        "baseline",
        formatter_class=formatter,
        help="accept today's findings: write them to the baseline file",
        description="Run every hook (or those named with --hook) like `check` and write the "
        "fingerprints of what they find to .supply-chain-hooks-baseline.json at the repository "
        "root (or --output); every hook and `check` then hide those findings. Re-running "
        "rewrites the file, dropping the findings that no longer occur.",
    )
    baseline.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)"
    )
    baseline.add_argument(
        "--output", metavar="PATH", help="write the baseline here instead of the default file"
    )
    baseline.add_argument(
        "--hook",
        action="append",
        metavar="ID",
        help="record only this hook's findings (repeatable); one of: "
        + ", ".join(hooks.HOOK_MODULES),
    )
    baseline.set_defaults(**{**_no_options(), "no_baseline": True})
    commands.add_parser("rules", formatter_class=formatter, help="list every rule")
    rule = commands.add_parser(
        "rule", formatter_class=formatter, help="show a rule's documentation"
    )
    rule.add_argument("code", metavar="CODE", help="rule code (SCH111) or name")
    docs = commands.add_parser(
        "docs",
        formatter_class=formatter,
        help="write docs/rules/*.md (one page per rule and the index) from the docstrings",
    )
    docs.add_argument("directory", nargs="?", default=os.path.join("docs", "rules"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _plain_check(arguments)
    if args is None:
        args = _parser().parse_args(arguments)

    if args.command in ("check", "baseline"):
        return _check(args)
    if args.command == "rules":
        sys.stdout.write(_rules_table())
        return 0
    if args.command == "rule":
        text = render_rule(args.code)
        if text is None:
            print(f"supply-chain-hooks: error: unknown rule {args.code!r}", file=sys.stderr)
            return 2
        sys.stdout.write(text)
        return 0
    for path in write_docs(args.directory):
        print(path)
    return 0


def run() -> NoReturn:
    """The `supply-chain-hooks` console script: main(), run by runner.console."""
    from supply_chain_hooks.runner import console

    console(main)
