"""check-dependency-cooldown: Dependabot's cooldown per `updates:` entry (SCH601-SCH604)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supply_chain_hooks import config as config_module
from supply_chain_hooks import yaml_doc
from supply_chain_hooks.cooldown.policy import Policy, PolicyError
from supply_chain_hooks.hooks import check_dependency_cooldown as hook
from supply_chain_hooks.source import decode
from tests.conftest import Corpus, git, write

PATH = ".github/dependabot.yml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = hook.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def lines(out: str) -> list[str]:
    return out.splitlines()[:-1]  # without the summary line


FIRST_COMPLIANT = """\
version: 2
updates:
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
  - package-ecosystem: "github-actions"
    directory: "/"
    schedule:
      interval: "weekly"
    cooldown:
      default-days: 0
  # npm, daily
  - package-ecosystem: npm
    directory: /web
    schedule:
        interval: daily  # keep
    groups:
        all:
            patterns: ["*"]
  - {package-ecosystem: cargo, directory: /rs, schedule: {interval: weekly}}
  - package-ecosystem: uv
    directory: /
    schedule:
      interval: weekly
    cooldown: {semver-major-days: 1, semver-minor-days: 10}
  - package-ecosystem: pip
    directory: /legacy
    open-pull-requests-limit: 0
    schedule:
      interval: weekly
"""

FIRST_COMPLIANT_FIXED = """\
version: 2
updates:
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
  - package-ecosystem: "github-actions"
    directory: "/"
    schedule:
      interval: "weekly"
    cooldown:
      default-days: 7
  # npm, daily
  - package-ecosystem: npm
    directory: /web
    schedule:
        interval: daily  # keep
    groups:
        all:
            patterns: ["*"]
    cooldown:
        default-days: 7
  - {package-ecosystem: cargo, directory: /rs, schedule: {interval: weekly}, cooldown: {default-days: 7}}
  - package-ecosystem: uv
    directory: /
    schedule:
      interval: weekly
    cooldown: {default-days: 7, semver-major-days: 7, semver-minor-days: 10}
  - package-ecosystem: pip
    directory: /legacy
    open-pull-requests-limit: 0
    schedule:
      interval: weekly
"""


def test_every_entry_is_checked_not_only_until_a_compliant_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, PATH, FIRST_COMPLIANT)
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    assert lines(out) == [
        (
            ".github/dependabot.yml:14:7: SCH601 [*] Dependabot `github-actions` (/) version "
            "updates have no cooldown (`default-days: 0`), below the minimum cooldown of 3 days"
        ),
        (
            ".github/dependabot.yml:28:16: SCH601 [*] Dependabot `uv` (/) major updates wait "
            "1 day, below the minimum cooldown of 3 days"
        ),
    ]
    code, out, _ = run(capsys, "--min-cooldown", "1 week")
    assert lines(out) == [
        (
            ".github/dependabot.yml:14:7: SCH601 [*] Dependabot `github-actions` (/) version "
            "updates have no cooldown (`default-days: 0`), below the minimum cooldown of 1 week"
        ),
        (
            ".github/dependabot.yml:16:5: SCH601 [*] Dependabot `npm` (/web) version updates wait "
            "Dependabot's default of 3 days, below the minimum cooldown of 1 week"
        ),
        (
            ".github/dependabot.yml:23:6: SCH601 [*] Dependabot `cargo` (/rs) version updates wait "
            "Dependabot's default of 3 days, below the minimum cooldown of 1 week"
        ),
        (
            ".github/dependabot.yml:24:5: SCH601 [*] Dependabot `uv` (/) patch updates wait "
            "Dependabot's default of 3 days, below the minimum cooldown of 1 week"
        ),
        (
            ".github/dependabot.yml:28:16: SCH601 [*] Dependabot `uv` (/) major updates wait "
            "1 day, below the minimum cooldown of 1 week"
        ),
    ]


def test_fix_writes_in_each_entrys_style_and_is_idempotent(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(repo, PATH, FIRST_COMPLIANT)
    git("add", "-A", cwd=repo)
    code, _, _ = run(capsys, "--min-cooldown", "7 days", "--fix")
    assert code == 1
    assert path.read_text() == FIRST_COMPLIANT_FIXED
    code, out, _ = run(capsys, "--min-cooldown", "7 days", "--fix")
    assert (code, lines(out)) == (0, [])
    assert path.read_text() == FIRST_COMPLIANT_FIXED


def test_fix_days_and_crlf(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "version: 2\r\nupdates:\r\n- package-ecosystem: pip\r\n  directory: /\r\n"
    path = write(repo, PATH, text)
    git("add", "-A", cwd=repo)
    run(capsys, "--min-cooldown", "4 days", "--fix", "--fix-days", "10")
    assert path.read_bytes() == (text + "  cooldown:\r\n    default-days: 10\r\n").encode()


def test_a_block_scalar_last_and_an_empty_cooldown_mapping(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "updates:\n"
        "  - package-ecosystem: pip\n"
        "    commit-message:\n"
        "      prefix: |\n"
        "        deps\n"
        "  - package-ecosystem: uv\n"
        "    cooldown:\n"
        "      # only majors wait\n"
        "      semver-major-days: 30\n"
    )
    path = write(repo, PATH, text)
    git("add", "-A", cwd=repo)
    run(capsys, "--min-cooldown", "5 days", "--fix")
    assert path.read_text() == (
        "updates:\n"
        "  - package-ecosystem: pip\n"
        "    commit-message:\n"
        "      prefix: |\n"
        "        deps\n"
        "    cooldown:\n"
        "      default-days: 7\n"
        "  - package-ecosystem: uv\n"
        "    cooldown:\n"
        "      # only majors wait\n"
        "      default-days: 7\n"
        "      semver-major-days: 30\n"
    )


SEMVER_AND_INVALID = """\
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    cooldown:
      default-days: 5
      semver-major-days: 14
  - package-ecosystem: docker
    directories: ["/", "/docs"]
    cooldown:
      semver-patch-days: 1
  - package-ecosystem: pip
    directory: /
    cooldown:
      default-days: "7"
      semver-minor-days: 91
      semver-patch-days: 1.5
      default_days: 7
      exclude: ["*"]
  - package-ecosystem: npm
    directory: /
    cooldown:
      default-days: 7
      include: ["react", "vue"]
      exclude: ["lodash"]
  - package-ecosystem: gomod
    directory: /
    cooldown: 7
