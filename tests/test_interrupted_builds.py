"""A build interrupted at any moment, by kill -9 of make and everything it started or by
Ctrl-C, leaves each pair of files it writes together (a page and its notebook, the ledger and
the corrections log, the index and its ClaimReview, the dataset and its descriptor) as they
were, or both new, or, after kill -9 between the two renames, half new in a way make sees as
stale. The next build removes the temporaries kill -9 left and writes what is needed, ending
with every file as a build never interrupted writes it.

Each build is stopped where it says it is (lib/tradeclaims/files.py: a writer of several files
told TRADECLAIMS_PAUSE_WRITING=NAME, one of them, stops between its first rename and the
second and writes build/paused), never at a time guessed."""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tradeclaims import files
from workspace import Workspace

PAIRS = {  # by a file of each, which the build is told to pause writing
    "verdicts.csv": ("reports/verdicts.csv", "reports/corrections.csv"),
    "ledger.html": ("reports/ledger.html", "reports/ledger.ipynb"),
    "index.html": ("reports/index.html", "reports/claimreview.json"),
    "trade.csv": ("data/trade.csv", "data/datapackage.json"),
}
DEADLINE = 120  # seconds for a build to reach its pause, or end, however slow the host


class Build:
    """A copy with an input touched and built whole once (`new`: every file of reports/ and
    data/ as a build never interrupted writes it), then its pairs given an earlier build's
    bytes (`old`: the new ones and a blank line) and dates back, so make builds them again."""

    def __init__(self, root: Path, pairs: list[str], touched: str, goal: str, git: bool):
        self.ws = Workspace(root, git=git)  # in git, the corrections log is HEAD's and what moved
        self.pairs = {name: PAIRS[name] for name in pairs}
        paired = [self.ws.root / f for pair in self.pairs.values() for f in pair]
        dated = [path.stat().st_mtime_ns for path in paired]
        (self.ws.root / touched).touch()
        result = self.ws.make(goal)
        assert result.returncode == 0, result.stderr
        self.new = {folder: self.texts(folder) for folder in ("reports", "data")}
        self.old = {}
        for path, date in zip(paired, dated, strict=True):
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            os.utime(path, ns=(date, date))
            self.old[path] = path.read_text(encoding="utf-8")
        self.tmp = Path(tempfile.mkdtemp(prefix="tc"))  # short: kernel sockets live there

    def texts(self, folder: str) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8")
                for p in sorted((self.ws.root / folder).iterdir())
                if p.is_file() and not p.name.startswith(".")}

    def state(self, relative: str) -> str:
        path = self.ws.root / relative
        if not path.exists():
            return "missing"
        text, new = path.read_text(encoding="utf-8"), self.new[relative.split("/")[0]][path.name]
        return {self.old[path]: "old", new: "new"}.get(text, "neither")

    def states(self) -> dict[str, list[str]]:
        return {name: [self.state(f) for f in pair] for name, pair in self.pairs.items()}

    def temporaries(self) -> list[str]:
        return sorted(str(p.relative_to(self.ws.root)) for folder in ("reports", "data", "build")
                      for p in (self.ws.root / folder).rglob(".*.tmp"))

    def interrupt(self, goal: str, pair: str, signum: int) -> tuple[int, str, str]:
        """Run make GOAL until the writer of `pair` has renamed one of its files, send signum
        to its whole process group (as kill -9 of the group, or Ctrl-C, does) and wait until
        every process of the group has ended. Its status, output and the writer's pid."""
        paused = self.ws.root / "build" / "paused"
        paused.unlink(missing_ok=True)
        with (self.tmp / "log").open("w+", encoding="utf-8") as log:
            process = subprocess.Popen(
                ["make", "--no-print-directory", goal], cwd=self.ws.root, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
                env={**self.ws.env, files.PAUSE_WRITING: pair, "TMPDIR": str(self.tmp)},
                # as at a terminal: a shell's background job (CI may be one) ignores SIGINT
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
            deadline = time.monotonic() + DEADLINE
            while (not paused.exists() and process.poll() is None
                   and time.monotonic() < deadline):
                time.sleep(0.01)
            if paused.exists():
                os.killpg(process.pid, signum)
            elif process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            # make reaped only after: until then its pid, the group's id, is no one else's
            _wait_until_ended(process.pid)
            status = process.wait()
            log.seek(0)
            out = log.read()
        if not paused.exists():
            pytest.fail(f"make {goal} ended without writing {pair} (did make see it up to "
                        f"date?), or took too long:\n{out}")
        return status, out, paused.read_text(encoding="utf-8").strip()

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def _wait_until_ended(group: int):
    """Until no process of the group runs (a zombie has ended: it waits for its status to be
    collected), so the next build finds their temporaries left by the dead."""
    deadline = time.monotonic() + DEADLINE
    while _running_in(group) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _running_in(group), "processes of the interrupted build still run"


def _running_in(group: int) -> list[int]:
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_bytes().rpartition(b")")[2].split()[:3]
        except (OSError, ValueError):
            continue  # it ended while we looked
        if int(pgrp) == group and state not in (b"Z", b"X"):
            running.append(int(stat.parent.name))
    return running


@pytest.fixture
def build(request, tmp_path):
    made = Build(tmp_path / "repo", *request.param)
    yield made
    made.close()


def _after(build: Build, done: list[str], pair: str, signum: int, pid: str, out: str):
    """What an interrupt leaves: the pairs written before `pair` new, those after it old; the
    pair itself both new after Ctrl-C (held until both were renamed) and no temporary left,
    or after kill -9 one new and one old, the old one's temporary left (the next build
    removes it), and make, which dates the pair by the old one, sees it stale."""
    pairs = list(build.pairs)
    expected = {name: ["new", "new"] if name in done else ["old", "old"] for name in pairs}
    states = build.states()
    said = f"{signal.Signals(signum).name} writing {pair}: {states}\n{out}"
    if signum == signal.SIGINT:
        expected[pair] = ["new", "new"]
        assert build.temporaries() == [], said
        assert "Deleting file" not in out and "Traceback" not in out, said
        assert states == expected, said
        return
    assert sorted(states.pop(pair)) == ["new", "old"], said
    expected.pop(pair)
    assert states == expected, said
    kept = [f for f, s in zip(build.pairs[pair], build.states()[pair], strict=True) if s == "old"]
    folder, name = kept[0].split("/")
    assert build.temporaries() == [f"{folder}/.{name}.{pid}.tmp"]


@pytest.mark.repository_copy
@pytest.mark.parametrize("build", [(["verdicts.csv", "ledger.html", "index.html"],
                                    "data/claims.csv", "reports", True)],
                         indirect=True, ids=["reports"])
def test_make_reports_interrupted_anywhere_leaves_each_pair_whole_and_the_next_build_ends_it(
        build):
    """The registry touched: the ledger, its page and the index are rebuilt (once whole, for
    the bytes to expect). Each build is interrupted as it writes a pair, by kill -9 then
    Ctrl-C, and the one after finds the pair to write again (it pauses writing it, or the
    next): six builds interrupted, then one that completes."""
    done = []
    for pair in build.pairs:
        for signum in (signal.SIGKILL, signal.SIGINT):
            status, out, pid = build.interrupt("reports", pair, signum)
            assert status == -signum, out  # make ends by the signal, as it was sent
            _after(build, done, pair, signum, pid, out)
        done.append(pair)
    result = build.ws.make("reports")
    assert result.returncode == 0, result.stderr
    assert "wrote" not in result.stdout  # the last Ctrl-C let the index finish
    assert build.temporaries() == []
    for folder in ("reports", "data"):  # every file as a build never interrupted writes it
        assert build.texts(folder) == build.new[folder]
    assert "stale: none" in build.ws.make("stale").stdout


@pytest.mark.repository_copy
@pytest.mark.parametrize("build", [(["trade.csv"], "data/vocabulary.yaml", "data", False)],
                         indirect=True, ids=["data"])
def test_make_data_interrupted_leaves_the_dataset_and_its_descriptor_whole(build):
    """The grouped target make dates by data/trade.csv alone (`make data`, and every report)."""
    for signum in (signal.SIGKILL, signal.SIGINT):
        status, out, pid = build.interrupt("data", "trade.csv", signum)
        assert status == -signum, out
        _after(build, [], "trade.csv", signum, pid, out)
    result = build.ws.make("data")
    assert result.returncode == 0 and "wrote" not in result.stdout, result.stdout
    assert build.temporaries() == []
    assert build.texts("data") == build.new["data"]


# -- the parts, in this process ------------------------------------------------------------------

def test_ctrl_c_while_files_are_written_together_takes_effect_once_all_are_in_place(
        tmp_path, monkeypatch):
    first, last = tmp_path / "page.ipynb", tmp_path / "page.html"
    for path in (first, last):
        path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(files, "PAUSED", tmp_path / "paused")
    monkeypatch.setenv(files.PAUSE_WRITING, last.name)

    def ctrl_c():  # once the writer is between its two renames
        deadline = time.monotonic() + DEADLINE
        while not files.PAUSED.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    sender = threading.Thread(target=ctrl_c)
    # as at a terminal, whatever this process was given (a background job ignores SIGINT)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        sender.start()
        with pytest.raises(KeyboardInterrupt):
            files.write_together((first, "new"), (last, "new"))
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # as it was
    finally:
        signal.signal(signal.SIGINT, before)
        sender.join()
    assert [p.read_text(encoding="utf-8") for p in (first, last)] == ["new", "new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "page.ipynb", "paused"]


def test_only_the_temporaries_of_ended_processes_are_removed(tmp_path):
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitid(os.P_PID, child, os.WEXITED | os.WNOWAIT)  # ended, a zombie: its id stays taken
    try:
        names = [f".trade.csv.{child}.tmp", f".index.html.{os.getpid()}.tmp", ".notes.tmp",
                 f"trade.csv.{child}.tmp", "index.html"]
        for name in names:
            (tmp_path / name).write_text("x", encoding="utf-8")
        assert files.remove_dead_temporaries(tmp_path, tmp_path / "none") == [
            tmp_path / names[0]]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])
    finally:
        os.waitpid(child, 0)
