"""A report's run: papermill executes its notebook with its parameters in the project's kernel
(kernel/provisioner.py), nbconvert exports the page, and both files are written together, so
nothing in reports/ changes unless the whole run succeeded. The exporter is made once per
process (warm), before the runner forks its children (report/runner.py)."""

from functools import cache
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from tradeclaims import paths
from tradeclaims.files import write_together
from tradeclaims.kernel.provisioner import KERNEL, ReadyKernelManager
from tradeclaims.report import provenance
from tradeclaims.report.config import Report

FAILED = paths.BUILD / "failed"


class ReportFailed(RuntimeError):
    pass


def execute(report: Report) -> nbformat.NotebookNode:
    """Execute the notebook; on failure keep the executed copy in build/failed/ and say which
    cell failed. papermill writes that copy when a cell fails and once at the end, not after
    every cell as it does by default (24 writes of the notebook, 0.1 s a report)."""
    FAILED.mkdir(parents=True, exist_ok=True)
    failed = FAILED / f"{report.name}.ipynb"
    try:
        nb = papermill.execute_notebook(
            str(report.notebook), str(failed), parameters=report.parameters, kernel_name=KERNEL,
            cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, kernel_manager_class=ReadyKernelManager)
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


def warm():
    """Export a one-cell notebook, so the template, the code highlighter and the HTML
    clean-up (and its table of entities, which an `&` brings in) are compiled before the
    children fork, once for all of them."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 & 2")])
    nb.metadata.language_info = {"name": "python", "pygments_lexer": "ipython3"}
    to_html(nb, "warm-up")
    provenance.warm()  # lib/ and the data hashed, the registry cut: once for all the children


def run(report: Report):
    inputs = provenance.page_inputs(report)  # as the kernel is about to read them
    nb = execute(report)
    notebook_text = nbformat.writes(nb) + "\n"
    html = to_html(nb, report.title, inputs)
    paths.REPORTS.mkdir(exist_ok=True)
    # the page last: make dates the pair by it (files.py)
    write_together((report.ipynb, notebook_text), (report.html, html))
