"""Run a report: papermill executes the notebook with its parameters, nbconvert exports HTML,
both in one process. Nothing in reports/ changes unless the whole run succeeded."""

import os
import re
import shutil
import sys
import tempfile

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


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """Self-contained HTML for reviewers: code hidden (a button shows it), no parameter cells,
    images inline, no scripts fetched from the network."""
    exporter = HTMLExporter(exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"parameters", "injected-parameters"}),
        enabled=True)
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    html = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", html)
    html = re.sub(r"<body([^>]*)>", r'<body\1 data-code="hidden">' + _CODE_TOGGLE, html,
                  count=1)
    return html.replace("</head>", _CODE_STYLE + "</head>", 1)


_CODE_STYLE = """<style>
body[data-code="hidden"] .jp-CodeCell .jp-Cell-inputWrapper,
body[data-code="hidden"] .jp-CodeCell.jp-mod-noOutputs { display: none; }
.jp-RenderedHTMLCommon table.tc-verdicts td, .jp-RenderedHTMLCommon table.tc-verdicts th,
.jp-RenderedHTMLCommon table.tc-data td, .jp-RenderedHTMLCommon table.tc-data th {
  text-align: left; vertical-align: top; }
.jp-RenderedHTMLCommon table.tc-verdicts td.n, .jp-RenderedHTMLCommon table.tc-data td.n {
  text-align: right; font-variant-numeric: tabular-nums; }
#code-toggle { position: fixed; top: 0.6em; right: 0.6em; z-index: 10; font: 13px sans-serif;
  padding: 0.3em 0.8em; border: 1px solid #999; border-radius: 4px; background: #fff; }
@media print { #code-toggle { display: none; } }
</style>
"""
_CODE_TOGGLE = ("\n<button id=\"code-toggle\" onclick=\"var b=document.body;"
                "b.dataset.code=b.dataset.code==='hidden'?'shown':'hidden'\">"
                "Show or hide the code</button>\n")


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
