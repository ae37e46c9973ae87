"""Run a report: papermill executes the notebook with its parameters, nbconvert exports HTML,
both in one process. Nothing in reports/ changes unless the whole run succeeded."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from tradeclaims import paths
from tradeclaims.files import write_atomic
from tradeclaims.report.config import CONFIG, Report, check_parameters, load_config

KERNEL = "tradeclaims"
FAILED = paths.BUILD / "failed"


class IsolatedKernelManager(AsyncKernelManager):
    """Kernels talk over IPC sockets in a private directory, so parallel runs (make -j) never
    race for the same TCP port. The directories live under `socket_root`, which main() removes
    on every way out, Ctrl-C included."""

    socket_root: str | None = None
    started: list["IsolatedKernelManager"] = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        IsolatedKernelManager.started.append(self)
        self.transport = "ipc"
        # short names: a socket's whole path must fit in 107 bytes
        self._socket_dir = tempfile.mkdtemp(prefix="k", dir=self.socket_root)
        self.ip = os.path.join(self._socket_dir, "kernel")
        self.connection_file = os.path.join(self._socket_dir, "kernel.json")

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client sends SIGINT before every shutdown; our kernel is idle by then, and the
        # signal only makes ipykernel print "KeyboardInterrupt caught in kernel" into the build.
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


class ReportFailed(RuntimeError):
    pass


def execute(report: Report, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Execute the notebook; on failure keep the executed copy in build/failed/ and say which
    cell failed."""
    FAILED.mkdir(parents=True, exist_ok=True)
    failed = FAILED / f"{report.name}.ipynb"
    params = {**report.parameters, **(parameters or {})}
    try:
        nb = papermill.execute_notebook(
            str(report.notebook), str(failed), parameters=params, kernel_name=KERNEL,
            cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
            kernel_manager_class=IsolatedKernelManager)
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


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """Self-contained HTML for reviewers, from the nbconvert template `report` (JupyterLab's
    page with the code hidden behind a button and no script fetched from the network), without
    the parameter cells; images inline."""
    exporter = HTMLExporter(template_name="report", exclude_input_prompt=True,
                            exclude_output_prompt=True,
                            extra_template_basedirs=[str(TEMPLATES / "nbconvert")])
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters"}),
        enabled=True)
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return html


def run(report: Report, parameters: dict | None = None):
    nb = execute(report, parameters)
    notebook_text = nbformat.writes(nb) + "\n"
    html = to_html(nb, report.title)
    paths.REPORTS.mkdir(exist_ok=True)
    write_atomic(report.ipynb, notebook_text)
    write_atomic(report.html, html)


def _stop_kernels():
    """Kill the kernels of this run that an interrupt left running."""
    for manager in IsolatedKernelManager.started:
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def main(names: list[str]) -> int:
    reports = load_config()
    unknown = [name for name in names if name not in reports]
    if unknown:
        print(f"error: no report {', '.join(map(repr, unknown))} in {paths.relative(CONFIG)} "
              f"(known: {', '.join(reports)})", file=sys.stderr)
        return 2
    check_parameters({name: reports[name] for name in names})
    with tempfile.TemporaryDirectory(prefix="tradeclaims-") as sockets:
        IsolatedKernelManager.socket_root = sockets
        for name in names:
            try:
                run(reports[name])
            except ReportFailed as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                _stop_kernels()  # before their folder goes: a live kernel writes into it
                print(f"interrupted: report {name} was not written; "
                      f"{paths.relative(reports[name].html)} is unchanged", file=sys.stderr)
                return 130
            print(f"wrote {paths.relative(reports[name].html)}")
    return 0
