"""SCH113: a privileged workflow that brings pull-request code into a job that runs it.

Each case is a workflow shaped like real ones (comment bots, `workflow_run` deployers,
`pull_request_target` builders). A line ending in `# <- SCH113` is where the finding must
be; the column is the start of the value (after `ref: `, `repository: `, `uses: `) or of
the command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supply_chain_hooks.hooks.forbid_pull_request_target import main
from tests.conftest import Corpus, passed, write

WF = ".github/workflows/bot.yml"
MARK = "  # <- SCH113"

FOUND = {
    "comment /test checks out refs/pull/N/head": """\
on:
  issue_comment:
    types: [created]
permissions:
  contents: read
jobs:
  test:
    if: github.event.issue.pull_request && startsWith(github.event.comment.body, '/test')
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          ref: refs/pull/${{ github.event.issue.number }}/head  # <- SCH113
      - run: make test
""",
    "comment bot via xt0rted/pull-request-comment-branch": """\
on: issue_comment
jobs:
  style:
    runs-on: ubuntu-latest
    steps:
      - uses: xt0rted/pull-request-comment-branch@e8b8daa837e8ea7331c0003c9c316a64c6d8b0b1 # v3
        id: comment-branch
      - uses: actions/checkout@v4
        with:
          ref: ${{ steps.comment-branch.outputs.head_ref }}  # <- SCH113
          token: ${{ secrets.BOT_TOKEN }}
      - run: |
          pip install ruff
          ruff format .
          git commit -am "style" && git push
""",
    "gh pr checkout then install and test in one script": """\
on:
  issue_comment:
    types: [created]
jobs:
  bench:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - env:
          GH_TOKEN: ${{ github.token }}
        run: |
          gh pr checkout ${{ github.event.issue.number }}  # <- SCH113
          pip install -e . && pytest benchmarks
""",
    "git fetch of the pull ref and checkout": """\
on: issue_comment
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          git fetch origin pull/${{ github.event.issue.number }}/head:pr  # <- SCH113
          git checkout pr
          tox -e docs
""",
    "workflow_run head_sha through job env": """\
on:
  workflow_run:
    workflows: [CI]
    types: [completed]
jobs:
  coverage:
    runs-on: ubuntu-latest
    env:
      HEAD: ${{ github.event.workflow_run.head_sha }}
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ env.HEAD }}  # <- SCH113
      - uses: ./.github/actions/setup-python
""",
    "artifacts of the triggering run executed": """\
on:
  workflow_run:
    workflows: [Build]
    types: [completed]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4  # <- SCH113
        with:
          name: site
          run-id: ${{ github.event.workflow_run.id }}
          github-token: ${{ secrets.GITHUB_TOKEN }}
      - run: bash ./deploy.sh
        env:
          TOKEN: ${{ secrets.DEPLOY_TOKEN }}
""",
    "github-script download then a script from the artifact": """\
on:
  workflow_run:
    workflows: [PR]
    types: [completed]
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@v7  # <- SCH113
        with:
          script: |
            const artifacts = await github.rest.actions.listWorkflowRunArtifacts({
              owner: context.repo.owner, repo: context.repo.repo,
              run_id: context.payload.workflow_run.id,
            });
            const download = await github.rest.actions.downloadArtifact({
              owner: context.repo.owner, repo: context.repo.repo,
              artifact_id: artifacts.data.artifacts[0].id, archive_format: 'zip',
            });
            require('fs').writeFileSync('pr.zip', Buffer.from(download.data));
      - run: unzip pr.zip
      - run: ./report.sh
""",
    "step output from gh pr view": """\
on: issue_comment
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: pr
        env:
          GH_TOKEN: ${{ github.token }}
        run: echo "sha=$(gh pr view ${{ github.event.issue.number }} --json headRefOid -q .headRefOid)" >> "$GITHUB_OUTPUT"
      - uses: actions/checkout@v4
        with:
          ref: ${{ steps.pr.outputs.sha }}  # <- SCH113
      - run: npm ci && npm run build
""",
    "job output consumed by a later job": """\
