"""Run reports: papermill executes each notebook with its parameters, nbconvert exports HTML.
Nothing in reports/ changes unless a report's whole run succeeded.

Several reports run in one process that imports papermill and nbconvert and compiles the page
template once, then forks one child per report, `jobs` at a time (make -jN gives N). Measured
on the 2-core machine, `make -j2 reports` from scratch: one process per report 27.4 s of wall
time and 47 s of CPU; one forking runner 20.8 s and 30 s (docs/internals.md). Each report's
kernel is in turn forked from one prepared process (report/kernels.py)."""

import dataclasses
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from queue import Empty

import nbformat
import papermill
import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.utils import ensure_async, run_sync
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from tradeclaims import paths
from tradeclaims.errors import InputError, explain
from tradeclaims.files import write_together
from tradeclaims.report import kernels, provenance
from tradeclaims.report.config import Report
from tradeclaims.report.kernels import KERNEL

FAILED = paths.BUILD / "failed"


# A client or manager connects its sockets before the kernel has bound them, and zmq tries again
# after RECONNECT_IVL, 100 ms by default: every page waited that long for the kernel's first
# answer (and a short one as long again for its shutdown). Kernels here bind in milliseconds.
RECONNECT_MS = 10


def _reconnect_quickly(context: zmq.Context) -> None:
    context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # for the sockets made after this


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel answers kernel_info and IOPub is
    connected. jupyter_client then also waits until IOPub has been quiet for 0.2 s, to drop
    the status messages of its kernel_info requests; nbclient and nbval skip them anyway (they
    read only messages whose parent is their own request), and the wait cost each page 0.2 s."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _reconnect_quickly(self.context)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))  # connected
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class BlockingReadyClient(BlockingKernelClient):
    """The same for a caller that drives its kernel synchronously (nbval, in tests/)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _reconnect_quickly(self.context)

    wait_for_ready = run_sync(ReadyClient.wait_for_ready)


class _Isolated:
    """Kernels talk over IPC sockets in a private directory, so parallel runs (make -j) never
    race for the same TCP port. The directories live under `socket_root`, which
    kernels.prepared() removes on every way out, Ctrl-C included."""

    socket_root: str | None = None
    started: list["_Isolated"] = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _Isolated.started.append(self)
        _reconnect_quickly(self.context)  # its control channel, which shuts the kernel down
        self.transport = "ipc"
        # short names: a socket's whole path must fit in 107 bytes
        self._socket_dir = tempfile.mkdtemp(prefix="k", dir=self.socket_root)
        self.ip = os.path.join(self._socket_dir, "kernel")
        self.connection_file = os.path.join(self._socket_dir, "kernel.json")

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None:  # a fork of the prepared process, when there is one
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = kernels.ForkProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client sends SIGINT before every shutdown; our kernel is idle by then, and the
        # signal only makes ipykernel print "KeyboardInterrupt caught in kernel" into the build.
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def _async_finish_shutdown(self, waittime: float | None = None,
                                     pollinterval: float = 0.1, restart: bool = False) -> None:
        # a kernel ends a few milliseconds after its shutdown request; jupyter_client looks
        # every 0.1 s, which cost each page 0.1 s
        await super()._async_finish_shutdown(waittime, pollinterval=0.01, restart=restart)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


class IsolatedKernelManager(_Isolated, AsyncKernelManager):
    """What papermill and nbclient drive."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.client_factory = ReadyClient


