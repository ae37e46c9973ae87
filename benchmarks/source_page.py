"""How long `python -m tradeclaims source` takes on a GAC table page, as a user runs it (a new
Python, the repository's dataset loaded for the warnings), against a baseline measured in the
same run: a new Python that imports tradeclaims and exits.

    .venv/bin/python benchmarks/source_page.py [--runs 5]

Prints, per page, the median wall-clock and CPU seconds (user+sys of the child) of the
command, the baseline's, and their ratio. The goal (issue 32): under 5 s a page. The pages are
the fragments of real GAC pages in tests/fixtures/tables/ (README there), drafted into a
temporary folder, never into data/."""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from tradeclaims import paths

TABLES = paths.ROOT / "tests" / "fixtures" / "tables"
PAGES = [("gac-en-5-2026-02-table-rows.txt", ["--partial"]),
         ("gac-en-5-2023-10-plain-rows.txt", ["--partial", "--unit", "thousand USD"]),
         ("gac-en-7-2024-12-year-no-unit.txt", ["--partial", "--unit", "thousand USD"])]


def timed(command: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    status = subprocess.run(command, capture_output=True, cwd=paths.ROOT).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; median of {args.runs} runs")
    base = [timed([sys.executable, "-c", "import tradeclaims.__main__"])
            for _ in range(args.runs)]
    base_wall = statistics.median(w for w, _, _ in base)
    print(f"baseline (python, import tradeclaims): {base_wall:.2f} s wall, "
          f"{statistics.median(c for _, c, _ in base):.2f} s CPU")
    failed = 0
    for name, options in PAGES:
        runs = []
        for i in range(args.runs):
            with tempfile.TemporaryDirectory() as root:
                runs.append(timed([sys.executable, "-m", "tradeclaims", "source",
                                   str(TABLES / name), "--id", f"bench-{i}", "--root", root,
                                   "--url", "http://english.customs.gov.cn/Statics/x.html",
                                   *options]))
        wall = statistics.median(w for w, _, _ in runs)
        statuses = {s for _, _, s in runs}
        failed += statuses != {0}
        print(f"{name}: {wall:.2f} s wall, {statistics.median(c for _, c, _ in runs):.2f} s "
              f"CPU, {wall / base_wall:.1f}x the baseline, exit {sorted(statuses)}; "
              f"goal < 5 s: {'met' if wall < 5 else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
