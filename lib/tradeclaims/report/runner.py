"""Run reports, each in a child forked from one process that has imported papermill and
nbconvert and compiled the page template once (report/pipeline.py): on the 2-core machine,
`make -j2 reports` from scratch took 27.4 s and 47 s of CPU with a process per report, 20.8 s
and 30 s with one forking runner (docs/internals.md). Each child's kernel is in turn forked from
one prepared process (report/kernels.py).

Under make, each page's recipe is `python -m tradeclaims run --make PID NAME`, PID the make's:
the first page of a make starts the runner its other pages share (serve), which ends with that
make. Each recipe hands the runner the page's name with its own stdout and stderr, and waits
for the page's exit status: make schedules the pages (-jN), stops after a failure and shows each
page's output as its own. Without --make the reports run here, --jobs at a time."""

import contextlib
import os
import select
import signal
import socket
import sys
import time
from functools import partial
from pathlib import Path

from tradeclaims import paths
from tradeclaims.errors import InputError, explain


def shared(name: str, make: int) -> int:
    """Run one report in the runner that make `make` shares; the report's exit status."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the page's child says how Ctrl-C left it
    with _connection(f"\0tradeclaims-runner-{make}", make) as conn:  # abstract: no file
        socket.send_fds(conn, [name.encode()], [sys.stdout.fileno(), sys.stderr.fileno()])
        conn.shutdown(socket.SHUT_WR)
        answer = conn.recv(16)
    if not answer:
        print(f"error: report {name}: the runner ended before the report", file=sys.stderr)
        return 1
    if (code := int(answer)) < 0:
        print(f"error: report {name}: its run was killed by signal {-code}", file=sys.stderr)
    return 1 if code < 0 else code


def _connection(address: str, make: int) -> socket.socket:
    """Connected to the runner, which the first page to find none starts."""
    while True:
        conn = socket.socket(socket.AF_UNIX)
        try:
            conn.connect(address)
            return conn
        except ConnectionRefusedError:
            conn.close()
        listener = socket.socket(socket.AF_UNIX)
        try:
            listener.bind(address)
        except OSError:  # another page of this make is starting it
            listener.close()
            time.sleep(0.005)
            continue
        listener.listen(64)
        sys.stdout.flush()
        if os.fork() == 0:  # in make's process group still: Ctrl-C and kill -9 reach it
            code = 1
            try:
                code = serve(listener, make)
            finally:
                os._exit(code)
        listener.close()


def serve(listener: socket.socket, make: int) -> int:
    """The runner a make's pages share: one child per page asked for, until that make ends."""
    from tradeclaims import fastimport  # noqa: F401  (before nbformat)
    from tradeclaims.report import kernels

    signal.signal(signal.SIGINT, _on_ctrl_c)  # forked children inherit it
    made = os.pidfd_open(make)
    running: dict[int, tuple[int, socket.socket]] = {}  # by each child's pidfd: pid, page
    with kernels.prepared(str(paths.NOTEBOOKS)):
        from tradeclaims.report import pipeline

        pipeline.warm()
        try:
            ended = False
            while running or not ended:
                ready = select.select([listener, *running, *([] if ended else [made])], [], [])[0]
                ended = ended or made in ready
                if listener in ready:
                    conn, _ = listener.accept()
                    name, fds, _, _ = socket.recv_fds(conn, 1024, 2)
                    pid = _fork(partial(_page, name.decode(), fds, listener), *fds)
                    running[os.pidfd_open(pid)] = pid, conn
                for pidfd in [fd for fd in ready if fd in running]:
                    _answer(pidfd, *running.pop(pidfd))
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            for pid, _ in running.values():  # Ctrl-C reaches them too; a kill -INT of this
                os.kill(pid, signal.SIGINT)  # process alone not
            for pidfd, (pid, conn) in running.items():
                _answer(pidfd, pid, conn)
            return 130
    return 0