class BlockingIsolatedKernelManager(_Isolated, KernelManager):
    """The same for a caller that drives its kernel synchronously (nbval, in tests/)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.client_factory = BlockingReadyClient


@contextmanager
def kernel_sockets(sockets: str | None = None):
    """Kernels started in this process get their sockets in `sockets`, the folder of
    kernels.prepared() (prepared here, with its fork server, when none is given); what was
    set before comes back on every way out (nested uses, in tests)."""
    if sockets is None:
        with kernels.prepared(str(paths.NOTEBOOKS)) as sockets, kernel_sockets(sockets):
            yield sockets
        return
    before, _Isolated.socket_root = _Isolated.socket_root, sockets
    try:
        yield sockets
    finally:
        _Isolated.socket_root = before


class ReportFailed(RuntimeError):
    pass


def execute(report: Report, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Execute the notebook; on failure keep the executed copy in build/failed/ and say which
    cell failed. papermill writes that copy when a cell fails and once at the end, not after
    every cell as it does by default (24 writes of the notebook, 0.1 s a report)."""
    FAILED.mkdir(parents=True, exist_ok=True)
    failed = FAILED / f"{report.name}.ipynb"
    params = {**report.parameters, **(parameters or {})}
    try:
        nb = papermill.execute_notebook(
            str(report.notebook), str(failed), parameters=params, kernel_name=KERNEL,
            cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, kernel_manager_class=IsolatedKernelManager)
    except papermill.PapermillExecutionError as exc:
        source = exc.source.strip().splitlines()
        raise ReportFailed(
            f"report {report.name}: {paths.relative(report.notebook)} failed in cell "
            f"{exc.cell_index} (In [{exc.exec_count}]: {source[0] if source else ''} …)\n"
            f"  {exc.ename}: {exc.evalue}\n"
            f"  the failed run is kept in {paths.relative(failed)}; "
            f"{paths.relative(report.html)} is unchanged") from None
    except (KeyboardInterrupt, ReportFailed):
        raise
    except Exception as exc:  # the kernel died, would not start, or the notebook is unreadable
        kept = f"the failed run is kept in {paths.relative(failed)}; " if failed.exists() else ""
        raise ReportFailed(
            f"report {report.name}: {paths.relative(report.notebook)} could not run\n"
            f"  {type(exc).__name__}: {str(exc).strip() or 'no message'}\n"
            f"  {kept}{paths.relative(report.html)} is unchanged") from None
    failed.unlink(missing_ok=True)
    return clean(nb)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between runs (times, durations, kernel ids, the random id papermill
    gives the cell it injects) so diffs show only real changes."""
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": pm.get("parameters", {})}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    return nb


TEMPLATES = Path(__file__).with_name("templates")


@cache
def _exporter() -> HTMLExporter:
    """One exporter per process: its template compiles once, and forked children share it."""
    exporter = HTMLExporter(template_name="report", exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            extra_template_basedirs=[str(TEMPLATES / "nbconvert")])
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters"}),
        enabled=True)
    return exporter


def to_html(nb: nbformat.NotebookNode, title: str, inputs: dict | None = None) -> str:
    """Self-contained HTML for reviewers, from the nbconvert template `report` (classic markup,
    the project's stylesheet, the code hidden behind a button, nothing fetched), without
    the parameter cells; images inline. Its heading says what the page rests on: the latest
    release its notebook cited (tc.sources) and the digests of its inputs (`inputs`:
    provenance.page_inputs)."""
    facts = [out.metadata["tradeclaims"] for cell in nb.cells for out in cell.get("outputs", [])
             if "tradeclaims" in out.get("metadata", {})]
    resources = {"metadata": {"name": title},
                 "tradeclaims": {**(facts[-1] if facts else {}),
                                 **({"inputs": provenance.shown(inputs)} if inputs else {})}}
    html, _ = _exporter().from_notebook_node(nb, resources=resources)
    return html


def _warm():
    """Export a one-cell notebook, so the template, the code highlighter and the HTML
    clean-up (and its table of entities, which an `&` brings in) are compiled before the
    children fork, once for all of them."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 & 2")])
    nb.metadata.language_info = {"name": "python", "pygments_lexer": "ipython3"}
    to_html(nb, "warm-up")
    provenance.warm()  # lib/ and the data hashed, the registry cut: once for all the children


