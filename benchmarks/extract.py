"""How long `extract` takes on long texts: news (the English articles of ../shared/articles or,
without them, a paragraph of this file, repeated to each size) and a dense table (a figure every
25 characters, as in a statistical communiqué), timed against a baseline measured in the same
run (one pass of the number pattern over the text, which no extractor can beat).

    .venv/bin/python benchmarks/extract.py [--size 1000000 ...]

Prints one line per size: seconds, figures found, seconds per MB and the ratio to the baseline.
The goal (issue 22): linear, with 1 MB in at most 3 s."""

import argparse
import re
import time

from tradeclaims import paths
from tradeclaims.claims import extract

ARTICLES = paths.ROOT.parent / "shared" / "articles"
FALLBACK = ("China's exports rose 5.5% to $3.77 trillion in 2025, while imports fell 0.5% to "
            "$2.58 trillion, leaving a surplus of nearly $1.19 trillion. Trade with ASEAN "
            "reached 7.39 trillion yuan, up 8.2 percent, about one-fifth of the total.\n")


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, action="append",
                        help="characters of text (default: 60 000, 250 000, 1 000 000)")
    sizes = parser.parse_args().size or [60_000, 250_000, 1_000_000]
    news = sample()
    print(f"{'text':>6} {'chars':>10} {'seconds':>8} {'figures':>8} {'s per MB':>9} "
          f"{'x baseline':>11}")
    for kind in ("news", "table"):
        for size in sizes:
            text = (news * (size // len(news) + 1))[:size] if kind == "news" else table(size)
            baseline, _ = timed(lambda t: sum(1 for _ in re.finditer(extract._NUMBER["en"], t)),
                                text)
            seconds, figures = timed(extract.find, text, "en")
            print(f"{kind:>6} {size:>10} {seconds:>8.2f} {len(figures):>8} "
                  f"{seconds / size * 1e6:>9.2f} {seconds / baseline:>11.0f}")


if __name__ == "__main__":
    main()
