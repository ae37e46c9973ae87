"""Running reports: a failed notebook names the report, the cell and the error; builds in a
copy of the repository as committed are incremental and byte-for-byte, and a failed or
interrupted report keeps the last good one."""

import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from test_reports import broken_links
from tradeclaims import paths
from tradeclaims.report import runner
from tradeclaims.report.config import Report, load_config
from workspace import Workspace

# -- a failed notebook names the report, the cell and the error ----------------------------------

def test_a_kernel_that_dies_fails_clearly(tmp_path, monkeypatch):
    reports, failed = tmp_path / "reports", tmp_path / "failed"
    reports.mkdir()
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(runner, "FAILED", failed)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nos._exit(1)")])
    notebook.metadata.kernelspec = {"name": runner.KERNEL, "display_name": "t",
                                    "language": "python"}
    path = tmp_path / "dies.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(runner.ReportFailed) as caught:
        runner.run(Report("dies", "t", path, {}))
    text = str(caught.value)
    assert "report dies:" in text and "DeadKernelError" in text and "is unchanged" in text
    assert list(reports.iterdir()) == []


@pytest.fixture
def built(tmp_path):
    """A copy of the repository with its committed, up-to-date reports."""
    return Workspace(tmp_path / "repo")


def _runs(out: str) -> list[str]:
    return re.findall(r"tradeclaims run (\S+)", out)


@pytest.mark.repository_copy
def test_builds_are_incremental(built):
    """What `make reports` would run (make -n prints it without running it)."""
    assert _runs(built.make("-n", "reports").stdout) == []
    (built.root / "notebooks" / "asean.ipynb").touch()
    out = built.make("-n", "reports").stdout
    assert _runs(out) == ["asean"] and "tradeclaims index" in out
    built.edit("notebooks/reports.yaml", 'parameters: {article_id: caixin-electronics}',
               'parameters: {article_id: caixin-electronics, period: "2025"}')
    assert sorted(_runs(built.make("-n", "reports").stdout)) == ["asean", "electronics"]
    (built.root / "data" / "claims.csv").touch()
    assert len(_runs(built.make("-n", "reports").stdout)) == len(load_config())


@pytest.mark.repository_copy
def test_a_report_built_from_scratch_is_byte_for_byte_the_committed_one(built):
    published = ["surplus.html", "surplus.ipynb", "verdicts.csv", "index.html"]
    for name in published:
        (built.root / "reports" / name).unlink()
    result = built.make("reports")
    assert result.returncode == 0, result.stderr
    assert _runs(result.stdout) == ["surplus"]
    for name in published:
        assert (built.root / "reports" / name).read_bytes() == (
            paths.REPORTS / name).read_bytes(), name
    assert broken_links(built.root / "reports") == []


@pytest.mark.repository_copy
def test_a_failing_report_stops_make_and_keeps_the_last_good_html(built):
    good = (built.root / "reports" / "vietnam-us.html").read_bytes()
    built.edit("notebooks/reports.yaml", 'partner: USA, period: "2026-01"',
               'partner: FRA, period: "2026-01"')
    result = built.make("reports")
    assert result.returncode != 0
    assert "report vietnam-us: notebooks/vietnam_exports.ipynb failed in cell" in result.stderr
    assert "SeriesNotFound: no observation for reporter=VNM, partner=FRA" in result.stderr
    assert "with another partner: CHN" in result.stderr  # what the data can serve
    assert "Traceback" not in result.stderr
    assert (built.root / "reports" / "vietnam-us.html").read_bytes() == good
    assert (built.root / "build" / "failed" / "vietnam-us.ipynb").exists()


@pytest.mark.repository_copy
def test_a_misspelled_parameter_publishes_nothing(built):
    before = {p.name: p.read_bytes() for p in (built.root / "reports").iterdir()}
    built.edit("notebooks/reports.yaml", 'partner: USA, period: "2026-01"',
               'partnr: USA, period: "2026-01"')
    result = built.make("reports")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = (built.root / "notebooks" / "reports.yaml").read_text().split("partnr")[0].count(
        "\n") + 1
    assert (f"notebooks/reports.yaml, row {line}, field 'vietnam-us.parameters.partnr': report "
            "vietnam-us: vietnam_exports.ipynb has no parameter 'partnr'") in result.stderr
    assert _runs(result.stdout) == []
    assert {p.name: p.read_bytes() for p in (built.root / "reports").iterdir()} == before


@pytest.mark.repository_copy
def test_ctrl_c_during_a_report_keeps_it_and_leaves_no_kernel_files(built):
    private = Path(tempfile.mkdtemp(prefix="tc"))  # short: sockets live there
    good = (built.root / "reports" / "asean.html").read_bytes()
    process = subprocess.Popen(
        [built.python, "-m", "tradeclaims", "run", "asean"], cwd=built.root,
        env={**built.env, "TMPDIR": str(private)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as at a terminal: a shell's background job (CI may be one) inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(private.glob("tradeclaims-*/*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the kernel has started
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted: report asean was not written; reports/asean.html is unchanged" in err
    assert "Traceback" not in err
    assert (built.root / "reports" / "asean.html").read_bytes() == good
    assert list(private.iterdir()) == []
    private.rmdir()
