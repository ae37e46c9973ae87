"""Time the weekly job on each article of an evaluation folder: `python -m tradeclaims extract`
then `check` on its drafts, as a user runs them (fresh processes, the live dataset), against a
bare `python -c pass` measured in the same run. Issue 31 asks for extract + check under 1 s an
article on the 2-core machine.

    python benchmarks/draft_speed.py [FOLDER ...]    # default: benchmarks/corpus/dev

Only the dev half's texts by default; the frozen halves' texts are read as text, never shown."""

import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def _run(*args) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(folders: list[str]) -> int:
    folders = folders or [str(ROOT / "benchmarks" / "corpus" / "dev")]
    baseline = statistics.median(_run("-c", "pass") for _ in range(5))
    print(f"bare python: {baseline:.3f} s")
    print(f"{'article':46} {'extract':>8} {'check':>8} {'both':>8} {'x bare':>7}")
    both = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in map(Path, folders):
            for article in csv.DictReader((folder / "articles.csv").open(encoding="utf-8")):
                drafts = Path(tmp) / f"{article['article_id']}.csv"
                text = folder / article["text"]
                start = time.perf_counter()
                with drafts.open("w", encoding="utf-8") as out:
                    subprocess.run([PYTHON, "-m", "tradeclaims", "extract", str(text),
                                    "--article", article["article_id"], "--date",
                                    article["date"]], check=True, cwd=ROOT, stdout=out)
                extracted = time.perf_counter() - start
                checked = _run("-m", "tradeclaims", "check", str(drafts), "--quiet", "--date",
                               article["date"])
                both.append(extracted + checked)
                print(f"{article['article_id'][:46]:46} {extracted:8.2f} {checked:8.2f} "
                      f"{both[-1]:8.2f} {both[-1] / baseline:7.1f}")
    print(f"median {statistics.median(both):.2f} s, slowest {max(both):.2f} s an article "
          f"(goal: under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
