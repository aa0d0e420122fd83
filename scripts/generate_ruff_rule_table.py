"""Vendor Ruff's rule table for `enforce-ruff-S`: one JSON file per Ruff version.

Usage::

    python scripts/generate_ruff_rule_table.py [RUFF_EXECUTABLE ...]

Each executable (default: the `ruff` on PATH) is asked, offline, for everything the hook
needs to compute rule selections exactly as that version does:

* ``ruff rule --all --output-format json`` and ``ruff linter --output-format json``: every
  rule (name, code, linter prefix, stable/preview/deprecated/removed status, category);
* ``ruff check --isolated --show-settings``: the default rule set and the default ``exclude``;
* probes with ``--select``: which redirects exist (``PGH001`` -> ``S307``), which rule pairs
  are incompatible, which rules each pydocstyle convention drops, whether rule names and
  categories are accepted as selectors, and whether unknown selectors are errors in preview;
* ``ruff config --output-format json``: every option key (to reject configs Ruff rejects), and
  probes for the deprecated top-level spellings of lint options.

The output goes to ``src/supply_chain_hooks/data/ruff-rules-<version>.json``. The package
never runs this script and never fetches anything at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "supply_chain_hooks" / "data"

#: Every redirect Ruff has shipped (crates/ruff_linter/src/rule_redirects.rs); each one is
#: verified against the executable, so entries a version does not know are dropped.
REDIRECT_CANDIDATES = dict(
    pair.split(":")
    for pair in [
        "SIM111:SIM110",
        "C9:C90",
        "T1:T10",
        "T2:T20",
        "R:RET",
        "R5:RET5",
        "R50:RET50",
        "R501:RET501",
        "R502:RET502",
        "R503:RET503",
        "R504:RET504",
        "R505:RET505",
        "R506:RET506",
        "R507:RET507",
        "R508:RET508",
        "IC:ICN",
        "IC0:ICN0",
        "IC00:ICN00",
        "IC001:ICN001",
        "IC002:ICN001",
        "IC003:ICN001",
        "IC004:ICN001",
        "U:UP",
        "U0:UP0",
        "U00:UP00",
        "U001:UP001",
        "U003:UP003",
        "U004:UP004",
        "U005:UP005",
        "U006:UP006",
        "U007:UP007",
        "U008:UP008",
        "U009:UP009",
        "U01:UP01",
        "U010:UP010",
        "U011:UP011",
        "U012:UP012",
        "U013:UP013",
        "U014:UP014",
        "U015:UP015",
        "U016:UP016",
        "U017:UP017",
        "U019:UP019",
        "I2:TID2",
        "I25:TID25",
        "I252:TID252",
        "M:RUF100",
        "M0:RUF100",
        "M001:RUF100",
        "PDV:PD",
        "PDV0:PD0",
        "PDV002:PD002",
        "PDV003:PD003",
        "PDV004:PD004",
        "PDV007:PD007",
        "PDV008:PD008",
        "PDV009:PD009",
        "PDV01:PD01",
        "PDV010:PD010",
        "PDV011:PD011",
        "PDV012:PD012",
        "PDV013:PD013",
        "PDV015:PD015",
        "PDV9:PD9",
        "PDV90:PD90",
        "PDV901:PD901",
        "TYP:TC",
        "TYP001:TC001",
        "RUF004:B026",
        "PIE802:C419",
        "PLW0130:B033",
        "T001:FIX001",
        "T002:FIX002",
        "T003:FIX003",
        "T004:FIX004",
        "RUF011:B035",
        "TRY200:B904",
        "PGH001:S307",
        "PGH002:G010",
        "TRIO:ASYNC1",
        "TRIO1:ASYNC1",
        "TRIO10:ASYNC10",
        "TRIO100:ASYNC100",
        "TRIO105:ASYNC105",
        "TRIO109:ASYNC109",
        "TRIO11:ASYNC11",
        "TRIO110:ASYNC110",
        "TRIO115:ASYNC115",
        "PLR1701:SIM101",
        "PLW0117:PLW0177",
        "RUF025:C420",
        "TRY302:TRY203",
        "TCH:TC",
        "TCH001:TC001",
        "TCH002:TC002",
        "TCH003:TC003",
        "TCH004:TC004",
        "TCH005:TC005",
        "TCH006:TC010",
        "TCH010:TC010",
        "RUF035:S704",
    ]
)

_ENABLED = re.compile(r"^linter\.rules\.enabled = \[(?:\n(.*?)^)?\]", re.DOTALL | re.MULTILINE)
_EXCLUDE = re.compile(r"^file_resolver\.exclude = \[\n(.*?)^\]", re.DOTALL | re.MULTILINE)
_ENTRY = re.compile(r"^\t([a-z0-9-]+)(?: \(([A-Z]+[0-9]+)\))?,$", re.MULTILINE)
_REMAPPED = re.compile(r"`([A-Za-z0-9]+)` has been remapped to `([A-Za-z0-9]+)`")
_INCOMPATIBLE = re.compile(
    r"`([a-z0-9-]+)` \(([A-Z0-9]+)\) and `([a-z0-9-]+)` \(([A-Z0-9]+)\) are incompatible\. "
    r"Ignoring `([a-z0-9-]+)`"
)


def _require(condition: object, message: str) -> None:
    if not condition:
        raise SystemExit(f"generate_ruff_rule_table: {message}")


class Probe:
    def __init__(self, ruff: str) -> None:
        found = shutil.which(ruff)
        if found is None:
            raise SystemExit(f"{ruff}: not found")
        self.ruff = os.path.abspath(found)
        self.work = tempfile.mkdtemp(prefix="ruff-table-")
        os.makedirs(os.path.join(self.work, "xdg"), exist_ok=True)
        Path(self.work, "a.py").write_text("x = 1\n")
        self.env = {
            **os.environ,
            "XDG_CONFIG_HOME": os.path.join(self.work, "xdg"),
            "NO_COLOR": "1",
        }

    def run(self, *args: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - the executable the maintainer named
            [self.ruff, *args],
            cwd=cwd or self.work,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def json(self, *args: str) -> object:
        result = self.run(*args)
        if result.returncode != 0:
            raise SystemExit(f"{self.ruff} {' '.join(args)} failed:\n{result.stderr}")
        return json.loads(result.stdout)

    def settings(self, *args: str) -> tuple[list[str] | None, str, str]:
        """(enabled rule names or None on error, stdout, stderr) for `check --show-settings`."""
        result = self.run("check", "--isolated", "--no-cache", "--show-settings", *args, "a.py")
        match = _ENABLED.search(result.stdout)
        if result.returncode != 0 or match is None:
            return None, result.stdout, result.stderr
        return (
            [m.group(1) for m in _ENTRY.finditer(match.group(1) or "")],
            result.stdout,
            result.stderr,
        )

    def config_accepts(self, text: str) -> bool:
        folder = tempfile.mkdtemp(dir=self.work)
        Path(folder, "ruff.toml").write_text(text)
        Path(folder, "a.py").write_text("x = 1\n")
        result = self.run("check", "--no-cache", "--show-settings", "a.py", cwd=folder)
        return result.returncode == 0


def _status(raw: object) -> str:
    key = next(iter(raw)) if isinstance(raw, dict) else str(raw)
    return {
        "Stable": "stable",
        "Preview": "preview",
        "Deprecated": "deprecated",
        "Removed": "removed",
    }[key]


def build(ruff: str) -> dict[str, object]:
    probe = Probe(ruff)
    version = probe.run("--version").stdout.split()[1]
    linters_raw = probe.json("linter", "--output-format", "json")
    _require(isinstance(linters_raw, list), "unexpected ruff output")
    linters = []
    prefix_by_name: dict[str, str] = {}
    for linter in linters_raw:
        categories = [category["prefix"] for category in linter.get("categories", [])]
        linters.append(
            {"prefix": linter["prefix"], "name": linter["name"], "categories": categories}
        )
        prefix_by_name[linter["name"]] = linter["prefix"]
    rules_raw = probe.json("rule", "--all", "--output-format", "json")
    _require(isinstance(rules_raw, list), "unexpected ruff output")
    rules = []
    for rule in rules_raw:
        code = rule.get("code")
        linter = prefix_by_name.get(rule.get("linter") or "")
        rules.append([rule["name"], code, linter, _status(rule["status"]), rule.get("category")])

    default, stdout, _ = probe.settings()
    default_preview, _, _ = probe.settings("--preview")
    default_explicit, _, _ = probe.settings(
        "--preview", "--config", "lint.explicit-preview-rules = true"
    )
    _require(
        default is not None and default_preview is not None and default_explicit is not None,
        "unexpected ruff output",
    )
    exclude_match = _EXCLUDE.search(stdout)
    _require(exclude_match is not None, "unexpected ruff output")
    exclude = re.findall(r'^\t"(.*)",$', exclude_match.group(1), re.MULTILINE)

    live_codes = {rule[1] for rule in rules if rule[1] and rule[3] != "removed"}
    redirects: dict[str, str] = {}
    for source, target in REDIRECT_CANDIDATES.items():
        if source in live_codes:
            continue
        enabled, _, stderr = probe.settings("--preview", "--select", source)
        if enabled is None:
            continue
        remapped = dict(_REMAPPED.findall(stderr))
        if remapped.get(source) == target:
            redirects[source] = target
            continue
        expected, _, _ = probe.settings("--preview", "--select", target)
        if expected is not None and sorted(expected) == sorted(enabled):
            redirects[source] = target

    incompatible: list[list[str]] = []
    for extra in ((), ("--preview",)):
        _, _, stderr = probe.settings("--select", "ALL", *extra)
        for first, first_code, second, second_code, dropped in _INCOMPATIBLE.findall(stderr):
            preferred, expendable = (second, first) if dropped == first else (first, second)
            pair = [preferred, expendable]
            if pair not in incompatible:
                incompatible.append(pair)
            _require(first_code and second_code, "unexpected ruff output")

    conventions: dict[str, list[str]] = {}
    all_docstyle, _, _ = probe.settings("--preview", "--select", "D")
    _require(all_docstyle is not None, "unexpected ruff output")
    for convention in ("google", "numpy", "pep257"):
        remaining, _, _ = probe.settings(
            "--preview", "--select", "D", "--config", f'lint.pydocstyle.convention = "{convention}"'
        )
        _require(remaining is not None, "unexpected ruff output")
        conventions[convention] = sorted(set(all_docstyle) - set(remaining))

    features = {
        "names": probe.settings("--preview", "--select", "exec-builtin")[0] is not None,
        "categories": probe.settings("--preview", "--select", "security")[0] is not None,
        "preview_unknown_selector_warns": probe.settings("--preview", "--select", "XYZ123")[0]
        is not None,
    }

    options_raw = probe.json("config", "--output-format", "json")
    _require(isinstance(options_raw, dict), "unexpected ruff output")
    options = {key: value.get("value_type", "") for key, value in sorted(options_raw.items())}
    lint_keys = sorted({key.split(".")[1] for key in options if key.startswith("lint.")})
    _require(not probe.config_accepts("no-such-option = 1\n"), "unknown keys must be rejected")
    legacy = []
    for key in lint_keys:
        if key in ("exclude", "preview"):
            continue  # top-level `exclude`/`preview` are different (global) options
        if f"lint.{key}" in options:
            text = f"{key} = {_sample(options[f'lint.{key}'])}\n"
        else:
            text = f"[{key}]\n"  # a plugin table such as `isort`
        if probe.config_accepts(text):
            legacy.append(key)

    return {
        "version": version,
        "generated_by": "scripts/generate_ruff_rule_table.py",
        "linters": linters,
        "rules": rules,
        # The rules enabled without any selection: stable, with preview, with preview and
        # explicit-preview-rules (Ruff's default selectors pick up preview rules in preview).
        "default": {
            "stable": sorted(default),
            "preview": sorted(default_preview),
            "preview_explicit": sorted(default_explicit),
        },
        "exclude": exclude,
        "redirects": dict(sorted(redirects.items())),
        "incompatible": incompatible,
        "conventions": conventions,
        "features": features,
        "options": options,
        "legacy_lint_keys": sorted(legacy),
    }


def _sample(value_type: str) -> str:
    if value_type == "bool":
        return "false"
    if value_type.startswith("list"):
        return "[]"
    if value_type.startswith("dict"):
        return "{}"
    return '"x"'


def main(argv: list[str]) -> int:
    executables = argv or ["ruff"]
    OUT.mkdir(parents=True, exist_ok=True)
    for ruff in executables:
        table = build(ruff)
        path = OUT / f"ruff-rules-{table['version']}.json"
        path.write_text(json.dumps(table, separators=(",", ":"), sort_keys=False) + "\n")
        rules = table["rules"]
        _require(isinstance(rules, list), "unexpected ruff output")
        print(f"{path.relative_to(ROOT)}: {len(rules)} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