on: pull_request_target
permissions: {}
jobs:
  meta:
    runs-on: ubuntu-latest
    outputs:
      ref: ${{ steps.find.outputs.ref }}
    steps:
      - id: find
        run: echo "ref=${{ github.event.pull_request.head.sha }}" >> $GITHUB_OUTPUT
  build:
    needs: meta
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ needs.meta.outputs.ref }}  # <- SCH113
      - run: python -m build
""",
    "fork repository built by docker/build-push-action": """\
on:
  pull_request_target:
    types: [labeled]
jobs:
  image:
    if: contains(github.event.pull_request.labels.*.name, 'safe to test')
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: ${{ github.event.pull_request.head.repo.full_name }}  # <- SCH113
      - uses: docker/build-push-action@v6
        with:
          context: .
""",
    "bracket syntax and GITHUB_ENV into a shell variable": """\
on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "PR_SHA=${{ github.event['pull_request']['head']['sha'] }}" >> $GITHUB_ENV
      - run: |
          git fetch origin "$PR_SHA"  # <- SCH113
          git checkout FETCH_HEAD
          ./gradlew test
""",
    "GITHUB_HEAD_REF in the shell, upper-case trigger": """\
on: {PULL_REQUEST_TARGET: }
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          git fetch origin "$GITHUB_HEAD_REF"  # <- SCH113
          git switch "$GITHUB_HEAD_REF"
          pre-commit run --all-files
""",
    "checkout into a folder and a step working there": """\
on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}  # <- SCH113
          path: pr
      - run: npm test
        working-directory: pr
""",
}

SAFE = {
    "comment bot that only answers": """\
on:
  issue_comment:
    types: [created]
permissions:
  issues: write
jobs:
  reply:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@v7
        with:
          script: |
            await github.rest.issues.createComment({
              ...context.repo, issue_number: context.issue.number, body: 'Thanks!'})
""",
    "labeler": """\
on: pull_request_target
permissions:
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@v5
""",
    "sparse checkout of data read by a pinned action": """\
on: pull_request_target
permissions: {}
jobs:
  check-links:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          ref: ${{ github.event.pull_request.head.sha }}
          sparse-checkout: docs
      - uses: lycheeverse/lychee-action@82202e5e9c2f4ef1a55a3d02563e1cb6041e5332 # v2.4.1
        with:
          args: docs
""",
    "artifact into a folder, deploy tool from the base repository": """\
on:
  workflow_run:
    workflows: [Build Docs]
    types: [completed]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: uv sync --locked
      - uses: actions/download-artifact@v4
        with:
          path: ./site/
          run-id: ${{ github.event.workflow_run.id }}
          github-token: ${{ secrets.GITHUB_TOKEN }}
      - uses: cloudflare/wrangler-action@v3
        with:
          command: pages deploy ./site
      - if: failure()
        run: uv run ./scripts/deploy_status.py
""",
    "artifact unzipped and read as data": """\
on:
  workflow_run:
    workflows: [mypy_primer]
    types: [completed]
jobs:
  comment:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@v7
        with:
          script: |
            const download = await github.rest.actions.downloadArtifact({
              owner: context.repo.owner, repo: context.repo.repo,
              artifact_id: context.payload.workflow_run.id, archive_format: 'zip'});
            require('fs').writeFileSync('diff.zip', Buffer.from(download.data));
      - run: unzip diff.zip
      - run: |
          cat diff_*.txt | tee fulldiff.txt
      - uses: actions/github-script@v7
        with:
          script: |
            const data = require('fs').readFileSync('fulldiff.txt', {encoding: 'utf8'})
""",
    "base branch checkout": """\
on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.base.sha }}
      - run: make test
""",
    "review comments are not privileged": """\
on: pull_request_review_comment
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: make test
""",
    "checked out in one job, run in another": """\
on: pull_request_target
jobs:
  fetch:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make
""",
    "checkout into a folder that nothing touches": """\
on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
          path: pr
      - run: make lint
""",
    "env value overridden by a step": """\
