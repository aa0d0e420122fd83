"""Independent jobs in more than one process, for a run that only reads (no --fix).

A run of every hook is mostly Python: importing each hook's code and checking its files.
Threads would take turns on one interpreter lock, so the run forks: the parent and its
children take job indices from one pipe (a one-byte read is atomic, so each index goes to
exactly one process) and each child sends its results back pickled. The import of a
hook's domain code happens in the process that runs it, so start-up is shared out too.

The parent runs first the jobs it must keep (those that started background work, a git
command only their own process can wait for), then takes from the queue like the others.
Whatever a child could not deliver (it died, or its result did not pickle) is run again
in the parent, so a lost child costs time, never a finding. By default this is done on
Linux, one process per CPU; ``SUPPLY_CHAIN_HOOKS_JOBS=N`` sets the number (on other systems
with ``os.fork`` too: macOS system libraries may not survive a fork, so only when asked).
Without ``os.fork`` (Windows), with one CPU, with other threads running, or with
``SUPPLY_CHAIN_HOOKS_JOBS=1``, everything runs in order in this process.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, TypeVar

    _R = TypeVar("_R")

#: At most this many processes (the queue holds indices as single bytes, too).
MAX_WORKERS = 8


#: The environment variable that caps the processes (1: everything in this one).
JOBS_VARIABLE = "SUPPLY_CHAIN_HOOKS_JOBS"


def workers(jobs: int) -> int:
    """How many processes to run jobs in (1: run them here, in order): one per CPU this
    process may use, or ``SUPPLY_CHAIN_HOOKS_JOBS`` when set."""
    if jobs < 2 or not hasattr(os, "fork"):
        return 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return 1  # forking with other threads running can copy a held lock
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        cpus = int(wanted)
    elif not sys.platform.startswith("linux"):
        # Elsewhere (macOS) system libraries may not survive a fork: only when asked.
        return 1
    else:
        affinity = getattr(os, "sched_getaffinity", None)
        cpus = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(1, min(cpus, jobs, MAX_WORKERS))


def run(
    count: int,
    call: Callable[[int], _R],
    *,
    first: Sequence[int] = (),
    order: Sequence[int] | None = None,
) -> list[_R]:
    """``[call(i) for i in range(count)]``, computed in up to :func:`workers` processes.

    ``first`` are run by this process before anything else; the others are handed out in
    ``order`` (default: by index), most expensive first for an even share.
    """
    processes = workers(count)
    if processes < 2 or count > 255:
        return [call(index) for index in range(count)]
    pinned = list(dict.fromkeys(first))
    queued = [index for index in (order or range(count)) if index not in pinned]
    results: dict[int, _R] = {}
    queue_read, queue_write = os.pipe()
    try:
        os.write(queue_write, bytes(queued))  # far below a pipe's capacity
    finally:
        os.close(queue_write)
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int]] = []
    try:
        for _ in range(processes - 1):
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(result_read)
                _child(queue_read, result_write, call)
            os.close(result_write)
            children.append((pid, result_read))
        for index in pinned:
            results[index] = call(index)
        while (taken := _take(queue_read)) is not None:
            results[taken] = call(taken)
        while children:
            results.update(_collect(*children.pop(0)))
    finally:
        os.close(queue_read)
        for pid, result_read in children:  # only when this process is leaving with an error
            _abandon(pid, result_read)
    for index in range(count):  # what a lost child could not deliver
        if index not in results:
            results[index] = call(index)
    return [results[index] for index in range(count)]


def _take(queue: int) -> int | None:
    data = os.read(queue, 1)
    return data[0] if data else None


def _child(queue: int, out: int, call: Callable[[int], object]) -> None:  # pragma: no cover
    """Run jobs from the queue and send back ``{index: result}`` with what they printed
    (the parent prints it: its streams may not be this process's file descriptors, as
    under pytest); never returns."""
    import io
    import pickle

    status = 0
    results: dict[int, object] = {}
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()
    try:
        while (index := _take(queue)) is not None:
            results[index] = call(index)
        outcome: tuple[str, object] = ("done", results)
    except BaseException as error:  # noqa: BLE001 - the parent raises it again
        status = 1
        outcome = ("raise", error)
    printed = (sys.stdout.getvalue(), sys.stderr.getvalue())
    try:
        payload = pickle.dumps((*outcome, *printed), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a result that does not pickle: the parent runs it
        status = 1
        payload = pickle.dumps(("done", {}, "", ""))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view) :]
        os.close(out)
    finally:
        os._exit(status)


def _collect(pid: int, result_read: int) -> dict[int, Any]:
    """A child's results (empty when it delivered none), after printing what its jobs
    printed; raises what the child raised."""
    import pickle

    chunks = []
    try:
        while chunk := os.read(result_read, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(result_read)
        os.waitpid(pid, 0)
    try:
        kind, value, out, err = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child
    except Exception:  # noqa: BLE001 - nothing (or half) delivered: the parent runs it
        return {}
    sys.stdout.write(out)
    sys.stderr.write(err)
    if kind == "raise":
        raise value
    results: dict[int, Any] = value
    return results


def _abandon(pid: int, result_read: int) -> None:
    import contextlib
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    os.close(result_read)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
