"""Run reports, each in a child forked from one process that has imported papermill and
nbconvert and compiled the page template once (report/pipeline.py): `make -j2 reports` took
27.4 s (47 s of CPU) with a process per report, 20.8 s (30 s) so (docs/internals.md). Each
child's kernel is in turn forked from one prepared process (kernel/forks.py).

Each page's recipe is `python -m tradeclaims run --make PID NAME`, PID the make's: the first
page of a make starts the runner its other pages share (serve), which ends with that make. A
recipe hands the runner the page's name with its own stdout and stderr, and waits for the page's
exit status: make schedules the pages (-jN), stops after a failure and shows each page's output
as its own. Without --make the reports run one after another (main)."""

import contextlib
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

from tradeclaims import paths
from tradeclaims.digests import dated
from tradeclaims.errors import InputError, explain

# What a report's kernel imports on its way, which the fork server imports once: the notebooks'
# modules, and what ipykernel's debugger, IPython's history, charts and tables import first use
PRELOAD = ("ipykernel.kernelapp", "ipykernel.debugger", "IPython.core.completerlib", "sqlite3",
           "pandas", "pandas.io.formats.html", "pandas.plotting._matplotlib",
           "matplotlib.pyplot", "matplotlib.backends.backend_agg", "seaborn",
           "tradeclaims.report.present")


def prepared():
    """This build's kernel folder and fork server (kernel/forks.py), for reports."""
    from tradeclaims.kernel import forks

    return forks.prepared(str(paths.NOTEBOOKS), PRELOAD, f"{__name__}:read_once")


def read_once():
    """What every kernel reads, read once in the fork server: the dataset, the registry parsed
    (csvfile.parse_rows), the page templates compiled, country_converter's table, PIL's image
    plug-ins. Each kernel gets its own copy (a fork), so what one report changes in them never
    reaches another."""
    import PIL.Image

    from tradeclaims.claims.registry import load_claims
    from tradeclaims.data import codes
    from tradeclaims.report import lookups, pages

    codes.iso3_codes()
    lookups.dataset()
    load_claims(article_id="")  # each kernel then checks its own article's rows only
    for template in ("macros.html.j2", "tables.html.j2"):
        pages.environment().get_template(template)
    PIL.Image.preinit()


_chosen: dict = {}  # the reports main() was given, by name


def shared(name: str, make: int) -> int:
    """Run one report in the runner that make `make` shares; the report's exit status."""
    # the page's child says how Ctrl-C left it; the runner handles Ctrl-C unless it is ignored
    interruptible = signal.signal(signal.SIGINT, signal.SIG_IGN) is signal.default_int_handler
    with _connection(f"\0tradeclaims-runner-{make}", make, interruptible) as conn:
        socket.send_fds(conn, [name.encode()], [sys.stdout.fileno(), sys.stderr.fileno()])
        conn.shutdown(socket.SHUT_WR)
        answer = conn.recv(16)
    code = int(answer) if answer else None  # None: the runner ended first
    if code is None or code < 0:
        how = "stopped with the runner" if code is None else f"killed by signal {-code}"
        print(f"error: report {name}: its run was {how}; reports/{name}.html is unchanged",
              file=sys.stderr)
    return 1 if code is None or code < 0 else code


def start(make: int) -> int:
    """Start the runner of make `make` (if no page has), and return at once."""
    interruptible = signal.signal(signal.SIGINT, signal.SIG_IGN) is signal.default_int_handler
    _connection(f"\0tradeclaims-runner-{make}", make, interruptible).close()
    return 0


def _connection(address: str, make: int, interruptible: bool) -> socket.socket:
    """Connected to the runner (an abstract socket: no file), which the first page starts."""
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
                code = serve(listener, make, interruptible)
            finally:
                os._exit(code)
        listener.close()


def serve(listener: socket.socket, make: int, interruptible: bool) -> int:
    """The runner a make's pages share: one child per page asked for, until that make ends."""
    from tradeclaims import fastimport  # noqa: F401  (before nbformat)

    if interruptible:  # not ignored, as in a background job; forked children inherit it
        signal.signal(signal.SIGINT, _on_ctrl_c)
    made = os.pidfd_open(make)
    running: dict[int, tuple[int, socket.socket]] = {}  # by each child's pidfd: pid, page
    with prepared():
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
                    if not name:  # start(): no page
                        conn.close()
                        continue
                    if (pid := os.fork()) == 0:  # never returns into this loop
                        _page(name.decode(), fds, listener)
                    for fd in fds:
                        os.close(fd)
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


def _page(name: str, fds: list[int], listener: socket.socket):
    """A forked child's life: the page a recipe asked for, written to the recipe's stdout and
    stderr; it ends in os._exit, never running the runner's clean-up (the kernels' folder)."""
    code = 1
    try:
        from tradeclaims.report import config, pipeline

        listener.close()  # a child must not answer for the runner
        for target, fd in enumerate(fds, start=1):
            os.dup2(fd, target)
            os.close(fd)
        html = paths.REPORTS / f"{name}.html"
        before = dated(html)  # to tell an interrupt from one held until the page was written
        try:
            pipeline.run(_chosen.get(name) or config.chosen([name])[name])
        except pipeline.ReportFailed as exc:
            print(f"error: {exc}", file=sys.stderr)
        except (InputError, OSError) as exc:
            print(explain(exc), file=sys.stderr)
            code = 2
        except KeyboardInterrupt:  # once, or a second time (Ctrl-C reaches the child, then
            code = _interrupted(name, html, before)  # the runner forwards it) in the first's
        except BaseException as exc:  # a bug: say so, and let the siblings finish
            print(f"error: report {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        else:
            print(f"wrote {paths.relative(html)}")
            code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _answer(pidfd: int, pid: int, conn: socket.socket):
    """Tell the page's recipe how its child ended."""
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    os.close(pidfd)
    with conn, contextlib.suppress(OSError):  # OSError: the recipe has gone
        conn.sendall(str(code).encode())


def main(reports: dict) -> int:
    """Run the reports (config.chosen) one after another in a runner that ends with this
    process and inherits them from it; the first failure stops the rest."""
    _chosen.update(reports)
    for name in reports:
        if status := shared(name, os.getpid()):
            return status
    return 0


def _on_ctrl_c(signum, frame):
    """Ctrl-C kills this process's kernels, then interrupts: nbclient's clean-up would ask a
    kernel in the middle of a cell to shut down, which printed a traceback."""
    from tradeclaims.kernel import provisioner

    provisioner.stop_all()
    raise KeyboardInterrupt


def _interrupted(name: str, html: Path, before: tuple | None) -> int:
    from tradeclaims.kernel import provisioner

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
    provisioner.stop_all()  # before their folder goes: a live kernel writes into it
    if dated(html) == before:
        print(f"interrupted: report {name} was not written; "
              f"{paths.relative(html)} is unchanged", file=sys.stderr)
    else:  # Ctrl-C came while the two files were renamed, and waited for both
        print(f"interrupted: report {name} was written, then stopped: "
              f"{paths.relative(html)} and its notebook are new", file=sys.stderr)
    return 130
