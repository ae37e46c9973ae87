"""How the everyday loop grows with the registry: in a copy of the repository with its git
history, N synthetic articles (claims copied from the registry with new ids, marked synthetic
in outlet and title, left uncommitted as a user's new articles are) are built, then each step
is timed: the full build, the no-op, one claim edited, one article added, a lib/ file touched
(every page), and `make test`. Prints a table with the cost per article and writes it to a CSV.

    .venv/bin/python benchmarks/many_articles.py [--articles 50] [--out FILE.csv] [--no-test]
        [--repeat R]   (R edits and R additions, and their medians)
        [--index]   (the index in headless Chromium: load and filter times; needs chromium)

Wall time is what a user waits; CPU time (user + system of every process a step started, the
runner and its kernels too: this process is their subreaper) says how much of it the machine was
busy, which stays comparable when other work shares it; `load` is the 1-minute load average
before and after each step."""

import argparse
import csv
import ctypes
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tradeclaims import paths

sys.path.insert(0, str(paths.ROOT / "tests"))  # the repository copies the tests use too
from workspace import Workspace  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


def cpu_seconds() -> float:
    """CPU time of every process this one started and waited for, orphans included: the
    runner a build's first page starts outlives that page's recipe, and so would go
    uncounted; as this process's subreaper, it and its kernels are waited for here."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("N", 50)))
    parser.add_argument("--out", type=Path, default=paths.ROOT / "benchmarks" / "many_articles.csv")
    parser.add_argument("--no-test", action="store_true", help="skip timing make test")
    parser.add_argument("--repeat", type=int, default=1,
                        help="edits and additions, each timed (and their medians)")
    parser.add_argument("--index", action="store_true",
                        help="time the index in headless Chromium (needs chromium)")
    args = parser.parse_args(argv)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1)
    scratch = Path(tempfile.mkdtemp(prefix="tradeclaims-articles-"))
    try:
        return bench(Workspace(scratch / "repo", git=True), args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def bench(ws: Workspace, args) -> int:
    n, rows = args.articles, []
    print(f"{n} synthetic articles in {ws.root}, {os.cpu_count()} CPUs", flush=True)

    def step(label: str, *command, pages: int | None = None) -> list[str]:
        cpu, load, start = cpu_seconds(), os.getloadavg()[0], time.perf_counter()
        result = ws.run(*command)
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        load = f"{load:.1f}-{os.getloadavg()[0]:.1f}"
        if result.returncode:
            sys.exit(f"{label} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        built = [name for name in re.findall(r"wrote reports/(\S+)\.html", result.stdout)
                 if name != "index"]
        tests = re.search(r"(\d+) passed", result.stdout)
        rows.append({"articles": n, "figure": label, "wall_s": round(wall, 2),
                     "cpu_s": round(cpu, 2), "pages_built": len(built),
                     "wall_s_per_page": round(wall / pages, 3) if pages else "",
                     "tests": tests[1] if tests else "", "load": load})
        print(f"  {label}: {wall:.1f} s wall, {cpu:.1f} s CPU, {len(built)} pages, load {load}",
              flush=True)
        return built

    ids = ws.add_articles(n)
    step(f"full build of {n} new article pages (make -j2 reports)", "make", "-j2", "reports",
         pages=n)
    step("no-op (make -j2 reports)", "make", "-j2", "reports")
    for k in range(args.repeat):  # each time another article's claim, then a new article
        edit_quote(ws, edited := ids[-1 - k])
        built = step("one claim edited", "make", "-j2", "reports")
        _expect(built, {f"article-{edited}", "ledger"})
    for k in range(args.repeat):
        added = ws.add_articles(1, start=n + 1 + k)
        built = step("one article added", "make", "-j2", "reports")
        _expect(built, {f"article-{added[0]}", "ledger"})
    if args.repeat > 1:
        rows.extend(medians(rows, n, ("one claim edited", "one article added")))
    (ws.root / "lib" / "tradeclaims" / "report" / "tables.py").touch()
    pages = len(list((ws.root / "reports").glob("*.html"))) - 1
    step(f"a lib/ file touched: every page ({pages})", "make", "-j2", "reports", pages=pages)
    if not args.no_test:
        step("make test", "make", "test")
        prove_the_guard(ws, ids[-1])
    ledger = ws.root / "reports" / "ledger.html"
    print(f"  the ledger page: {ledger.stat().st_size / 1e6:.1f} MB")
    if args.index:
        rows.extend(index_in_browser(ws, n))
    print(f"\n{'figure':<58} {'wall':>8} {'CPU':>8} {'pages':>6} {'s/page':>7}")
    for row in rows:
        cpu = f"{row['cpu_s']:>7.1f}s" if row["cpu_s"] != "" else " " * 8
        print(f"{row['figure']:<58} {row['wall_s']:>7.2f}s {cpu} "
              f"{row['pages_built']:>6} {row['wall_s_per_page'] or '':>7}")
    write(args.out, n, rows)
    return 0


def edit_quote(ws: Workspace, article_id: str):
    """The quote of the article's first claim starts with "Edited: " (inside its quotes, if
    it has them)."""
    head = f"{article_id}-01,{article_id},"
    text = (ws.root / "data" / "claims.csv").read_text(encoding="utf-8")
    quoted = text[text.index(head) + len(head)] == '"'
    ws.edit("data/claims.csv", head + '"' * quoted, head + '"' * quoted + "Edited: ")


def medians(rows: list[dict], n: int, labels) -> list[dict]:
    out = []
    for label in labels:
        runs = [row for row in rows if row["figure"] == label]
        out.append(runs[0] | {
            "figure": f"{label} (median of {len(runs)})",
            "wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
            "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
            "load": " ".join(r["load"] for r in runs)})
    return out


def prove_the_guard(ws: Workspace, article_id: str):
    """Mutation: the last article gets a claim of its own on a release no other page shows;
    that release's figure changes; make test must fail through the page guard, naming the
    article's page and the figure."""
    from registry import META, SOURCE_HEADER

    folder = ws.root / "data" / "sources" / "zz-guard"
    folder.mkdir()
    (folder / "source.yaml").write_text(META, encoding="utf-8")
    row = "VNM,KOR,export,TOTAL,2025,value,,25.6,tỷ USD,"
    (folder / "data.csv").write_text(SOURCE_HEADER + row + "\n", encoding="utf-8")
    with (ws.root / "data" / "claims.csv").open("a", encoding="utf-8") as f:
        f.write(f"{article_id}-zz,{article_id},exports to Korea reached $25.6 billion,25.6,USD,"
                "billion,,level,reporter=VNM partner=KOR flow=export period=2025 unit=USD "
                "source_id=zz-guard,,,,,,\n")
    for command in (["make", "data"], ["make", "-j2", "reports"]):
        if ws.run(*command).returncode:
            sys.exit(f"the guard's proof could not build: {' '.join(command)}")
    (folder / "data.csv").write_text(SOURCE_HEADER + row.replace("25.6", "25.7") + "\n",
                                     encoding="utf-8")
    ws.run("make", "data")
    result = ws.run("make", "test")
    page = f"reports/article-{article_id}.ipynb"
    named = [line for line in result.stdout.splitlines() if "zz: " in line and "25.7" in line]
    caught = result.returncode != 0 and f"{page}, cell " in result.stdout and named
    print(f"  the page guard {'caught' if caught else 'MISSED'} the changed figure: "
          f"{page}: {named[0].strip() if named else '(not named)'}", flush=True)
    if not caught:
        sys.exit(result.stdout[-3000:])