"""


def test_semver_keys_invalid_values_and_exemptions(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, PATH, SEMVER_AND_INVALID)
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    assert lines(out) == [
        (
            ".github/dependabot.yml:7:7: SCH604 `semver-major-days` is not supported for "
            "`github-actions` (no semantic versions): Dependabot rejects the file"
        ),
        (
            ".github/dependabot.yml:11:7: SCH604 `semver-patch-days` is not supported for `docker` "
            "(no semantic versions): Dependabot rejects the file"
        ),
        (
            ".github/dependabot.yml:15:21: SCH603 Dependabot `pip` (/) cooldown: `default-days` is a "
            "string, not a number; Dependabot rejects the file and makes no updates at all"
        ),
        (
            ".github/dependabot.yml:16:26: SCH603 Dependabot `pip` (/) cooldown: `semver-minor-days` "
            "is above Dependabot's maximum of 90 days; Dependabot rejects the file and makes no "
            "updates at all"
        ),
        (
            ".github/dependabot.yml:17:26: SCH603 Dependabot `pip` (/) cooldown: `semver-patch-days` "
            "is not a whole number of days; Dependabot rejects the file and makes no updates at all"
        ),
        (
            ".github/dependabot.yml:18:7: SCH603 Dependabot `pip` (/) cooldown: `default_days` is "
            "not a cooldown setting; Dependabot rejects the file and makes no updates at all"
        ),
        (
            ".github/dependabot.yml:19:7: SCH602 Dependabot `pip` (/) updates every dependency with "
            "no cooldown: `exclude` exempts them all"
        ),
        (
            ".github/dependabot.yml:24:7: SCH602 Dependabot `npm` (/) applies its cooldown only to "
            "`react`, `vue` (`include`): every other dependency updates with no cooldown"
        ),
        (
            ".github/dependabot.yml:25:7: SCH602 Dependabot `npm` (/) updates `lodash` with no "
            "cooldown: `exclude` exempts them"
        ),
        (
            ".github/dependabot.yml:28:15: SCH603 Dependabot `gomod` (/) cooldown: must be a mapping "
            "of cooldown settings; Dependabot rejects the file and makes no updates at all"
        ),
    ]
    # A fix never writes a semver key under github-actions or docker, nor touches invalid values.
    code, out, _ = run(capsys, "--min-cooldown", "6 days", "--diff")
    assert "semver" not in "".join(line for line in out.splitlines() if line.startswith("+"))
    assert "-      default-days: 5\n+      default-days: 7\n" in out
    assert '"7"' not in "".join(line for line in out.splitlines() if line.startswith(("+", "-")))
    _, out, _ = run(capsys, "--show-hints")
    assert "Dependabot rejects the file\n    use `default-days`\n" in out


def test_a_semver_key_overrides_default_days_and_90_days_is_allowed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        repo,
        PATH,
        "version: 2\nupdates:\n"
        "  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n"
        "    cooldown:\n      default-days: 7\n      semver-major-days: 1\n"
        "  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n"
        "    cooldown:\n      default-days: 90\n      semver-patch-days: 3\n",
    )
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    # The short semver key is what major updates get, however long default-days is; 90 days
    # (Dependabot's maximum) and a semver key of exactly the minimum are fine.
    assert lines(out) == [
        (
            ".github/dependabot.yml:9:7: SCH601 [*] Dependabot `pip` (/) major updates wait 1 day, "
            "below the minimum cooldown of 3 days"
        )
    ]


def test_the_minimum_comes_from_the_shared_setting_and_the_hook_table(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, PATH, "updates:\n  - package-ecosystem: pip\n    directory: /\n")
    write(repo, "pyproject.toml", '[tool.supply-chain-hooks]\nmin-cooldown = "5 days"\n')
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    assert "below the minimum cooldown of 5 days" in out
    loaded = config_module.load(".")
    assert loaded.cooldown("check-uv-exclude-newer") == "5 days"
    write(
        repo,
        "pyproject.toml",
        '[tool.supply-chain-hooks]\nmin-cooldown = "5 days"\n\n'
        '[tool.supply-chain-hooks.check-dependency-cooldown]\nmin-cooldown = "2 days"\n',
    )
    assert run(capsys)[0] == 0
    assert config_module.load(".").cooldown("check-uv-exclude-newer") == "5 days"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix-days", "0"], "--fix-days 0 must be a whole number from 1 to 90"),
        (["--fix-days", "91"], "--fix-days 91 must be a whole number from 1 to 90"),
        (["--min-cooldown", "8 days"], "--fix-days 7 is shorter than --min-cooldown (8 days)"),
        (["--min-cooldown", "2026-01-01"], "must be a duration such as '3 days'"),
        (["--min-cooldown", "3 Days"], "--min-cooldown '3 Days'"),
    ],
)
def test_unusable_options_are_usage_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err


def test_policy_compares_days_with_uv_durations() -> None:
    policy = Policy.build("72 hours", 3)
    assert not policy.days_short(3)
    assert policy.days_short(2)
    assert Policy.build("P1W", 7).days_short(6)
    with pytest.raises(PolicyError):
        Policy.build("1 month", 30)


def test_no_dependabot_file_is_clean(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "README.md", "hi\n")
    git("add", "-A", cwd=repo)
    assert run(capsys, "--min-cooldown", "30 days", "--fix-days", "30")[0] == 0


def test_unparsable_file_is_sch001(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, PATH, "updates: [\n")
    git("add", "-A", cwd=repo)
    code, out, _ = run(capsys)
    assert code == 1
    assert out.startswith(".github/dependabot.yml:") and " SCH001 " in out


def test_corpus_fix_leaves_no_short_cooldown_and_only_inserts(
    corpus: Corpus,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every real Dependabot file: the fix parses, converges, and keeps every original line."""
    originals = corpus.files(".github/dependabot.yml", ".github/dependabot.yaml")
    assert originals
    for number, original in enumerate(originals):
        root = tmp_path / str(number)
        target = root / ".github" / original.name
        target.parent.mkdir(parents=True)
        shutil.copyfile(original, target)
        target.chmod(0o644)
        git("init", "-q", "-b", "main", cwd=root)
        git("add", "-A", cwd=root)
        monkeypatch.chdir(root)
        run(capsys, "--min-cooldown", "7 days", "--fix")
        fixed = target.read_text()
        yaml_doc.parse(decode(str(target), fixed.encode()))
        _code, out, _ = run(capsys, "--min-cooldown", "7 days", "--fix")
        assert target.read_text() == fixed, original
        assert " SCH601 " not in out, (original, out)
        before = original.read_text().splitlines()
        after = fixed.splitlines()
        # Only insertions and raised numbers: every original line survives, in order,
        # unless it was a days value the fix raised.
        kept = iter(after)
        for line in before:
            if not any(line == other for other in kept):
                assert line.strip().endswith(tuple(str(n) for n in range(10))), (original, line)
                assert "-days:" in line, (original, line)
                kept = iter(after[after.index(line.split(":")[0] + ": 7") + 1 :])
