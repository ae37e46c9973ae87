"""A build interrupted at any moment, by kill -9 of make and everything it started or by
Ctrl-C, leaves each pair of files it writes together (a page and its notebook, the ledger and
the corrections log, the index and its ClaimReview, the dataset and its descriptor) as they
were, or both new, or, after kill -9 between the two renames, half new in a way make sees as
stale. The next build removes the temporaries kill -9 left and writes what is needed, ending
with every file as a build never interrupted writes it.

Each build is stopped where it says it is (lib/tradeclaims/files.py: a writer of several files
told TRADECLAIMS_PAUSE_WRITING=NAME, one of them, stops between its first rename and the
second and writes build/paused), never at a time guessed. What kill -9 leaves there is what
the disk holds while the writer waits, so the build never interrupted, which gives the bytes
to expect, pauses at each pair in turn and is looked at there (the pair, the temporaries, what
make sees stale) before it goes on; builds are then stopped for real, each where the one
before left off: by Ctrl-C at every pair, and first by kill -9 at the pairs whose writers start
in a second (the ledger, the index; the page's is its pause alone, each build there starting a
runner): a kill leaves what the pause showed, and the next build removes its temporary and
writes the pair again."""

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from tradeclaims import files
from workspace import Workspace

PAIRS = {  # by the file of each that make dates it by, which the build is told to pause writing
    "verdicts.csv": ("reports/verdicts.csv", "reports/corrections.csv"),
    "ledger.html": ("reports/ledger.html", "reports/ledger.ipynb"),
    "index.html": ("reports/index.html", "reports/claimreview.json"),
    "trade.csv": ("data/trade.csv", "data/datapackage.json"),
}
DEADLINE = 120  # seconds for a build to reach its pause, or end, however slow the host
KILLED = ("verdicts.csv", "index.html")  # make reports killed there too, not only paused


class Pause(NamedTuple):
    """What a build paused between the two renames of `pair` showed: the paired files' texts,
    the temporaries, and make -q's status for the file each pair is dated by (1: stale)."""
    pair: str
    pid: str
    texts: dict[str, str | None]
    temporaries: list[str]
    questioned: dict[str, int]


