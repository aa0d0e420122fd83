"""The offline fix: edit the config file Ruff really reads, as one minimal text edit.

* Add ``"S"`` to ``lint.extend-select`` (never to ``select``, which would drop Ruff's
  defaults). When the file still uses the deprecated top-level ``extend-select`` and has no
  ``lint.extend-select``, Ruff would let the new key shadow the old one, so the old values are
  merged in and the top-level key is removed: nothing selected before is lost.
* Remove ``ignore``/``extend-ignore`` entries that switch required S rules off, putting back
  the allowed codes an entry covered (``"S1"`` becomes ``"S101"`` when S101 is allowed).

Everything else in the file is kept byte for byte (tomlkit), in the file's quote and newline
style.
"""

from __future__ import annotations

from collections.abc import Sequence

from supply_chain_hooks import toml_doc
from supply_chain_hooks.model import Applicability, Fix
from supply_chain_hooks.patterns import lazy

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import Any

    import tomlkit.toml_document

    from supply_chain_hooks.model import Edit
    from supply_chain_hooks.ruff.causes import ConfigFix, Removal
    from supply_chain_hooks.source import Source


_SINGLE = lazy(r"=\s*\[\s*'")
_DOUBLE = lazy(r'=\s*\[\s*"')


def config_fix(source: Source, plan: ConfigFix, *, legacy_keys: frozenset[str]) -> Fix | None:
    """The safe part of a config file's plan: add "S" (keeping S101 as it was)."""
    if not plan.add_s:
        return None
    edit = config_edit(
        source,
        base=plan.base,
        add_s=True,
        removals=(),
        legacy_keys=legacy_keys,
        ignore_s101=plan.ignore_s101,
    )
    if edit is None:
        return None
    title = 'add "S" to lint.extend-select' + (
        ' and "S101" to lint.ignore' if plan.ignore_s101 else ""
    )
    return Fix(title, (edit,))


def removal_fix(source: Source, plan: ConfigFix, *, legacy_keys: frozenset[str]) -> Fix | None:
    """The unsafe part: remove the ignore entries that switch required S rules off. They are
    someone's deliberate choice, so only `--unsafe-fixes` applies this."""
    if not plan.removals:
        return None
    edit = config_edit(
        source, base=plan.base, add_s=False, removals=plan.removals, legacy_keys=legacy_keys
    )
    if edit is None:
        return None
    count = len(plan.removals)
    title = f"remove {count} ignore entr{'y' if count == 1 else 'ies'} covering S rules"
    return Fix(title, (edit,), Applicability.UNSAFE)


def config_edit(
    source: Source,
    *,
    base: tuple[str, ...],
    add_s: bool,
    removals: Sequence[Removal],
    legacy_keys: frozenset[str],
    ignore_s101: bool = False,
) -> Edit | None:
    """The one edit that applies the plan to the file (None when nothing changes)."""
    literal = len(_SINGLE.findall(source.text)) > len(_DOUBLE.findall(source.text))

    def change(document: tomlkit.toml_document.TOMLDocument) -> None:
        import tomlkit

        def string(value: str) -> Any:
            return tomlkit.string(value, literal=literal)

        by_array: dict[tuple[str | int, ...], list[Removal]] = {}
        for removal in removals:
            by_array.setdefault(removal.key, []).append(removal)
        for key, items in by_array.items():
            array = _get(document, key)
            if array is None:
                continue
            for removal in sorted(items, key=lambda r: -r.index):
                if removal.index >= len(array):
                    continue
                present = {str(item) for i, item in enumerate(array) if i != removal.index}
                codes = [code for code in removal.replacement if code not in present]
                if codes:
                    array[removal.index] = string(codes[0])
                    for offset, code in enumerate(codes[1:], start=1):
                        array.insert(removal.index + offset, string(code))
                else:
                    del array[removal.index]
        if add_s:
            _add_s(document, base, legacy_keys, string)
            if ignore_s101:
                _ignore_s101(document, base, legacy_keys, string)

    edit = toml_doc.edit(source, change)
    if edit is not None and edit.start == 0 and not source.text[:1].isspace():
        # removing the first key (a moved top-level extend-select) leaves the blank line
        # that followed it first: the file starts where it started before
        from supply_chain_hooks.model import Edit

        content = edit.content.lstrip("\r\n")
        end = edit.end
        if not content:
            while source.text.startswith(("\n", "\r"), end):
                end += 1
        edit = Edit(0, end, content)
    return edit


def _get(document: Any, key: tuple[str | int, ...]) -> Any:
    current = document
    for part in key:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


def _ignore_s101(
    document: Any, base: tuple[str, ...], legacy_keys: frozenset[str], string: Any
) -> None:
    """Append "S101" to the ignore list Ruff reads: `lint.ignore`, else a deprecated top-level
    `ignore` (a new `lint.ignore` would shadow it), else a new `lint.ignore`."""
    import tomlkit

    container = _get(document, base)
    lint = container.get("lint")
    target = lint.get("ignore") if lint is not None else None
    if target is None and "ignore" in legacy_keys:
        target = container.get("ignore")
    if target is None:
        target = tomlkit.array()
        target.append(string("S101"))
        lint["ignore"] = target  # _add_s has created the lint table
        return
    if "S101" not in [str(item) for item in target]:
        target.append(string("S101"))


def _add_s(document: Any, base: tuple[str, ...], legacy_keys: frozenset[str], string: Any) -> None:
    import tomlkit

    container = document
    for part in base:
        if part not in container:
            container[part] = tomlkit.table(is_super_table=True)
        container = container[part]
    lint = container.get("lint")
    if lint is not None and "extend-select" in lint:
        array = lint["extend-select"]
        if "S" not in [str(item) for item in array]:
            array.append(string("S"))
        return
    values: list[str] = []
    legacy = container.get("extend-select") if "extend-select" in legacy_keys else None
    if legacy is not None:
        values = [str(item) for item in legacy]
    if "S" not in values:
        values.append("S")
    array = tomlkit.array()
    for value in values:
        array.append(string(value))
    if lint is None:
        lint = tomlkit.table()
        lint["extend-select"] = array
        container["lint"] = lint
    else:
        lint["extend-select"] = array
    if legacy is not None:
        del container["extend-select"]
