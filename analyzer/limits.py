"""Per-file time limit, so that no file can hang a run.

:func:`time_limit` bounds the work done inside it to ``seconds`` of wall-clock time and raises
:class:`~analyzer.errors.InputError` with ``kind="timeout"`` when it runs out. In the main thread of a
process (the CLI; each worker of a process pool) it uses ``signal.setitimer`` — no extra process, no
cost — and restores any timer that was set before. Elsewhere (a worker *thread*), signals cannot be
used, so :func:`call_with_limit` runs the call in a child process and stops it when time runs out.

Default: :data:`DEFAULT_TIMEOUT` seconds per file (``IngestOptions.timeout``; CLI ``--timeout``).
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from analyzer.errors import InputError

DEFAULT_TIMEOUT = 60.0
RETRY = 0.1  # seconds between repeats of an alarm whose exception was lost (see time_limit)


class _Expired(BaseException):
    """Raised by the alarm handler. A BaseException so that readers' ``except Exception`` clauses
    (pdfminer raises many types on broken files) cannot swallow it."""


def _message(seconds: float) -> str:
    return f"reading and analysing took longer than the time limit of {seconds:g} s (raise it with --timeout)"


def signals_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, name: str) -> Iterator[None]:
    """Bound the enclosed block to ``seconds`` (no limit when None or when signals are unusable)."""
    if not seconds or not signals_usable():
        yield
        return
    token = object()
    state = {"fired": False, "closing": False}

    def _handler(signum, frame):
        if state["closing"]:
            return
        state["fired"] = True
        raise _Expired(token)

    old_handler = signal.signal(signal.SIGALRM, _handler)
    old_delay, _old_interval = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    delay = seconds if not old_delay else min(seconds, old_delay)
    # the alarm repeats every RETRY seconds: an exception raised where Python can only print it (the alarm
    # landing in a destructor, ``ZipFile.__del__`` say) is lost, and the next alarm stops the work instead
    signal.setitimer(signal.ITIMER_REAL, delay, RETRY)
    try:
        yield
    except _Expired as exc:
        state["closing"] = True
        if exc.args and exc.args[0] is token:
            raise InputError(name, _message(seconds), kind="timeout") from None
        raise
    finally:
        state["closing"] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:
            left = old_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
    if state["fired"]:  # the work ended before a repeat could stop it, but after the time limit
        raise InputError(name, _message(seconds), kind="timeout")


def _child(conn, fn, args, kwargs):  # pragma: no cover - runs in the child process
    try:
        conn.send(("ok", fn(*args, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
        conn.send(("err", exc))
    finally:
        conn.close()


def call_with_limit(fn: Callable[..., Any], *args: Any, seconds: float | None, name: str, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` bounded to ``seconds``: with a signal timer in a main thread, else in a
    child process that is terminated when the time is up."""
    if not seconds or signals_usable():
        with time_limit(seconds, name):
            return fn(*args, **kwargs)
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, kwargs), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise InputError(name, _message(seconds), kind="timeout")
        status, value = parent.recv()
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        parent.close()
    if status == "err":
        raise value
    return value
