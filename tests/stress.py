"""`make test-stress`: `make test` run after run in a fresh clone of HEAD (with ../shared beside
it, as CI has it) while other processes spin on the CPUs, so that a race between a test and the
processes it starts shows itself. It passes only if every run is green.

    python3 tests/stress.py [--runs 20] [--spinners 2] [--keep]

Prints one line per run (its result, its time and pytest's closing line) and keeps the whole
output of every failed run. Not part of `make test` or CI: 20 runs take about 40 minutes."""

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPIN = "while True: pass"


def clone(into: Path) -> Path:
    """A clone of HEAD, and ../shared beside it when the checkout has one."""
    repo = into / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (into / "shared").symlink_to(shared)
    return repo


def closing_line(output: str) -> str:
    lines = [line for line in output.splitlines() if " in " in line and (
        " passed" in line or " failed" in line or " error" in line)]
    return lines[-1].strip("= ") if lines else "(no pytest summary)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--spinners", type=int, default=2, help="processes spinning on a CPU")
    parser.add_argument("--keep", action="store_true", help="keep the clone afterwards")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tradeclaims-stress-"))
    logs = work / "failed"
    logs.mkdir()
    repo = clone(work)
    env = subprocess.run(["make", "-s", "env"], cwd=repo, capture_output=True, text=True)
    if env.returncode:  # built once, outside the timings
        sys.exit(f"make env failed in {repo}:\n{env.stdout}{env.stderr}")
    print(f"make test x {args.runs} beside {args.spinners} spinning processes, in {repo}",
          flush=True)
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(args.spinners)]
    results = []
    try:
        for run in range(1, args.runs + 1):
            start = time.monotonic()
            done = subprocess.run(["make", "test"], cwd=repo, capture_output=True, text=True)
            seconds = time.monotonic() - start
            green = done.returncode == 0
            results.append(green)
            if not green:
                (logs / f"run-{run:02d}.log").write_text(done.stdout + done.stderr)
            print(f"run {run:2d}/{args.runs}: {'green' if green else 'RED  '} {seconds:6.1f} s  "
                  f"{closing_line(done.stdout)}", flush=True)
    finally:
        for spinner in spinners:
            spinner.send_signal(signal.SIGKILL)
            spinner.wait()
    red = results.count(False)
    print(f"stress: {len(results) - red} of {len(results)} runs green")
    if red:
        print(f"the output of each red run: {logs}")
    elif not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if red else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the spinners go with it
    sys.exit(main())
