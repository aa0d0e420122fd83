"""## What it does
Reports the place where a job of a privileged workflow (triggered by `pull_request_target`,
`issue_comment` or `workflow_run`) brings a pull request's code into its workspace, when a
later step or command of the same job runs something that can execute it. The places are:

- an `actions/checkout` whose `ref:` or `repository:` names the pull request's head
  (`refs/pull/N/head` or `/merge`, `github.event.pull_request.head.sha|ref|repo.full_name`,
  `github.event.pull_request.merge_commit_sha`, `github.event.workflow_run.head_sha`,
  `head_branch` or `head_repository.full_name`, `github.head_ref`), directly or through an
  `env:` variable, a `$GITHUB_ENV`/`$GITHUB_OUTPUT` write, a step output, a job output
  (`needs.<job>.outputs.*`) or the outputs of `xt0rted/pull-request-comment-branch`; and a
  checkout with `allow-unsafe-pr-checkout: true` whose ref cannot be followed;
- in a `run:` script, `gh pr checkout`, and `git fetch`, `pull`, `checkout`, `switch`,
  `clone`, `reset`, `merge` or `worktree add` of such a ref (`$GITHUB_HEAD_REF` and shell
  variables set from such values included);
- a download of the triggering run's artifacts (`actions/download-artifact` or another
  `*download-artifact` action given `github.event.workflow_run.id`, `gh run download` of it,
  or `actions/github-script` calling `downloadArtifact` for the `workflow_run`).

"Runs" means a later `run:` command that is not in the short list of commands that only read
or move files (`echo`, `cat`, `jq`, `unzip`, `cp`, `git`, `gh`... see `READ_ONLY` in
`github/pr_code.py`), a local action (`uses: ./...`), an action that builds or tests the
workspace (`docker/build-push-action`, `pre-commit/action`, `pypa/cibuildwheel`...), or an
`actions/github-script` that `require`s a workspace file. When the code went into a folder
(`path:` of the checkout or download), only steps that mention that folder count. A job that
only reads the event, labels or comments, or that checks out pull-request files and hands
them to a pinned action that reads them as data, is not reported.

Not followed (so not reported): values computed at run time (an API call in
`actions/github-script`, `gh pr view` output not written with `echo name=value`), a reusable
workflow's `inputs`, a composite action's internals, and artifacts moved from one job to
another. `pull_request_review` and `pull_request_review_comment` are not checked: for a
fork's pull request they get a read-only token and no secrets, like `pull_request`.

## Why is this bad?
These triggers run with the base repository's secrets and a token that can write, for
events anyone can cause: opening a pull request from a fork, commenting `/test`, or
finishing a CI run on a fork's branch. Once the fork's code is in the workspace, a build,
an install or a test runs whatever the fork wrote (a `Makefile`, `setup.py`, a test, a
`package.json` script) with those privileges: the "pwn request".

## Example
```yaml
on: issue_comment
jobs:
  test:
    if: github.event.comment.body == '/test'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@<sha>  # v4
        with:
          ref: refs/pull/${{ github.event.issue.number }}/head  # SCH113
      - run: make test
```
Use instead: run the tests in a `pull_request` workflow (no secrets, read-only token), and
let the privileged workflow only read its results as data (an artifact holding a number or
a report, never executed).

## Fix safety
No fix: moving work out of a privileged workflow is a design change.

A reviewed exception stays with a reason on the reported line:
`ref: ${{ github.event.pull_request.head.sha }}  # supply-chain-hooks: ignore[SCH113] <reason>`.

## References
- GitHub Security Lab, "Keeping your GitHub Actions and workflows secure: Preventing pwn requests"
- GitHub Docs, "Events that trigger workflows" (`pull_request_target`, `issue_comment`, `workflow_run`)
- OpenSSF Scorecard `Dangerous-Workflow` (untrusted checkout); zizmor `dangerous-triggers`
"""

from __future__ import annotations

from supply_chain_hooks.model import FixAvailability, Rule

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Iterator

    from supply_chain_hooks.github.context import WorkflowContext
    from supply_chain_hooks.model import Finding

RULE = Rule(
    code="SCH113",
    name="privileged-pr-code",
    hook="forbid-pull-request-target",
    summary="privileged workflow brings pull-request code into a job that runs it",
    fix=FixAvailability.NONE,
    doc=__doc__,
)


def check(context: WorkflowContext) -> Iterator[Finding]:
    from supply_chain_hooks.github.pr_code import entries
    from supply_chain_hooks.model import Finding

    document = context.document
    source = document.source
    for entry in entries(document):
        if entry.runner is None:
            continue
        line = source.position(entry.runner[0])[0]
        ran = entry.runner[1]
        if len(ran) > 60:
            ran = ran[:57] + "..."
        message = (
            f"{entry.what} brings pull-request code ({entry.how}) into job `{entry.job}` "
            f"of a `{entry.event}` workflow, and line {line} runs it (`{ran}`): a fork's code "
            "runs with the base repository's secrets and write token"
        )
        location = source.location(entry.offset, entry.end)
        yield Finding(RULE, source.path, location, message)
