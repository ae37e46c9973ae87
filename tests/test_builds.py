"""Running reports: a failed notebook names the report, the cell and the error; builds in a
copy of the repository as committed are incremental and byte-for-byte, and a failed or
interrupted report keeps the last good one."""

import contextlib
import difflib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from test_reports import broken_links
from tradeclaims import paths
from tradeclaims.kernel import forks, provisioner
from tradeclaims.report import pipeline, provenance, runner
from tradeclaims.report.config import Report, load_config
from workspace import Workspace

# -- a failed notebook names the report, the cell and the error ----------------------------------

def test_a_kernel_that_dies_fails_clearly(tmp_path, monkeypatch, forked_kernels):
    """A forked kernel, as the runner's are by default."""
    reports, failed = tmp_path / "reports", tmp_path / "failed"
    reports.mkdir()
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(pipeline, "FAILED", failed)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nos._exit(1)")])
    notebook.metadata.kernelspec = {"name": provisioner.KERNEL, "display_name": "t",
                                    "language": "python"}
    path = tmp_path / "dies.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(pipeline.ReportFailed) as caught:
        pipeline.run(Report("dies", "t", path, {}))
    text = str(caught.value)
    assert "report dies:" in text and "DeadKernelError" in text and "is unchanged" in text
    assert list(reports.iterdir()) == []