class Build:
    """A copy whose pairs are given an earlier build's bytes (the copied ones and a blank
    line), dated as they were, and an input touched after them, so make builds them again."""

    def __init__(self, root: Path, pairs: list[str], touched: str, git: bool):
        self.ws = Workspace(root, git=git)  # in git, the corrections log is HEAD's and what moved
        self.pairs = {name: PAIRS[name] for name in pairs}
        self.old = {}  # by file: its text and date
        for relative in (f for pair in self.pairs.values() for f in pair):
            path = self.ws.root / relative
            text = path.read_text(encoding="utf-8") + "\n"
            self.old[relative] = (text, path.stat().st_mtime_ns)
        self.restore()
        (self.ws.root / touched).touch()
        self.new = {}  # by folder, every file as a build never interrupted writes it
        self.paused = self.ws.root / "build" / "paused"
        self.tmp = Path(tempfile.mkdtemp(prefix="tc"))  # short: kernel sockets live there

    def restore(self):
        """The pairs' earlier bytes and dates."""
        for relative, (text, date) in self.old.items():
            path = self.ws.root / relative
            path.write_text(text, encoding="utf-8")
            os.utime(path, ns=(date, date))

    def texts(self, folder: str) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8")
                for p in sorted((self.ws.root / folder).iterdir())
                if p.is_file() and not p.name.startswith(".")}

    def paired_texts(self) -> dict[str, str | None]:
        return {f: (self.ws.root / f).read_text(encoding="utf-8")
                if (self.ws.root / f).exists() else None for f in self.old}

    def states(self, texts: dict[str, str | None] | None = None) -> dict[str, list[str]]:
        """Each pair's files old, new, missing or neither (now, or as `texts` had them)."""
        texts = texts or self.paired_texts()

        def state(relative: str) -> str:
            folder, name = relative.split("/")
            if texts[relative] is None:
                return "missing"
            return {self.old[relative][0]: "old", self.new[folder][name]: "new"}.get(
                texts[relative], "neither")

        return {name: [state(f) for f in pair] for name, pair in self.pairs.items()}

    def temporaries(self) -> list[str]:
        return sorted(str(p.relative_to(self.ws.root)) for folder in ("reports", "data", "build")
                      for p in (self.ws.root / folder).rglob(".*.tmp"))

    def questioned(self) -> dict[str, int]:
        """make -q's status for each pair's dated file: 0 up to date, 1 stale (2: an error).
        The split of the registry is taken as done (-o): a build runs it first, and it rewrites
        only the parts that change, so it makes no page stale here; make -q cannot know that."""
        return {name: self.ws.make("-q", "-o", "build/claims.stamp", pair[0]).returncode
                for name, pair in self.pairs.items()}

    def _start(self, goal: str, pause: str, log) -> subprocess.Popen:
        self.paused.unlink(missing_ok=True)
        return subprocess.Popen(
            ["make", "--no-print-directory", goal], cwd=self.ws.root, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
            env={**self.ws.env, files.PAUSE_WRITING: pause, "TMPDIR": str(self.tmp)},
            # as at a terminal: a shell's background job (CI may be one) ignores SIGINT
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def reference(self, goal: str) -> list[Pause]:
        """Run make GOAL never interrupted, pausing as it writes each pair, and what each pause
        showed; what it ends with is `new`. Then the pairs are given their old bytes and dates
        again, for the builds to interrupt."""
        pauses = []
        with (self.tmp / "log").open("w+", encoding="utf-8") as log:
            process = self._start(goal, " ".join(self.pairs), log)
            deadline = time.monotonic() + DEADLINE
            while process.poll() is None and time.monotonic() < deadline:
                if not self.paused.exists():
                    time.sleep(0.01)
                    continue
                pid, pair = self.paused.read_text(encoding="utf-8").split()
                pauses.append(Pause(pair, pid, self.paired_texts(), self.temporaries(),
                                    self.questioned()))
                self.paused.unlink()  # the writer goes on
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            status = process.wait()
            log.seek(0)
            out = log.read()
        assert status == 0, out
        assert not self.paused.exists(), out  # no writer paused and went on by itself
        self.new = {folder: self.texts(folder) for folder in ("reports", "data")}
        self.restore()
        return pauses

    def interrupt(self, goal: str, pair: str, signum: int) -> tuple[int, str, str]:
        """Run make GOAL until the writer of `pair` has renamed one of its files, send signum
        to its whole process group (as kill -9 of the group, or Ctrl-C, does) and wait until
        every process of the group has ended. Its status, output and the writer's pid."""
        with (self.tmp / "log").open("w+", encoding="utf-8") as log:
            process = self._start(goal, pair, log)
            deadline = time.monotonic() + DEADLINE
            while (not self.paused.exists() and process.poll() is None
                   and time.monotonic() < deadline):
                time.sleep(0.01)
            if self.paused.exists():
                os.killpg(process.pid, signum)
            elif process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            # make reaped only after: until then its pid, the group's id, is no one else's
            _wait_until_ended(process.pid)
            status = process.wait()
            log.seek(0)
            out = log.read()
        if not self.paused.exists():
            pytest.fail(f"make {goal} ended without writing {pair} (did make see it up to "
                        f"date?), or took too long:\n{out}")
        pid, paused = self.paused.read_text(encoding="utf-8").split()
        assert paused == pair
        return status, out, pid

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


def _killed_between(build: Build, pair: str, pid: str, states: dict, temporaries: list[str],
                    said: str):
    """What kill -9 between the renames of `pair` leaves of it: the file make dates it by old,
    the other new, and the old one's temporary (the next build removes it)."""
    assert states[pair] == ["old", "new"], said
    folder, name = build.pairs[pair][0].split("/")
    assert temporaries == [f"{folder}/.{name}.{pid}.tmp"], said


def _killable_in_each_pause(build: Build, pauses: list[Pause]):
    """Each pair paused once, in the order built; in each pause, what kill -9 would leave: the
    pairs written before new and up to date in make's eyes, those after old, and the pair
    itself one new and one old that make sees stale, so the next build writes it again."""
    assert [pause.pair for pause in pauses] == list(build.pairs), pauses
    for k, pause in enumerate(pauses):
        done, later = list(build.pairs)[:k], list(build.pairs)[k + 1:]
        states = build.states(pause.texts)
        said = f"paused writing {pause.pair}: {states}, {pause.questioned}"
        _killed_between(build, pause.pair, pause.pid, states, pause.temporaries, said)
        assert {name: states[name] for name in done + later} == {
            name: ["new", "new"] if name in done else ["old", "old"] for name in done + later
        }, said
        assert pause.questioned == {name: 0 if name in done else 1 for name in build.pairs}, said


def _after(build: Build, done: list[str], pair: str, signum: int, pid: str, out: str):
    """What an interrupt leaves: the pairs written before `pair` new, those after it old; the
    pair itself both new after Ctrl-C (held until both were renamed) and no temporary left,
    or after kill -9 what the pause showed (_killed_between)."""
    expected = {name: ["new", "new"] if name in done else ["old", "old"] for name in build.pairs}
    states = build.states()
    said = f"{signal.Signals(signum).name} writing {pair}: {states}\n{out}"
    if signum == signal.SIGINT:
        expected[pair] = ["new", "new"]
        assert build.temporaries() == [], said
        assert "Deleting file" not in out and "Traceback" not in out, said
        assert states == expected, said
        return
    _killed_between(build, pair, pid, states, build.temporaries(), said)
    expected[pair] = states[pair]
    assert states == expected, said


@pytest.mark.repository_copy
@pytest.mark.parametrize("build", [(["verdicts.csv", "ledger.html", "index.html"],
                                    "data/claims.csv", True)],
                         indirect=True, ids=["reports"])
def test_make_reports_interrupted_anywhere_leaves_each_pair_whole_and_the_next_build_ends_it(
        build):
    """The registry touched: the ledger, its page and the index are rebuilt, once never
    interrupted (the bytes to expect; what kill -9 would leave at each pair is looked at in its
    pauses). Then builds each interrupted as it writes a pair, by kill -9 (the ledger, the
    index) then Ctrl-C, each finding its pair to write again (it pauses writing it, or the
    next): five builds interrupted, then one that completes."""
    _killable_in_each_pause(build, build.reference("reports"))
    done = []
    for pair in build.pairs:
        for signum in (signal.SIGKILL, signal.SIGINT) if pair in KILLED else (signal.SIGINT,):
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
    assert "tradeclaims run" not in build.ws.make("-n", "reports").stdout  # no page is stale


@pytest.mark.repository_copy
@pytest.mark.parametrize("build", [(["trade.csv"], "data/vocabulary.yaml", False)],
                         indirect=True, ids=["data"])
def test_make_data_interrupted_leaves_the_dataset_and_its_descriptor_whole(build):
    """The grouped target make dates by data/trade.csv alone (`make data`, and every report)."""
    _killable_in_each_pause(build, build.reference("data"))
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
