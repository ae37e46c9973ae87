"""A notebook edited in JupyterLab (`make lab`): it runs top to bottom from its own folder with
its parameters at their defaults, on the project's kernel; what Lab saves in it (outputs,
counts, the kernel's language_info) never reaches a commit, and no page depends on it."""

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from tradeclaims import paths
from tradeclaims.kernel import provisioner
from tradeclaims.report import pipeline, provenance
from tradeclaims.report.config import load_config
from workspace import Workspace

NOTEBOOKS = sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb"))
LEFT_BY_LAB = "an output Lab left in the notebook"


def save_as_lab_would(path: Path, edit: str = ""):
    """Write the notebook back as JupyterLab saves it after a run: every code cell with an
    execution count and outputs, the cells' timing metadata, the kernel's whole language_info;
    `edit` appended to the last code cell, as a change of the economist's own."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("stream", text=f"{LEFT_BY_LAB}\n"),
                        nbformat.v4.new_output("execute_result", {"text/plain": LEFT_BY_LAB},
                                               execution_count=count)]
        cell.metadata.execution = {"iopub.execute_input": "2026-12-01T10:00:00.000000Z"}
    code[-1].source += edit
    nb.metadata.language_info = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python",
                                 "codemirror_mode": {"name": "ipython", "version": 3},
                                 "file_extension": ".py", "pygments_lexer": "ipython3",
                                 "nbconvert_exporter": "python"}
    nbformat.write(nb, path)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_top_to_bottom_as_lab_runs_it(name, forked_kernels):
    """From its own folder, on the kernel its metadata names, with no parameter injected: the
    defaults of its `parameters` cell must be a valid report. Its kernel is forked after the
    imports, as the runner's are (fresh and forked kernels build the same pages byte for byte:
    tests/test_builds.py), from the fork server nbval uses in this process."""
    nb = nbformat.read(paths.NOTEBOOKS / name, as_version=4)
    # IPC sockets, as the runner's kernels: two test workers never race for a TCP port
    NotebookClient(nb, kernel_name=nb.metadata.kernelspec.name, timeout=600,
                   resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                   kernel_manager_class=provisioner.ReadyKernelManager).execute()
    errors = [out for cell in nb.cells for out in cell.get("outputs", [])
              if out.output_type == "error"]
    assert errors == [] and any(cell.get("outputs") for cell in nb.cells)


def test_make_lab_opens_on_the_project_kernel():
    """The kernel every notebook names is this environment's Python, and new notebooks get it."""
    spec = KernelSpecManager().get_kernel_spec(provisioner.KERNEL)
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    command = subprocess.run(["make", "-n", "lab"], cwd=paths.ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "--notebook-dir=notebooks" in command
    assert f"--MultiKernelManager.default_kernel_name={provisioner.KERNEL}" in command


def _git(copy: Workspace, *args: str) -> str:
    result = copy.run("git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.repository_copy
def test_what_lab_saves_never_reaches_a_commit(tmp_path):
    # a copy of the working tree, whose notebooks may hold what Lab saved in them: the filter
    # is set (`make env`, as a clone's first command) before anything is committed
    copy = Workspace(tmp_path / "repo")
    _git(copy, "init", "-q")
    result = copy.make("env")
    assert result.returncode == 0, result.stderr
    assert "nbstripout" in _git(copy, "config", "--local", "filter.nbstripout.clean")
    assert "tradeclaims.gitfilter" in _git(copy, "config", "--local", "filter.nbstripout.process")
    _git(copy, "add", ".gitattributes", "notebooks", "reports")  # what the filter concerns
    _git(copy, "commit", "-q", "-m", "as checked out")
    # in the copy's own .git/config, and the committed notebooks and reports are as filtered
    _git(copy, "add", "--renormalize", ".")
    assert _git(copy, "status", "--porcelain", "--untracked-files=no") == ""

    # the economist's edit starts from the notebook as committed, whatever the working file held
    notebook = copy.root / "notebooks" / "surplus.ipynb"
    before = nbformat.reads(_git(copy, "show", "HEAD:notebooks/surplus.ipynb"), as_version=4)
    before.cells[-1].metadata.tags = ["a-tag-of-the-economist"]  # kept, as `parameters` is
    nbformat.write(before, notebook)
    save_as_lab_would(notebook, edit="\n# a change of the economist's own")
    for diff in (_git(copy, "diff"), _git(copy, "diff", "--no-ext-diff")):  # nbdime, and text
        assert "a change of the economist's own" in diff
        assert LEFT_BY_LAB not in diff
        assert not re.search(r'"execution_count": \d|/execution_count', diff)  # text, nbdime
        assert "language_info" not in diff and "iopub" not in diff
    _git(copy, "commit", "-q", "-a", "-m", "an edit in Lab")
    # the working file keeps its outputs, and git sees nothing to commit
    assert _git(copy, "status", "--porcelain", "--untracked-files=no") == ""
    committed = nbformat.reads(_git(copy, "show", "HEAD:notebooks/surplus.ipynb"), as_version=4)
    assert [c.id for c in committed.cells] == [c.id for c in before.cells]
    assert [c.metadata for c in committed.cells] == [c.metadata for c in before.cells]  # tags
    assert committed.cells[-1].metadata.tags == ["a-tag-of-the-economist"]
    assert committed.metadata == before.metadata
    assert all(not c.outputs and c.execution_count is None
               for c in committed.cells if c.cell_type == "code")

    # the published notebooks are outputs, and the filter leaves them alone
    report = copy.root / "reports" / "surplus.ipynb"
    published = json.loads(report.read_text(encoding="utf-8"))
    published["cells"][-1].setdefault("outputs", []).append(
        {"output_type": "stream", "name": "stdout", "text": [LEFT_BY_LAB]})
    report.write_text(json.dumps(published, indent=1), encoding="utf-8")
    _git(copy, "commit", "-q", "-a", "-m", "a published output")
    assert LEFT_BY_LAB in _git(copy, "show", "HEAD:reports/surplus.ipynb")


def test_a_notebook_saved_from_lab_builds_the_same_page(tmp_path, monkeypatch, forked_kernels):
    """papermill replaces every output, so a working copy with Lab's outputs publishes exactly
    the committed page, which the clean notebook builds (all but the digests of its inputs,
    which name this working tree's; the clean build is test_builds' built-from-scratch test)."""
    report = load_config()["surplus"]
    notebook = tmp_path / report.notebook.name  # the notebook as Lab saved it
    shutil.copy(report.notebook, notebook)
    save_as_lab_would(notebook)
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    monkeypatch.setattr(pipeline, "FAILED", tmp_path / "failed")
    pipeline.run(dataclasses.replace(report, notebook=notebook))
    for name in ["surplus.html", "surplus.ipynb"]:
        built = (tmp_path / "reports" / name).read_text(encoding="utf-8")
        assert LEFT_BY_LAB not in built
        assert provenance.unstamped(built) == provenance.unstamped(
            (paths.ROOT / "reports" / name).read_text(encoding="utf-8")), name
    # and the page names the inputs of the clean notebook: what Lab left is none of them
    assert provenance.notebook_digest(notebook) == provenance.notebook_digest(report.notebook)
