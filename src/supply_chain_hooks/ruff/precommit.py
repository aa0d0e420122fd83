"""The ruff hook of ``.pre-commit-config.yaml``: its version, arguments and reach.

A ruff hook is ``ruff-check`` or the legacy ``ruff`` from a ``ruff-pre-commit`` repository
(entry ``ruff check --force-exclude``, ``types_or: [python, pyi, jupyter]``), or a local hook
whose entry runs ``ruff check``. Its version comes from ``rev`` (``v0.17.6``, or the
``# frozen: v0.17.6`` comment of a frozen sha). pre-commit hands it only the files its
``files``/``exclude``/``types`` and the top-level ``files``/``exclude`` let through, and runs
it only in its ``stages``; pre-commit.ci skips the ids (or aliases) listed in ``ci: skip``.
A config may override the ``entry`` of a ruff-pre-commit hook: then that entry is what runs.
"""

from __future__ import annotations

import re
import shlex

from supply_chain_hooks.model import Record
from supply_chain_hooks.patterns import lazy
from supply_chain_hooks.ruff.cli import Argument
from supply_chain_hooks.ruff.origin import Origin

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

    from supply_chain_hooks.yaml_doc import Document

PATH = ".pre-commit-config.yaml"
RUFF_HOOK_IDS = ("ruff-check", "ruff")
COMMIT_STAGES = frozenset({"pre-commit", "commit"})
_VERSION = lazy(r"v?(\d+)\.(\d+)\.(\d+)")
_FROZEN = lazy(r"#\s*frozen:\s*(v?\d+\.\d+\.\d+)")


class RuffHook(Record):
    hook_id: str
    origin: Origin
    version: tuple[int, int, int] | None
    version_origin: Origin | None
    arguments: tuple[Argument, ...]
    #: The ruff-pre-commit entry always passes --force-exclude.
    force_exclude: bool
    stages: tuple[str, ...] | None
    stages_origin: Origin | None
    ci_skip: Origin | None
    files: tuple[tuple[str, Origin], ...]
    exclude: tuple[tuple[str, Origin], ...]
    types: tuple[str, ...]
    types_or: tuple[str, ...]
    exclude_types: tuple[str, ...]
    types_origin: Origin | None
    #: An `entry:` overriding ruff-pre-commit's with a command that is no `ruff check`.
    not_linting: Origin | None = None

    def runs_on_commit(self) -> bool:
        return self.stages is None or bool(COMMIT_STAGES & set(self.stages))

    def filtered_out(self, path: str) -> Origin | None:
        """Why pre-commit would not pass this file to the hook (None: it does)."""
        return FileFilter(self)(path)


class FileFilter:
    """A hook's file filters, compiled once: :meth:`RuffHook.filtered_out` for many files."""

    __slots__ = (
        "by_name",
        "exclude",
        "exclude_types",
        "files",
        "name_only",
        "origin",
        "types",
        "types_or",
    )

    def __init__(self, hook: RuffHook) -> None:
        self.files = [(_compile(pattern), origin) for pattern, origin in hook.files]
        self.exclude = [(_compile(pattern), origin) for pattern, origin in hook.exclude]
        self.types = frozenset(hook.types)
        self.types_or = frozenset(hook.types_or)
        self.exclude_types = frozenset(hook.exclude_types)
        self.origin = hook.types_origin or hook.origin
        #: Whether the filters depend on the file's name alone.
        self.name_only = not self.files and not self.exclude
        #: Whether the `types` filters let a file name through (they depend on the name only);
        #: None when there are no such filters.
        self.by_name: dict[str, bool] | None = (
            {} if hook.types or hook.types_or or hook.exclude_types else None
        )

    def __call__(self, path: str, name: str | None = None) -> Origin | None:
        """Why the file is kept away (None: it is not); `name` is its name, if known."""
        # A pattern Python cannot compile matches nothing.
        for regex, origin in self.files:
            if regex is None or regex.search(path) is None:
                return origin
        for regex, origin in self.exclude:
            if regex is not None and regex.search(path) is not None:
                return origin
        by_name = self.by_name
        if by_name is not None:
            if name is None:
                name = path.rpartition("/")[2]
            passes = by_name.get(name)
            if passes is None:
                tags = _tags(name)
                passes = by_name[name] = (
                    self.types <= tags
                    and (not self.types_or or bool(self.types_or & tags))
                    and not self.exclude_types & tags
                )
            if not passes:
                return self.origin
        return None