def run(report: Report, parameters: dict | None = None):
    # the inputs as the kernel is about to read them
    inputs = provenance.page_inputs(dataclasses.replace(
        report, parameters={**report.parameters, **(parameters or {})}))
    nb = execute(report, parameters)
    notebook_text = nbformat.writes(nb) + "\n"
    html = to_html(nb, report.title, inputs)
    paths.REPORTS.mkdir(exist_ok=True)
    # the page last: make dates the pair by it (files.py)
    write_together((report.ipynb, notebook_text), (report.html, html))


def _stop_kernels():
    """Kill the kernels of this run that an interrupt left running."""
    for manager in _Isolated.started:
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def _on_ctrl_c(signum, frame):
    """Ctrl-C kills this run's kernels first, then interrupts as Python does: nbclient's
    clean-up would otherwise ask a kernel in the middle of a cell to shut down, and the kernel
    print a traceback when the cell's reply found its sockets closed."""
    _stop_kernels()
    raise KeyboardInterrupt


def jobs_from_make(makeflags: str | None = None) -> int:
    """How many reports to run at once: N under make -jN, one per CPU under make -j, else 1."""
    flags = os.environ.get("MAKEFLAGS", "") if makeflags is None else makeflags
    match = re.search(r"(?:^|\s)-j(\d*)(?:\s|$)", flags)
    if not match:
        return 1
    return int(match.group(1)) if match.group(1) else os.cpu_count() or 1


def _run_one(name: str, report: Report, before: tuple | None) -> int:
    """Run one report and say how it went; the exit status make would see. `before`: the
    page as it was (_dated), to tell an interrupt from one held until the page was written."""
    try:
        run(report)
    except ReportFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return _interrupted(name, report, before)
    print(f"wrote {paths.relative(report.html)}")
    return 0


def _dated(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _interrupted(name: str, report: Report, before: tuple | None) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up
    _stop_kernels()  # before their folder goes: a live kernel writes into it
    if _dated(report.html) == before:
        print(f"interrupted: report {name} was not written; "
              f"{paths.relative(report.html)} is unchanged", file=sys.stderr)
    else:  # Ctrl-C came while the two files were renamed, and waited for both
        print(f"interrupted: report {name} was written, then stopped: "
              f"{paths.relative(report.html)} and its notebook are new", file=sys.stderr)
    return 130


def _child(name: str, report: Report) -> int:
    """A forked child's whole life: it must end in os._exit, never return into the parent's
    loop nor run the parent's clean-up (the kernel folder its sibling still uses)."""
    before = _dated(report.html)
    try:
        return _run_one(name, report, before)
    except (InputError, OSError) as exc:
        print(explain(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # a second SIGINT (Ctrl-C reaches the child, then the parent
        return _interrupted(name, report, before)  # forwards it) landed in the first's handler
    except BaseException as exc:  # a bug: say so, and let the siblings finish
        print(f"error: report {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _run_forked(names: list[str], reports: dict[str, Report], jobs: int) -> int:
    """Each report in a child of this process, at most `jobs` at a time. After a failure no
    new report starts (as make stops); the running ones finish."""
    _warm()
    pending, running, status = list(names), {}, 0
    try:
        while pending or running:
            while pending and len(running) < jobs and not status:
                name = pending.pop(0)
                sys.stdout.flush()
                pid = os.fork()
                if pid == 0:
                    os._exit(_child(name, reports[name]))
                running[pid] = name
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


def main(reports: dict[str, Report], jobs: int | None = None, sockets: str | None = None
         ) -> int:
    """Run the reports (as config.chosen() gives them); `sockets`: the folder of
    kernels.prepared() this run is in (one is made when none is given)."""
    names = list(reports)
    jobs = jobs or jobs_from_make()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored, as in a
        signal.signal(signal.SIGINT, _on_ctrl_c)  # background job; forked children inherit it
    with kernel_sockets(sockets):
        if jobs > 1 and len(names) > 1:
            print(f"running {len(names)} reports, {jobs} at a time: {', '.join(names)}",
                  flush=True)
            return _run_forked(names, reports, jobs)
        for name in names:
            if status := _run_one(name, reports[name], _dated(reports[name].html)):
                return status
    return 0
