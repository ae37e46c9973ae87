"""Where a one-claim edit's time goes at N synthetic articles: in a copy of the repository
(tests/workspace.py, as `make bench-articles` makes it) the N articles are built, then one claim
is edited and `make -j2 reports` runs with benchmarks/timed_shell.sh as make's SHELL, which logs
each recipe's wall and CPU time and when each line it printed came. Prints every step from the
edit's start, twice (two claims of two articles, one after the other).

    .venv/bin/python benchmarks/edit_steps.py [--articles 50]"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tradeclaims import paths

sys.path.insert(0, str(paths.ROOT / "tests"))
from workspace import Workspace  # noqa: E402

SHELL = paths.ROOT / "benchmarks" / "timed_shell.sh"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="tradeclaims-edit-"))
    try:
        ws = Workspace(scratch / "repo", git=True)
        ids = ws.add_articles(args.articles)
        for goal in (["-j2", "reports"], ["-j2", "reports"]):  # the pages, then nothing to do
            if (result := ws.make(*goal)).returncode:
                sys.exit(result.stderr[-3000:])
        for edited in ids[-1], ids[-2]:
            ws.edit("data/claims.csv", f"{edited}-01,{edited},", f"{edited}-01,{edited},Edited: ")
            log = scratch / "steps.log"
            log.unlink(missing_ok=True)
            before, start = os.times(), time.time()
            result = ws.run("make", "--no-print-directory", "-j2", f"SHELL={SHELL}", "reports",
                            env={**ws.env, "TSH_LOG": str(log)})
            wall, after = time.time() - start, os.times()
            if result.returncode:
                sys.exit(result.stderr[-3000:])
            cpu = (after.children_user + after.children_system
                   - before.children_user - before.children_system)
            print(f"{args.articles} articles, claim of {edited} edited: {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU")
            print_steps(log.read_text(encoding="utf-8"), start)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def print_steps(log: str, start: float):
    """Recipes of 20 ms or more, and the lines the runner and the index print, from `start`."""
    seen = set()
    for line in log.splitlines():
        if line.startswith("RECIPE"):
            head, command = line.split(" :: ", 1)
            _, begin, end, status, cpu = head.split()
            if float(end) - float(begin) >= 0.02:
                print(f"  {float(begin) - start:6.2f} .. {float(end) - start:6.2f} s "
                      f"{float(end) - float(begin):6.2f} s wall {float(cpu):6.2f} s CPU  "
                      f"{command[:80]}")
        elif line.startswith("  LINE"):
            _, when, text = line.strip().split(" ", 2)
            if text.startswith(("running", "wrote")) and text not in seen:  # nested recipes
                seen.add(text)  # log a line once for each make around it
                print(f"  {float(when) - start:6.2f} s    {text[:90]}")


if __name__ == "__main__":
    sys.exit(main())