on: workflow_run
env:
  REF: ${{ github.event.workflow_run.head_sha }}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        env:
          REF: main
        with:
          ref: ${{ env.REF }}
      - run: make
""",
}


def sch113(out: str) -> list[tuple[int, int]]:
    return [
        (int(match[1]), int(match[2]))
        for match in re.finditer(rf"^{re.escape(WF)}:(\d+):(\d+): SCH113 ", out, re.MULTILINE)
    ]


def expected(text: str) -> list[tuple[int, int]]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.endswith(MARK):
            body = line.removesuffix(MARK)
            for key in ("ref: ", "repository: ", "uses: "):
                if key in body:
                    found.append((number, body.index(key) + len(key) + 1))
                    break
            else:
                found.append((number, len(body) - len(body.lstrip()) + 1))
    return found


@pytest.mark.parametrize("name", sorted(FOUND))
def test_reported_where_the_code_comes_in(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    text = FOUND[name]
    write(repo, WF, text)
    code = main([WF])
    out = capsys.readouterr().out
    assert code == 1
    assert sch113(out) == expected(text), out


@pytest.mark.parametrize("name", sorted(SAFE))
def test_safe_workflows_are_not_reported(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    write(repo, WF, SAFE[name])
    main([WF])
    out = capsys.readouterr().out
    assert sch113(out) == [], out


def test_message_names_the_head_and_what_runs_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, WF, FOUND["workflow_run head_sha through job env"])
    assert main([WF]) == 1
    (line,) = [line for line in capsys.readouterr().out.splitlines() if " SCH113 " in line]
    assert line == (
        f"{WF}:13:16: SCH113 checkout `ref:` brings pull-request code "
        "(env.HEAD (github.event.workflow_run.head_sha)) into job `coverage` of a "
        "`workflow_run` workflow, and line 14 runs it "
        "(`the local action `./.github/actions/setup-python``): a fork's code runs with "
        "the base repository's secrets and write token"
    )


def test_sparse_checkout_keeps_sch111_honest(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, WF, SAFE["sparse checkout of data read by a pinned action"])
    code, out = main([WF]), capsys.readouterr().out
    assert code == 1
    assert "DANGEROUS" not in out
    assert "pull-request code (line 9), but no later step of that job runs it" in out


def test_suppressed_with_a_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = FOUND["comment /test checks out refs/pull/N/head"].replace(
        MARK, "  # supply-chain-hooks: ignore[SCH113] runs in a sandboxed runner group"
    )
    write(repo, WF, text)
    assert passed((main([WF]), capsys.readouterr().out))


def test_corpus_findings_are_at_known_places(corpus: Corpus) -> None:
    """Every privileged workflow of the corpus: SCH113 only where pull-request code runs."""
    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.github.rules import privileged_pr_code
    from supply_chain_hooks.source import read
    from supply_chain_hooks.yaml_doc import parse

    reported = {}
    privileged = 0
    for path in corpus.files(".github/workflows/*.yml", ".github/workflows/*.yaml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if not re.search(r"issue_comment|workflow_run|pull_request_target", text):
            continue
        privileged += 1
        document = parse(read(str(path)))
        findings = list(privileged_pr_code.check(WorkflowContext(document)))
        if findings:
            reported[corpus.relative(path)] = [finding.location.line for finding in findings]
    assert privileged >= 10, "the corpus must hold privileged workflows"
    assert reported == CORPUS_FINDINGS


#: Reviewed by hand: each is a privileged job that checks out or downloads pull-request code
#: and then runs a command in the workspace. The corpus's other privileged workflows (comment
#: bots, `workflow_run` deployers reading artifacts as data, sherlock's fetch of one JSON file
#: with `git show`, poetry's sparse docs checkout, black's artifact in `$RUNNER_TEMP`,
#: conda's canary build guarded by `workflow_run.event != 'pull_request'`) are not reported.
CORPUS_FINDINGS: dict[str, list[int]] = {
    # the deliberately vulnerable example: checkout of head.sha, then `npm install`
    "woodruffw__gha-hazmat/.github/workflows/pull-request-target.yml": [32],
}
