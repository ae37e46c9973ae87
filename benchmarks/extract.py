"""How long `extract` takes on long texts, timed against a baseline measured in the same run
(one pass of the number pattern over the text, which no extractor can beat):

- `extract.find` on news (the English articles of ../shared/articles or, without them, a
  paragraph of this file, repeated to each size) and on a dense table (a figure every 25
  characters, as in a statistical communiqué);
- the whole command, proposals included (`python -m tradeclaims extract FILE --article ID
  --date DATE`, in a new Python as a user runs it), on the paragraph below repeated: two
  sentences, eight figures, as dense as a press conference's transcript.

    .venv/bin/python benchmarks/extract.py [--size 1000000 ...] [--paragraphs 2000 ...]
        [--out FILE.csv]

Prints one line per text: seconds (and CPU seconds, the command's), figures found, seconds per
MB and the ratio to the baseline; writes them to benchmarks/extract.csv with the load average
as each timing began. The goals: linear; `find` on 1 MB in at most 3 s (issue 22); the command
on 0.36 MB of dense paragraphs in under 3 s and on 5 MB in under 40 s (issue 30)."""

import argparse
import csv
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tradeclaims import paths
from tradeclaims.claims import extract

ARTICLES = paths.ROOT.parent / "shared" / "articles"
FALLBACK = ("China's exports rose 5.5% to $3.77 trillion in 2025, while imports fell 0.5% to "
            "$2.58 trillion, leaving a surplus of nearly $1.19 trillion. Trade with ASEAN "
            "reached 7.39 trillion yuan, up 8.2 percent, about one-fifth of the total.\n")
# 0.36 MB (the size), 2,000 paragraphs (its count: 0.46 MB of this longer paragraph), and
# the most under extract.MAX_BYTES (5 MB)
PARAGRAPHS = [360_000 // len(FALLBACK), 2_000, extract.MAX_BYTES // len(FALLBACK.encode())]
COLUMNS = ["what", "text", "chars", "seconds", "cpu_seconds", "figures", "s_per_mb",
           "x_baseline", "load"]


def sample() -> str:
    texts = sorted(ARTICLES.glob("*.txt")) if ARTICLES.exists() else []
    english = [p.read_text(encoding="utf-8") for p in texts]
    english = [t for t in english if extract.language(t) == "en"] or [FALLBACK]
    return "\n\n".join(english)


def table(size: int) -> str:
    """Lines of a release's table: three figures in 80 characters."""
    lines, length, n = [], 0, 0
    while length < size:
        n += 1
        line = (f"Exports to partner {n % 97}: {n % 900 + 100},{n % 1000:03d}.{n % 10} million "
                f"USD, up {n % 40}.{n % 7}%, share {n % 30}.{n % 9} percent\n")
        lines.append(line)
        length += len(line)
    return "".join(lines)[:size]


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def baseline(text: str) -> float:
    seconds, _ = timed(lambda t: sum(1 for _ in re.finditer(extract._NUMBER["en"], t)), text)
    return seconds


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(text: str, folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of `python -m tradeclaims extract` on the text, and its drafts."""
    article = folder / "dense.txt"
    article.write_text(text, encoding="utf-8")
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "tradeclaims", "extract", str(article),
                             "--article", "dense", "--date", "2026-03-13"],
                            capture_output=True, text=True, cwd=paths.ROOT)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    if result.returncode:
        sys.exit(f"extract failed:\n{result.stderr[-3000:]}")
    return wall, cpu, len(result.stdout.splitlines()) - 1


def row(what: str, kind: str, text: str, seconds: float, cpu: float | str, figures: int,
        load: float) -> dict:
    return {"what": what, "text": kind, "chars": len(text), "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3) if cpu != "" else "", "figures": figures,
            "s_per_mb": round(seconds / len(text) * 1e6, 3),
            "x_baseline": round(seconds / baseline(text)), "load": f"{load:.1f}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, action="append",
                        help="characters of text for find (default: 60 000, 250 000, 1 000 000)")
    parser.add_argument("--paragraphs", type=int, action="append",
                        help="paragraphs for the command (default: "
                        f"{', '.join(f'{n:,}' for n in PARAGRAPHS)}: 0.36, 0.46 and 5 MB)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "benchmarks" / "extract.csv")
    args = parser.parse_args()
    rows, news = [], sample()
    print(f"{'what':>7} {'text':>10} {'chars':>10} {'seconds':>8} {'CPU s':>6} {'figures':>8} "
          f"{'s per MB':>9} {'x baseline':>11}  load", flush=True)

    def show(r: dict):
        rows.append(r)
        print(f"{r['what']:>7} {r['text']:>10} {r['chars']:>10} {r['seconds']:>8.2f} "
              f"{r['cpu_seconds'] or '':>6} {r['figures']:>8} {r['s_per_mb']:>9.2f} "
              f"{r['x_baseline']:>11}  {r['load']}", flush=True)

    for kind in ("news", "table"):
        for size in args.size or [60_000, 250_000, 1_000_000]:
            text = (news * (size // len(news) + 1))[:size] if kind == "news" else table(size)
            load = os.getloadavg()[0]
            seconds, figures = timed(extract.find, text, "en")
            show(row("find", kind, text, seconds, "", len(figures), load))
    with tempfile.TemporaryDirectory(prefix="tradeclaims-extract-") as folder:
        for n in args.paragraphs or PARAGRAPHS:
            text = FALLBACK * n
            load = os.getloadavg()[0]
            seconds, cpu, drafts = command(text, Path(folder))
            show(row("command", "paragraphs", text, seconds, cpu, drafts, load))
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