def _fork(work, *close) -> int:
    """A child that does `work` and ends in os._exit with its status, never returning into
    the parent's loop nor running the parent's clean-up (the kernel folder its siblings use);
    the parent closes `close` (file descriptors or sockets) it no longer needs."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = work()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    for item in close:
        item.close() if hasattr(item, "close") else os.close(item)
    return pid


def _page(name: str, fds: list[int], listener: socket.socket) -> int:
    """A page asked for by make's recipe, written to the recipe's stdout and stderr."""
    from tradeclaims.report import config

    listener.close()  # a child must not answer for the runner
    for target, fd in enumerate(fds, start=1):
        os.dup2(fd, target)
        os.close(fd)
    try:
        report = config.chosen([name])[name]
    except InputError as exc:
        print(explain(exc), file=sys.stderr)
        return 2
    return _child(name, report)


def _answer(pidfd: int, pid: int, conn: socket.socket):
    """Tell the page's recipe how its child ended."""
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    os.close(pidfd)
    with conn, contextlib.suppress(OSError):  # OSError: the recipe has gone
        conn.sendall(str(code).encode())


def main(reports: dict, jobs: int = 1) -> int:
    """Run the reports (as config.chosen() gives them) here, each in a child, at most `jobs`
    at a time; inside kernels.prepared(). After a failure no new report starts (as make
    stops); the running ones finish."""
    from tradeclaims.report import pipeline

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored, as in a
        signal.signal(signal.SIGINT, _on_ctrl_c)  # background job; children inherit it
    pipeline.warm()
    pending, running, status = list(reports), {}, 0
    try:
        while pending or running:
            while pending and len(running) < jobs and not status:
                name = pending.pop(0)
                running[_fork(partial(_child, name, reports[name]))] = name
            if not running:
                break
            pid, wait_status = os.wait()
            name, code = running.pop(pid), os.waitstatus_to_exitcode(wait_status)
            if code < 0:
                print(f"error: report {name}: its run was killed by signal {-code}; "
                      f"{paths.relative(reports[name].html)} is unchanged", file=sys.stderr)
            status = max(status, 1 if code < 0 else code)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for pid in running:  # Ctrl-C reaches them too; a kill -INT of this process alone not
            os.kill(pid, signal.SIGINT)
        for pid in running:
            os.waitpid(pid, 0)
        return 130
    if pending:
        print(f"not started after the failure: {', '.join(pending)}", file=sys.stderr)
    return status


def _on_ctrl_c(signum, frame):
    """Ctrl-C kills this process's kernels first, then interrupts as Python does: nbclient's
    clean-up would otherwise ask a kernel in the middle of a cell to shut down, and the kernel
    print a traceback when the cell's reply found its sockets closed."""
    from tradeclaims.report import provisioner

    provisioner.stop_all()
    raise KeyboardInterrupt


def _child(name: str, report) -> int:
    """A report's run in a forked child, and how it went: the exit status make would see."""
    from tradeclaims.report import pipeline

    before = _dated(report.html)  # to tell an interrupt from one held until the page was written
    try:
        pipeline.run(report)
    except pipeline.ReportFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (InputError, OSError) as exc:
        print(explain(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # once, or a second time (Ctrl-C reaches the child, then the
        return _interrupted(name, report.html, before)  # parent forwards it) in the first's
    except BaseException as exc:  # a bug: say so, and let the siblings finish
        print(f"error: report {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {paths.relative(report.html)}")
    return 0


def _dated(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _interrupted(name: str, html: Path, before: tuple | None) -> int:
    from tradeclaims.report import provisioner

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
    provisioner.stop_all()  # before their folder goes: a live kernel writes into it
    if _dated(html) == before:
        print(f"interrupted: report {name} was not written; "
              f"{paths.relative(html)} is unchanged", file=sys.stderr)
    else:  # Ctrl-C came while the two files were renamed, and waited for both
        print(f"interrupted: report {name} was written, then stopped: "
              f"{paths.relative(html)} and its notebook are new", file=sys.stderr)
    return 130
