"""How fast the reports build, against the plain papermill + nbconvert way, in one run on one
machine. Prints medians and ratios to the baseline and writes them to a CSV, with the machine's
load average (1 min) as each timing began: other work on the machine slows both ways.

    .venv/bin/python benchmarks/report_builds.py [--runs 3] [--out FILE.csv] [--no-test]

Everything runs in throwaway copies of the repository (tests/workspace.py), never in it."""

import argparse
import csv
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tradeclaims import paths
from tradeclaims.kernel.provisioner import KERNEL
from tradeclaims.report.config import load_config

sys.path.insert(0, str(paths.ROOT / "tests"))  # the repository copies the tests use too
from workspace import Workspace  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    if getattr(result, "returncode", 0) != 0:
        sys.exit(f"benchmark step failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def baseline(ws: Workspace, out: Path):
    """Each report the plain way: the papermill CLI, then the jupyter nbconvert CLI."""
    bin_dir = ws.root / ".venv" / "bin"
    for name, report in load_config(ws.root / "notebooks" / "reports.yaml").items():
        executed = out / f"{name}.ipynb"
        notebook = ws.root / "notebooks" / report.notebook.name
        params = [arg for k, v in report.parameters.items() for arg in ("-p", k, str(v))]
        for command in ([str(bin_dir / "papermill"), str(notebook), str(executed),
                         "-k", KERNEL, "--no-progress-bar", *params],
                        [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", str(executed)]):
            result = ws.run(*command)
            if result.returncode != 0:
                return result
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "benchmarks" / "results.csv")
    parser.add_argument("--no-test", action="store_true", help="skip timing make test")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="tradeclaims-bench-"))
    try:
        return bench(Workspace(scratch / "repo"), scratch, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def bench(ws: Workspace, scratch: Path, args) -> int:
    figures: dict[str, list[float]] = {}
    loads: dict[str, list[float]] = {}
    rebuilt: list[str] = []

    def record(label, action, prepare=None):
        for _ in range(args.runs):
            if prepare:
                prepare()
            loads.setdefault(label, []).append(os.getloadavg()[0])
            figures.setdefault(label, []).append(timed(action))
        print(f"  {label}: {statistics.median(figures[label]):.2f} s", flush=True)

    print(f"{args.runs} runs each, {os.cpu_count()} CPUs, in {ws.root}")
    out = scratch / "baseline"
    out.mkdir()
    record("baseline: papermill CLI + nbconvert CLI, one report after another",
           lambda: baseline(ws, out))
    record("make reports, from scratch", lambda: ws.make("reports"), ws.clear_reports)
    record("make -j2 reports, from scratch", lambda: ws.make("-j2", "reports"), ws.clear_reports)
    record("make reports, nothing changed", lambda: ws.make("reports"))

    def touch():
        (ws.root / "notebooks" / "asean.ipynb").touch()

    def one_change():
        result = ws.make("reports")
        rebuilt[:] = re.findall(r"wrote reports/(\S+)\.html", result.stdout)
        return result

    record("make reports, one notebook touched", one_change, touch)
    article = next(r.article_id for r in load_config(ws.root / "notebooks" / "reports.yaml",
                                                     ws.root / "data" / "articles.csv").values()
                   if r.article_id)
    added = []

    def add_claim():  # a new claim on one article, different each run
        added.append(f"zz-bench-{len(added) + 1}")
        with (ws.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
            f.write(f"{added[-1]},{article},a forecast,1,USD,,,not_checkable,,,,,a forecast,"
                    "forecast_or_opinion,\n")

    def claim_change():
        result = ws.make("reports")
        rebuilt_claim[:] = re.findall(r"wrote reports/(\S+)\.html", result.stdout)
        return result

    rebuilt_claim: list[str] = []
    record(f"make reports, one claim added to {article}", claim_change, add_claim)
    if not args.no_test:
        record("make test", lambda: ws.make("test"))

    base = statistics.median(next(iter(figures.values())))
    rows = [{"figure": label, "median_s": round(statistics.median(times), 3),
             "ratio_to_baseline": round(statistics.median(times) / base, 3),
             "runs": len(times), "all_s": " ".join(f"{t:.3f}" for t in times),
             "load": " ".join(f"{load:.1f}" for load in loads[label])}
            for label, times in figures.items()]
    print(f"\n{'figure':<68} {'median':>9} {'x baseline':>11}  load")
    for row in rows:
        print(f"{row['figure']:<68} {row['median_s']:>8.2f}s {row['ratio_to_baseline']:>11.3f}  "
              f"{row['load']}")
    print(f"\none notebook touched rebuilt: {', '.join(rebuilt)}")
    print(f"one claim added rebuilt: {', '.join(rebuilt_claim)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