def _notebook(tmp_path, name: str, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        *(nbformat.v4.new_code_cell(source) for source in sources)])
    notebook.metadata.kernelspec = {"name": provisioner.KERNEL, "display_name": "t",
                                    "language": "python"}
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_each_kernel_is_forked_from_the_untouched_process_so_nothing_leaks(tmp_path, monkeypatch):
    """A report that changes module state and fails leaves nothing to the next report's
    kernel, forked from the same prepared process (kernel/forks.py)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    monkeypatch.setattr(paths, "REPORTS", reports)
    monkeypatch.setattr(pipeline, "FAILED", tmp_path / "failed")
    spoiler = _notebook(tmp_path, "spoiler", "import matplotlib, pandas\n"
                        "import tradeclaims.report.style as style\n"
                        "from tradeclaims.report import lookups\n"
                        "matplotlib.rcParams['figure.dpi'] = 7\n"
                        "pandas.set_option('display.max_rows', 3)\nstyle.LEAKED = True\n"
                        "lookups.dataset().frame['value'] = 0.0\n"
                        "lookups.dataset().sources.clear()",
                        "raise ValueError('spoilt')")
    reader = _notebook(tmp_path, "reader", "import os, sys, matplotlib, pandas\n"
                       "import tradeclaims.report.style as style\n"
                       "from tradeclaims.report import lookups\n"
                       "from tradeclaims.data.query import Dataset\n"
                       "read = lookups.dataset.cache_info().currsize\n"
                       "fresh = Dataset.load()\n"
                       "same = (lookups.dataset().frame.equals(fresh.frame)\n"
                       "        and lookups.dataset().sources == fresh.sources)\n"
                       "print(matplotlib.rcParams['figure.dpi'], "
                       "pandas.get_option('display.max_rows'), hasattr(style, 'LEAKED'), "
                       "same, 'pandas' in sys.modules, read, os.getppid())")
    before = provisioner.ForkProvisioner.sockets  # this process's shared one, if started
    with runner.prepared() as folder:
        server = provisioner.ForkProvisioner.server.process.pid
        with pytest.raises(pipeline.ReportFailed, match="ValueError: spoilt"):
            pipeline.run(Report("spoiler", "t", spoiler, {}))
        pipeline.run(Report("reader", "t", reader, {}))
    # the folder is gone, and kernels started later (test_lab's) no longer look for it
    assert not os.path.exists(folder) and provisioner.ForkProvisioner.sockets == before
    printed = nbformat.read(reports / "reader.ipynb", as_version=4).cells[1].outputs[0].text
    dpi, rows, leaked, same, preloaded, read, parent = printed.split()
    assert (dpi, rows, leaked) == ("100.0", "60", "False")  # matplotlib's and pandas' defaults
    assert same == "True"  # the dataset as the files say, whatever the spoiler did to its copy
    # the kernel is a fork of the prepared process, which had imported pandas and read the
    # dataset already
    assert (preloaded, read) == ("True", "1") and int(parent) == server


def test_a_runner_gone_before_its_kernel_is_handed_over_leaves_the_fork_server_serving(
        monkeypatch):
    """Ctrl-C while a runner waits for its kernel: the fork server finds the runner gone when
    it answers, stops the kernel nobody will manage, and raises nothing (it serves the rest)."""
    import json
    import socket

    forked = []
    monkeypatch.setattr(forks, "_run_kernel",  # the fork waits, never returns to pytest
                        lambda *args: (time.sleep(60), os._exit(0)))
    real_fork = os.fork

    def fork():
        pid = real_fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    server, runner_end = socket.socketpair()
    runner_end.sendall(json.dumps({"argv": [], "cwd": "/", "env": {}}).encode())
    runner_end.close()  # the runner is gone before the answer
    with server:
        forks._serve_one(server, server)
    _, status = os.waitpid(forked[0], 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def test_a_kernel_ends_with_its_fork_server():
    """A process standing for the fork server forks a kernel that sleeps; when the server is
    killed (as the runner stops it after Ctrl-C), the kernel goes at once, not a minute later."""
    import select

    read, write = os.pipe()
    server = os.fork()
    if server == 0:  # never returns into pytest
        pid = os.getpid()  # before the fork, as the server does: the kernel may start late
        kernel = os.fork()
        if kernel == 0:
            forks._die_with(pid)
            time.sleep(60)
            os._exit(0)
        os.write(write, str(kernel).encode())
        time.sleep(60)
        os._exit(0)
    kernel = os.pidfd_open(int(os.read(read, 32)))
    os.kill(server, signal.SIGKILL)
    os.waitpid(server, 0)
    try:
        assert select.select([kernel], [], [], 20)[0], "the kernel outlived its server"
    finally:
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(kernel, signal.SIGKILL)
        os.close(kernel)


def test_a_run_needs_a_name_it_knows(tmp_path):
    for command, status, said in [([], 2, "error: name a report to run"),
                                  (["nosuch"], 2, "no report 'nosuch'")]:
        result = subprocess.run([sys.executable, "-m", "tradeclaims", "run", *command],
                                capture_output=True, text=True, cwd=paths.ROOT)
        assert result.returncode == status and said in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_each_report_ends_in_its_own_child_and_says_what_went_wrong(monkeypatch, capfd):
    """Without kernels: a report that succeeds, one whose page cannot be written, one that
    hits a bug, each in a child of the runner. Every child ends where it should (none returns
    into this test's process, nor does the runner), the first failure stops the rest, and the
    status says what failed."""

    def fake_run(report):
        if report.name == "unwritable":
            raise PermissionError(13, "Permission denied", str(paths.REPORTS / "unwritable.html"))
        if report.name == "buggy":
            raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "run", fake_run)
    monkeypatch.setattr(pipeline, "warm", lambda: None)
    reports = {name: Report(name, name, Path(f"{name}.ipynb"), {})
               for name in ["fine", "unwritable", "buggy"]}
    parent = os.getpid()
    status = runner.main(reports)
    assert os.getpid() == parent
    out, err = capfd.readouterr()
    assert "wrote reports/fine.html" in out
    assert "error: reports/unwritable.html: Permission denied" in err and status == 2
    assert "buggy" not in err  # never started
    assert runner.main({"buggy": reports["buggy"]}) == 1
    out, err = capfd.readouterr()
    assert "error: report buggy: ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err


@pytest.fixture
def built(tmp_path):
    """A copy of the repository with its committed, up-to-date reports."""
    return Workspace(tmp_path / "repo")


def _queued(out: str) -> list[str]:
    """The reports `make -n reports` would run."""
    return re.findall(r"tradeclaims run --make \$PPID (\S+)", out)


def _runs(out: str) -> list[str]:
    """The reports a build wrote."""
    return [name for name in re.findall(r"wrote reports/(\S+)\.html", out) if name != "index"]


@pytest.mark.repository_copy
def test_builds_are_incremental(built):
    """What `make reports` would run (make -n prints it without running it)."""
    assert _queued(built.make("-n", "reports").stdout) == []
    (built.root / "notebooks" / "asean.ipynb").touch()
    out = built.make("-n", "reports").stdout
    assert _queued(out) == ["asean"] and "tradeclaims index" in out
    built.edit("notebooks/reports.yaml", 'parameters: {article_id: caixin-electronics}',
               'parameters: {article_id: caixin-electronics, period: "2025"}')
    assert sorted(_queued(built.make("-n", "reports").stdout)) == ["asean", "electronics"]
    (built.root / "reports" / "verdicts.csv").touch()  # what the ledger page shows
    assert sorted(_queued(built.make("-n", "reports").stdout)) == ["asean", "electronics",
                                                                   "ledger"]
    (built.root / "data" / "claims.csv").touch()  # make -n runs the split: no part changed
    assert sorted(_queued(built.make("-n", "reports").stdout)) == ["asean", "electronics",
                                                                   "ledger"]
    (built.root / "data" / "trade.csv").touch()
    assert len(_queued(built.make("-n", "reports").stdout)) == len(load_config())


@pytest.mark.repository_copy
def test_a_new_article_and_a_claim_rebuild_their_reports_and_the_ledger_only(built):
    """A claim added to one article, and a new article with a claim: those articles' reports
    (the new one's made from the generic notebook) and the ledger, not the others."""
    reports = load_config()
    covering = [r.article_id for r in reports.values() if r.article_id]
    article = min(covering, key=covering.count)  # the article with the fewest reports
    new = f"zz-{uuid.uuid4().hex[:12]}"  # ids no registry holds, whatever it holds
    with (built.root / "data" / "articles.csv").open("a", encoding="utf-8") as f:
        f.write(f"{new},Test Outlet,A test,2026-02-01,a test,\n")
    with (built.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        for claim_id, article_id in ((f"{new}-1", article), (f"{new}-2", new)):
            f.write(f"{claim_id},{article_id},a forecast,1,USD,,,not_checkable,,,,,a forecast,"
                    "forecast_or_opinion,\n")
    expected = sorted([name for name, r in reports.items() if r.article_id in (article, "")]
                      + [f"article-{new}"])
    assert "ledger" in expected and len(expected) < len(reports)
    # what make -n lists (it runs the registry's split: the Makefile says why), which is what
    # a build runs (the built-from-scratch test)
    listed = built.make("-n", "reports")
    assert listed.returncode == 0, listed.stderr
    assert sorted(_queued(listed.stdout)) == expected
    assert _queued(built.make("-n", "reports").stdout) == _queued(listed.stdout)  # the same


@pytest.mark.repository_copy
def test_a_template_edit_rebuilds_every_report(built):
    (built.root / "lib/tradeclaims/report/templates/macros.html.j2").touch()
    assert len(_queued(built.make("-n", "reports").stdout)) == len(load_config())


@pytest.mark.repository_copy
def test_a_report_built_from_scratch_is_byte_for_byte_the_committed_one(built):
    published = ["surplus.html", "surplus.ipynb", "verdicts.csv", "index.html"]
    for name in published:
        (built.root / "reports" / name).unlink()
    listed = _queued(built.make("-n", "reports").stdout)
    result = built.make("reports")
    assert result.returncode == 0, result.stderr
    # the ledger shows the rebuilt verdicts.csv, so it is built again beside the lost report;
    # make -n listed exactly what ran
    assert sorted(_runs(result.stdout)) == sorted(listed) == ["ledger", "surplus"]
    # all but what the pages say they were built from, which names this working tree's inputs
    # (reports/ may be older than them): the copy's pages name the same, wherever it is
    for name in published:
        assert provenance.unstamped((built.root / "reports" / name).read_text(
            encoding="utf-8")) == provenance.unstamped(
            (paths.REPORTS / name).read_text(encoding="utf-8")), name
    digests = {"surplus.html": provenance.page_inputs(load_config()["surplus"]),
               "index.html": provenance.index_inputs()}
    for name, digest in digests.items():
        page = (built.root / "reports" / name).read_text(encoding="utf-8")
        assert provenance.stamped(page) == provenance.shown(digest)["inputs"], name
    assert broken_links(built.root / "reports") == []


def test_forked_and_fresh_kernels_build_the_same_pages_byte_for_byte(tmp_path, monkeypatch):
    """The kernels forked from one prepared process (the default) write exactly the pages that
    kernels started as new Pythons write (kernel/forks.py), for a report of its own notebook
    and a page of the generic article notebook."""
    reports, pages = load_config(), ["surplus", "article-cross-source"]
    monkeypatch.setattr(pipeline, "FAILED", tmp_path / "failed")
    built_by = {}
    for way, fresh in (("fresh", "1"), ("forked", "")):
        monkeypatch.setattr(paths, "REPORTS", tmp_path / way)
        monkeypatch.setenv(forks.FRESH_KERNELS, fresh)  # as `make reports` would be given it
        with runner.prepared():
            assert (provisioner.ForkProvisioner.server is None) == (way == "fresh")
            for name in pages:
                pipeline.run(reports[name])
        built_by[way] = {p.name: p.read_bytes() for p in (tmp_path / way).iterdir()}
    assert sorted(built_by["fresh"]) == sorted(f"{name}{suffix}" for name in pages
                                               for suffix in (".html", ".ipynb"))
    for name, fresh in built_by["fresh"].items():  # the first lines that differ, if any
        forked = built_by["forked"][name]
        assert forked == fresh, (name, "".join(list(difflib.unified_diff(
            fresh.decode().splitlines(True), forked.decode().splitlines(True), n=1))[:40]))


@pytest.mark.repository_copy
def test_a_failing_report_keeps_its_html_and_the_report_beside_it_is_written(built):
    """make -j2: two pages at once in the runner they share; one report failing names the
    report, the cell and the error, does not stop the one beside it, make fails, and the index
    is not rewritten over a failed report."""
    good = (built.root / "reports" / "vietnam-us.html").read_bytes()
    index = (built.root / "reports" / "index.html").read_bytes()
    built.edit("notebooks/reports.yaml", 'partner: USA, period: "2026-01"',
               'partner: FRA, period: "2026-01"')
    (built.root / "notebooks" / "asean.ipynb").touch()
    result = built.make("-j2", "reports")
    assert result.returncode != 0
    assert _runs(result.stdout) == ["asean"]
    assert "report vietnam-us: notebooks/vietnam_exports.ipynb failed in cell" in result.stderr
    assert "SeriesNotFound: no observation for reporter=VNM, partner=FRA" in result.stderr
    assert "with another partner: CHN" in result.stderr  # what the data can serve
    assert "Traceback" not in result.stderr
    assert (built.root / "reports" / "vietnam-us.html").read_bytes() == good
    assert (built.root / "build" / "failed" / "vietnam-us.ipynb").exists()
    assert (built.root / "reports" / "index.html").read_bytes() == index
    assert (built.root / "reports" / "asean.html").stat().st_mtime > (
        built.root / "notebooks" / "asean.ipynb").stat().st_mtime
    assert _queued(built.make("-n", "reports").stdout) == ["vietnam-us"]  # still to do


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
@pytest.mark.parametrize("command, reports", [
    (["python", "-m", "tradeclaims", "run", "asean"], ["asean"]),
    (["make", "-j2", "reports/asean.html", "reports/totals.html"], ["asean", "totals"])],
    ids=["one report", "two at once under make"])
def test_ctrl_c_during_a_report_keeps_it_and_leaves_no_kernel_files(built, command, reports):
    """Ctrl-C while pages run: each says it was not written and stays as it was; the runner
    (make's pages share one) and the kernels end, leaving no socket in their folder."""
    private = Path(tempfile.mkdtemp(prefix="tc"))  # short: sockets live there
    good = {name: (built.root / "reports" / f"{name}.html").read_bytes() for name in reports}
    running = built.root / "running"  # where each report's last cell says it has begun
    running.mkdir()
    for name in reports:  # a last cell that outlasts the Ctrl-C: a forked page takes 0.3 s
        notebook = built.root / "notebooks" / load_config()[name].notebook.name
        nb = nbformat.read(notebook, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(
            f"import os, pathlib, time\n"  # the file names the kernel's fork server
            f"pathlib.Path({str(running / name)!r}).write_text(str(os.getppid()))\n"
            "time.sleep(60)"))
        nbformat.write(nb, notebook)
    process = subprocess.Popen(
        [built.python if command[0] == "python" else "make", *command[1:]], cwd=built.root,
        env={**built.env, "TMPDIR": str(private)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as at a terminal: a shell's background job (CI may be one) inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while (sorted(p.name for p in running.iterdir()) != sorted(reports)
               and time.monotonic() < deadline and process.poll() is None):
            time.sleep(0.05)  # until every report is in its last cell, however slow the start
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
        _, err = process.communicate(timeout=60)
    finally:  # a test that fails or is interrupted leaves no runner of its own session behind
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    # make ends by the signal, as it was sent
    assert process.returncode == (130 if command[0] == "python" else -signal.SIGINT), err
    for name in reports:
        assert (f"interrupted: report {name} was not written; reports/{name}.html is "
                "unchanged") in err
        assert (built.root / "reports" / f"{name}.html").read_bytes() == good[name]
    assert "Traceback" not in err
    assert list(private.iterdir()) == []
    private.rmdir()
    # the pages of one make ran in one runner: their kernels were forked by one fork server
    assert len({(running / name).read_text() for name in reports}) == 1


@pytest.mark.repository_copy
def test_the_ledger_recipe_starts_the_runner_that_its_pages_then_share(built, tmp_path):
    """The runner starts before the ledger is evaluated (`make -n` shows the order), returns
    at once, serves the make's pages, and ends with that make."""
    with (built.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write("zz-start-1,asean-trillion,a forecast,1,USD,,,not_checkable,,,,,a forecast,"
                "forecast_or_opinion,\n")
    planned = built.make("-n", "reports").stdout.splitlines()
    starts = [i for i, line in enumerate(planned) if "tradeclaims run --start --make" in line]
    ledger = [i for i, line in enumerate(planned) if "tradeclaims claims" in line]
    assert len(starts) == 1 and len(ledger) == 1 and starts[0] < ledger[0]
    make = subprocess.Popen(["sleep", "120"])  # stands in for the make the pages belong to
    address = f"\0tradeclaims-runner-{make.pid}"
    try:
        begun, said = time.monotonic(), tmp_path / "said"
        with said.open("w") as out:  # a file, as make's own output: the runner keeps it open
            started = subprocess.run([built.python, "-m", "tradeclaims", "run", "--start",
                                      "--make", str(make.pid)], cwd=built.root, env=built.env,
                                     stdout=out, stderr=out)
        assert started.returncode == 0 and said.read_text() == ""
        assert time.monotonic() - begun < 5  # the runner's imports go on without it
        with socket.socket(socket.AF_UNIX) as probe:
            probe.connect(address)  # the runner listens (a connection with no page is fine)
        page = built.run(built.python, "-m", "tradeclaims", "run", "--make", str(make.pid),
                         "asean")
        assert page.returncode == 0 and "wrote reports/asean.html" in page.stdout, page.stderr
    finally:
        make.kill()
        make.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the runner ends with its make
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(address)
            except ConnectionRefusedError:
                break
        time.sleep(0.05)
    else:
        pytest.fail("the runner outlived its make")
