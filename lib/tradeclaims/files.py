"""Writing files so that no reader ever sees half of one, and a build interrupted at any moment
leaves the files it writes together (a page and its notebook, the ledger and the corrections
log, the index and its ClaimReview, the dataset and its descriptor) as they were, new, or to
be written again by the next build.

Each file is written to a temporary `.NAME.PID.tmp` beside it, then renamed into place. Files
written together are renamed only once all are written, the one make dates the pair by last:
until that rename it keeps its old date, older than the inputs that made the build start, so a
build killed between the renames is one make reruns. Ctrl-C, kill and a closed terminal take
effect once the renames are done, so only kill -9 can split a pair; the temporaries it leaves
are removed by the next command (remove_dead_temporaries). docs/internals.md has the whole."""

import hashlib
import os
import re
import shutil
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from tradeclaims import paths

# Held while files are written, then delivered as the handlers before would have them.
HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.tmp")

# For tests/test_interrupted_builds.py only: a writer of several files, one of those named
# (NAME, or several: "NAME NAME"), stops between its first rename and the second, writes its
# pid and that name to build/paused, and goes on when a held signal comes (kill -9: never) or
# the test removes build/paused, so a test can interrupt it there and nowhere else, or look
# at what kill -9 there would leave and let it go on to the next pair.
PAUSE_WRITING = "TRADECLAIMS_PAUSE_WRITING"
PAUSED = paths.BUILD / "paused"


def write_atomic(path: Path, text: str):
    """Write through a temporary file and rename, so no reader ever sees half a file."""
    _write([(path, text)])


def write_together(*files: tuple[Path, str]):
    """Write files that belong together, (path, text) each: all whole before any is renamed
    into place, in the order given, the last being the one make dates them by (the target
    make is asked for; this module's docstring says why)."""
    _write(list(files))


def _write(files: list[tuple[Path, str]]):
    temporaries = [path.with_name(f".{path.name}.{os.getpid()}.tmp") for path, _ in files]
    pause = len(files) > 1 and sorted(set(os.environ.get(PAUSE_WRITING, "").split())
                                      & {path.name for path, _ in files})
    with signals_held() as held:
        try:
            for (path, text), temporary in zip(files, temporaries, strict=True):
                with _naming(path):
                    temporary.write_text(text, encoding="utf-8")
            for i, ((path, _), temporary) in enumerate(zip(files, temporaries, strict=True)):
                if i == 1 and pause:
                    _pause(held, pause)
                with _naming(path):
                    os.replace(temporary, path)
        finally:
            for temporary in temporaries:
                temporary.unlink(missing_ok=True)


@contextmanager
def _naming(path: Path):
    """An error names the file meant, not the temporary one."""
    try:
        yield
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None


@contextmanager
def signals_held():
    """The signals of HELD that arrive inside, delivered on the way out (the list of them is
    what `with` gives). Handlers are Python's to set only in the main thread; elsewhere, and
    for a signal ignored (a background job's Ctrl-C) or handled outside Python, nothing is
    held."""
    held: list[int] = []
    before = {}
    if threading.current_thread() is threading.main_thread():
        for signum in HELD:
            handler = signal.getsignal(signum)
            if handler not in (signal.SIG_IGN, None):
                before[signum] = signal.signal(signum, lambda signum, frame: held.append(signum))
    try:
        yield held
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(held):
            signal.raise_signal(signum)


def _pause(held: list[int], names: list[str]):
    PAUSED.parent.mkdir(parents=True, exist_ok=True)
    said = PAUSED.with_name(f".{PAUSED.name}.{os.getpid()}.tmp")  # whole once it is there
    said.write_text(f"{os.getpid()} {' '.join(names)}\n", encoding="utf-8")
    os.replace(said, PAUSED)
    deadline = time.monotonic() + 60  # a test that sends nothing fails, it does not hang
    while not held and PAUSED.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def remove_dead_temporaries(*folders: Path) -> list[Path]:
    """Remove the temporaries that writers killed by kill -9 left in `folders`: those whose
    process has ended (a live writer's, or a process that took a dead one's id, are left to a
    later run). On one machine: a process of another (a container) cannot be asked."""
    removed = []
    for folder in folders:
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            match = _TEMPORARY.fullmatch(name)
            if match and not _running(int(match["pid"])):
                path = Path(folder) / name
                if path.is_dir():  # a release folder drafted whole before its rename
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether the process can still write: it exists and is not a zombie (one that has ended
    and waits for its parent, or for init, to collect its status)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return True  # no /proc to tell: assume it runs
    return stat.rpartition(b")")[2].split()[:1] not in ([b"Z"], [b"X"])


def sha256_file(path: Path) -> str:
    """The same for a file's bytes, read in chunks (bulk tables run to gigabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def sha256(text: str) -> str:
    """The content hash recorded for a file: 'sha256:' and the hex digest of its UTF-8 bytes."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