def _expect(built: list[str], expected: set[str]):
    if set(built) != expected:
        print(f"    rebuilt {sorted(built)}, expected {sorted(expected)}", flush=True)


def index_in_browser(ws: Workspace, n: int) -> list[dict]:
    """Load reports/index.html in headless Chromium and time a filter, through the DevTools
    protocol of the engine tests (tests/engines/browser.py)."""
    sys.path.insert(0, str(paths.ROOT / "tests" / "engines"))
    from browser import index_timings  # noqa: PLC0415

    page = ws.root / "reports" / "index.html"
    timings = index_timings(page)
    print(f"  the index: {page.stat().st_size / 1e6:.1f} MB, " +
          ", ".join(f"{k} {v:.0f} ms" for k, v in timings.items()), flush=True)
    return [{"articles": n, "figure": f"index in Chromium: {k}", "wall_s": round(v / 1000, 3),
             "cpu_s": "", "pages_built": "", "wall_s_per_page": "", "tests": "",
             "load": ""} for k, v in timings.items()]


def write(out: Path, n: int, rows: list[dict]):
    """Replace this N's rows in the CSV, keeping those of other sizes."""
    kept = []
    if out.exists():
        with out.open(encoding="utf-8", newline="") as f:
            kept = [row for row in csv.DictReader(f) if row["articles"] != str(n)]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(kept, key=lambda r: int(r["articles"])) + rows)
    print(f"wrote {out}")


if __name__ == "__main__":
    sys.exit(main())