def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


#: identify's tags by file name: they depend on the name only, and a repository's Python
#: files share few names (`__init__.py`, `test_*.py`...) relative to their number.
_TAGS: dict[str, frozenset[str]] = {}


def _tags(name: str) -> frozenset[str]:
    tags = _TAGS.get(name)
    if tags is None:
        from identify import identify

        tags = frozenset(identify.tags_from_filename(name)) | {"file", "non-executable"}
        _TAGS[name] = tags
    return tags


def _scalars(node: Node | None) -> list[tuple[str, int]] | None:
    from supply_chain_hooks import yaml_doc

    if node is None:
        return None
    if yaml_doc.is_scalar(node):
        return [(str(node.value), 0)]
    if not yaml_doc.is_sequence(node):
        return None
    return [
        (str(item.value), index)
        for index, item in enumerate(node.value)
        if yaml_doc.is_scalar(item)
    ]


def find_hooks(document: Document) -> list[RuffHook]:
    """Every ruff check hook in the config, in order."""
    from supply_chain_hooks import yaml_doc

    root = document.root
    hooks: list[RuffHook] = []
    skip_ids: dict[str, Origin] = {}
    for item, index in _scalars(yaml_doc.value(root, "ci", "skip")) or []:
        skip_ids[item] = Origin(PATH, ("ci", "skip", index), f"`{item}` in ci: skip")
    default_stages = _scalars(yaml_doc.value(root, "default_stages"))
    top_files = yaml_doc.scalar(yaml_doc.value(root, "files"))
    top_exclude = yaml_doc.scalar(yaml_doc.value(root, "exclude"))
    for repo_index, repo in enumerate(yaml_doc.elements(yaml_doc.value(root, "repos"))):
        url = yaml_doc.scalar(yaml_doc.value(repo, "repo")) or ""
        rev_node = yaml_doc.value(repo, "rev")
        for hook_index, hook in enumerate(yaml_doc.elements(yaml_doc.value(repo, "hooks"))):
            hook_id = yaml_doc.scalar(yaml_doc.value(hook, "id")) or ""
            key = ("repos", repo_index, "hooks", hook_index)
            entry_arguments: list[Argument] = []
            not_linting: Origin | None = None
            entry_node = yaml_doc.value(hook, "entry")
            is_ruff_pre_commit = "ruff-pre-commit" in url and hook_id in RUFF_HOOK_IDS
            if url == "local" or (is_ruff_pre_commit and entry_node is not None):
                # a local hook, or a config overriding ruff-pre-commit's entry: what runs is
                # the entry written here (`entry: ruff format` lints nothing)
                entry = yaml_doc.scalar(entry_node) or ""
                try:
                    words = shlex.split(entry)
                except ValueError:
                    continue
                entry_origin = Origin(PATH, (*key, "entry"), "the hook's entry")
                if "ruff" not in [w.rsplit("/", 1)[-1] for w in words] or "check" not in words:
                    if url == "local":
                        continue
                    not_linting = Origin(PATH, (*key, "entry"), f"`entry: {entry}`")
                else:
                    entry_arguments = [
                        Argument(w, entry_origin) for w in words[words.index("check") + 1 :]
                    ]
                force_exclude = False
                version, version_origin = None, None
                if url != "local":
                    version, version_origin = _version(
                        document, rev_node, ("repos", repo_index, "rev")
                    )
            elif is_ruff_pre_commit:
                force_exclude = True
                version, version_origin = _version(document, rev_node, ("repos", repo_index, "rev"))
                # ruff-pre-commit's entry is `ruff check --force-exclude`.
                entry_origin = Origin(
                    PATH, (*key, "id"), "the hook's entry (ruff check --force-exclude)"
                )
                entry_arguments = [Argument("--force-exclude", entry_origin)]
            else:
                continue
            args = [
                Argument(
                    text, Origin(PATH, (*key, "args", index), f"`{text}` in the ruff hook's args")
                )
                for text, index in _scalars(yaml_doc.value(hook, "args")) or []
            ]
            # pre-commit (SKIP) and pre-commit.ci (ci: skip) match a hook's id or its alias
            alias = yaml_doc.scalar(yaml_doc.value(hook, "alias"))
            stages_raw = _scalars(yaml_doc.value(hook, "stages"))
            stages_key: tuple[str | int, ...] = (*key, "stages")
            if stages_raw is None and default_stages is not None:
                stages_raw, stages_key = default_stages, ("default_stages",)
            files = []
            excludes = []
            if top_files:
                files.append((top_files, Origin(PATH, ("files",), f"top-level files: {top_files}")))
            if top_exclude:
                excludes.append(
                    (top_exclude, Origin(PATH, ("exclude",), f"top-level exclude: {top_exclude}"))
                )
            hook_files = yaml_doc.scalar(yaml_doc.value(hook, "files"))
            hook_exclude = yaml_doc.scalar(yaml_doc.value(hook, "exclude"))
            if hook_files:
                files.append(
                    (hook_files, Origin(PATH, (*key, "files"), f"the hook's files: {hook_files}"))
                )
            if hook_exclude:
                excludes.append(
                    (
                        hook_exclude,
                        Origin(PATH, (*key, "exclude"), f"the hook's exclude: {hook_exclude}"),
                    )
                )
            types = _scalars(yaml_doc.value(hook, "types"))
            types_or = _scalars(yaml_doc.value(hook, "types_or"))
            exclude_types = _scalars(yaml_doc.value(hook, "exclude_types"))
            types_key = next(
                (
                    name
                    for name, value in (
                        ("types", types),
                        ("types_or", types_or),
                        ("exclude_types", exclude_types),
                    )
                    if value is not None
                ),
                None,
            )
            default_types_or = ("python", "pyi", "jupyter") if url != "local" else ()
            hooks.append(
                RuffHook(
                    hook_id=hook_id,
                    origin=Origin(PATH, (*key, "id"), f"the `{hook_id}` hook"),
                    version=version,
                    version_origin=version_origin,
                    arguments=(*entry_arguments, *args),
                    force_exclude=force_exclude,
                    stages=None if stages_raw is None else tuple(stage for stage, _ in stages_raw),
                    stages_origin=None
                    if stages_raw is None
                    else Origin(PATH, stages_key, "stages"),
                    ci_skip=skip_ids.get(hook_id) or (skip_ids.get(alias) if alias else None),
                    files=tuple(files),
                    exclude=tuple(excludes),
                    types=tuple(t for t, _ in types) if types is not None else ("file",),
                    types_or=tuple(t for t, _ in types_or)
                    if types_or is not None
                    else default_types_or,
                    exclude_types=tuple(t for t, _ in exclude_types or []),
                    types_origin=None
                    if types_key is None
                    else Origin(PATH, (*key, types_key), types_key),
                    not_linting=not_linting,
                )
            )
    return hooks


def _version(
    document: Document, node: Node | None, key: tuple[str | int, ...]
) -> tuple[tuple[int, int, int] | None, Origin | None]:
    from supply_chain_hooks import yaml_doc

    text = yaml_doc.scalar(node)
    if node is None or text is None:
        return None, None
    origin = Origin(PATH, key, f"rev: {text}")
    match = _VERSION.fullmatch(text.strip())
    if match is None:
        line = document.source.line_text(document.source.position(yaml_doc.start(node))[0])
        frozen = _FROZEN.search(line)
        match = _VERSION.fullmatch(frozen.group(1)) if frozen else None
    if match is None:
        return None, origin
    return (int(match.group(1)), int(match.group(2)), int(match.group(3))), origin
