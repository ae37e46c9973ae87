"""Score the recipes `extract` proposes against expected recipes, and print the three shares
issue 20 sets goals for: figures with the right kind; checkable figures whose proposed series
keys and value match (a blank is a miss); proposed recipes whose verdict is the expected one
(and, where the figure is checkable, on the expected series). Also: of the figures the data
can settle, the share settled right with no edit.

    python benchmarks/recipes.py                       # the frozen fixtures of the tests
    python benchmarks/recipes.py benchmarks/recipes    # the walkthrough article, on the live data
    python benchmarks/recipes.py benchmarks/corpus/dev # real articles, with totals per language

A folder holds articles.csv (article_id, text, date, sources; other columns are ignored, but a
`language` column adds a total per language) and <article_id>.csv, the expected rows in the
registry's columns; where they have a `verdict` column, it is the expected verdict (else the
engine's verdict on the expected recipe). benchmarks/corpus/test and test2 to test8 are frozen:
each is scored only with its own flag, --frozen-test (`make bench-recipes HALF=test`),
--frozen-test2 … --frozen-test8 (HALF=test2 …), once, by whoever scores it. With
`sources` listed, the data is those releases only (copied from data/sources/ into a temporary
folder, so adding a release changes nothing); without, the live dataset."""

import csv
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from tradeclaims import paths  # noqa: E402
from tradeclaims.claims import drafts, extract, recipes  # noqa: E402
from tradeclaims.claims.reading import peg  # noqa: E402
from tradeclaims.claims.registry import COLUMNS, parse_spec  # noqa: E402
from tradeclaims.data import build  # noqa: E402
from tradeclaims.data.fields import FLOW_IDENTITIES  # noqa: E402
from tradeclaims.data.query import Dataset  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "recipes"
KEYS = ("reporter", "partner", "flow", "product", "period", "measure", "unit")
_FLOWS = {written: flow for flow, written in FLOW_IDENTITIES.items()}


def frozen_data(sources: list[str], folder: Path) -> Dataset:
    """A dataset of the named releases only, built in `folder`."""
    root = folder / "sources"
    root.mkdir()
    for source_id in sources:
        shutil.copytree(paths.SOURCES / source_id, root / source_id)
    trade, package = folder / "trade.csv", folder / "datapackage.json"
    build.write(build.build(root), trade, package, root)
    return Dataset.load(trade, root)


def keys(row: dict) -> dict:
    """The series keys a recipe names, with the defaults the engine applies."""
    try:
        spec = parse_spec(row["series"])
    except ValueError:
        return {}
    spec = {"product": "TOTAL", "measure": "value"} | spec
    if row["kind"] not in ("growth", "share") and "unit" not in spec:
        spec["unit"] = row["unit"]
    spec["flow"] = _FLOWS.get(spec.get("flow"), spec.get("flow"))
    return {k: spec.get(k, "") for k in KEYS}


def same_keys(got: dict, want: dict) -> bool:
    """Whether two recipes name the same series. An expected rate (growth, share) that names
    no unit leaves it to the engine, which takes the only one the data holds: any unit the
    proposal names matches it, the verdicts being compared besides."""
    mine, theirs = keys(got), keys(want)
    if want["kind"] in ("growth", "share") and not theirs["unit"]:
        mine["unit"] = ""
    return mine == theirs


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _words(text: str) -> set:
    return set(text.replace("’", "'").lower().split())


def pair(expected: list[dict], proposed: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each expected row with the proposal for the same figure: the same unit and value (or
    its sign flipped, which the value check then counts wrong), the quote most alike."""
    free, pairs = list(proposed), []
    for want in expected:
        value = _number(want["claimed"])
        same = [p for p in free if p["unit"] == want["unit"] and value is not None
                and _number(p["claimed"]) in (value, -value)]
        best = max(same, key=lambda p: len(_words(p["quote"]) & _words(want["quote"])),
                   default=None)
        if best is not None:
            free.remove(best)
        pairs.append((want, best))
    return pairs


def _write(rows: list[dict], path: Path):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def checked(rows: list[dict], data: Dataset, folder: Path, name: str,
            date: str = "", chosen: bool = False) -> list[tuple[str, bool]]:
    """The verdict `check` gives each row ('' for none) at the article's date, and whether its
    readings disagree (a draft the reviewer must confirm); `chosen`, for a person's recipes."""
    if not rows:  # nothing drafted: `check` refuses a file of no rows
        return []
    path = folder / f"{name}.csv"
    _write(rows, path)
    table = drafts.check(path, data, date=date, chosen=chosen).fillna("")
    return [(verdict, drafts.to_confirm(verdict, readings))
            for verdict, readings in zip(table.verdict, table.readings, strict=True)]


def verdicts(rows: list[dict], data: Dataset, folder: Path, name: str) -> list[str]:
    """The verdict the engine gives each row of a person's recipes ('' for none), by the
    registry's rules."""
    return [verdict for verdict, _ in checked(rows, data, folder, name, chosen=True)]


def score_article(folder: Path, article: dict, data: Dataset, work: Path) -> dict | None:
    """The counts for one article; None when its text is not there (../shared/ is absent)."""
    text_path = (folder / article["text"]).resolve()
    if not text_path.exists():
        print(f"skipped {article['article_id']}: no text at {text_path}")
        return None
    text = text_path.read_text(encoding="utf-8")
    expected = list(csv.DictReader((folder / f"{article['article_id']}.csv").open(
        encoding="utf-8")))
    proposed = recipes.propose(text, article["article_id"], extract.language(text),
                               article["date"], peg.releases(data, article["date"]))
    for number, row in enumerate(proposed, 1):
        row["claim_id"] = f"p-{number}"
    for number, row in enumerate(expected, 1):
        row["claim_id"] = f"e-{number}"
    want_verdicts = [want.get("verdict") or verdict for want, verdict in zip(
        expected, verdicts(expected, data, work, f"{article['article_id']}-expected"),
        strict=True)]
    got = checked(proposed, data, work, article["article_id"], article["date"])
    got_verdicts = {p["claim_id"]: v for p, (v, _) in zip(proposed, got, strict=True)}
    confirm = {p["claim_id"]: flag for p, (_, flag) in zip(proposed, got, strict=True)}
    counts = dict.fromkeys(["figures", "drafted", "kind", "kind_or_missing", "checkable",
                            "series", "proposed",
                            "right", "settleable", "settled", "false_contradicted", "to_confirm",
                            "differ"], 0)
    for (want, got), want_verdict in zip(pair(expected, proposed), want_verdicts, strict=True):
        counts["figures"] += 1
        counts["drafted"] += got is not None
        if got is None:
            counts["checkable"] += want["kind"] != "not_checkable"
            counts["settleable"] += want_verdict not in ("not_checkable", "")
            continue
        counts["kind"] += got["kind"] == want["kind"]
        # a recipe for a series the dataset lacks: `check` says not_checkable and names the table
        counts["kind_or_missing"] += got["kind"] == want["kind"] or (
            want["kind"] == "not_checkable" and want.get("reason") == "not_located"
            and got_verdicts[got["claim_id"]] == "not_checkable")
        # a draft `extract` wrote not_located keeps its reading in the note: that is its recipe
        read = got | recipes.proposed_reading(got["note"])
        same_series = (read["kind"] == want["kind"] and read["series"] != "" and
                       same_keys(read, want) and _number(got["claimed"]) ==
                       _number(want["claimed"]))
        if want["kind"] != "not_checkable":
            counts["checkable"] += 1
            counts["series"] += same_series
        right = got_verdicts[got["claim_id"]] == want_verdict and (
            want["kind"] == "not_checkable" or same_series)
        if got["kind"] and (got["series"] or got["kind"] == "not_checkable"):
            counts["proposed"] += 1
            counts["right"] += right
            counts["to_confirm"] += got_verdicts[got["claim_id"]] == drafts.TO_CONFIRM
            counts["differ"] += confirm[got["claim_id"]]
        counts["false_contradicted"] += (got_verdicts[got["claim_id"]] == "contradicted"
                                         and want_verdict != "contradicted")
        if want_verdict not in ("not_checkable", ""):
            counts["settleable"] += 1
            counts["settled"] += right
    return counts


def score(folder: Path = FIXTURES) -> dict[str, dict]:
    """Counts per article of the folder, and their total under 'all'."""
    articles = list(csv.DictReader((folder / "articles.csv").open(encoding="utf-8")))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        live = None
        for number, article in enumerate(articles):
            sources = article["sources"].split()
            if sources:
                (work / str(number)).mkdir()
                data = frozen_data(sources, work / str(number))
            else:
                live = live or Dataset.load()
                data = live
            counts = score_article(folder, article, data, work)
            if counts is not None:
                results[article["article_id"]] = counts
    if not results:
        return {}
    total = {key: sum(r[key] for r in results.values()) for key in
             next(iter(results.values()))}
    results.update(by_language(results, articles))
    results["all"] = total
    return results


def by_language(results: dict[str, dict], articles: list[dict]) -> dict[str, dict]:
    """The counts summed per language ('all en', 'all zh-Hans' …), for articles.csv files with
    a `language` column; none without."""
    totals = {}
    for article in articles:
        counts = results.get(article["article_id"])
        if counts is None or not article.get("language"):
            continue
        total = totals.setdefault(f"all {article['language']}", dict.fromkeys(counts, 0))
        for key, value in counts.items():
            total[key] += value
    return totals


def shares(counts: dict) -> dict[str, float | None]:
    def ratio(a, b):
        return counts[a] / counts[b] if counts[b] else None

    return {"right kind": ratio("kind", "figures"),
            "series and value match": ratio("series", "checkable"),
            "proposed recipes right": ratio("right", "proposed"),
            "settleable settled right": ratio("settled", "settleable")}


def _cell(part: int, whole: int) -> str:
    return f"{part}/{whole}" + (f" {part / whole:4.0%}" if whole else "    -")


CORPUS = ROOT / "benchmarks" / "corpus"
HALVES = ("test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")
FROZEN = {CORPUS / name: f"--frozen-{name}" for name in HALVES}


def refusal(folder: Path, flags: list[str]) -> str | None:
    """Why `folder` may not be scored with these flags: a frozen half opens only to its own."""
    flag = FROZEN.get(folder.resolve())
    if flag is None or flag in flags:
        return None
    return (f"{folder} is a frozen test half: it is scored once, on purpose, with {flag} "
            f"(make bench-recipes HALF={folder.resolve().name})")


def main(argv: list[str]) -> int:
    flags = [a for a in argv if a in FROZEN.values()]
    argv = [a for a in argv if a not in FROZEN.values()]
    folder = Path(argv[0]) if argv else FIXTURES
    if (why := refusal(folder, flags)) is not None:
        print(why, file=sys.stderr)
        return 2
    print(f"{folder}:")
    results = score(folder)
    width = max([20, *map(len, results)])
    print(f"{'article':{width}} {'drafted':>12} {'right kind':>12} {'or missing':>12} "
          f"{'series match':>13} "
          f"{'proposed right':>15} {'settled right':>14} {'to confirm':>12} {'differ':>12} "
          f"{'false contr.':>12}")
    for name, c in results.items():
        print(f"{name:{width}} {_cell(c['drafted'], c['figures']):>12} "
              f"{_cell(c['kind'], c['figures']):>12} "
              f"{_cell(c['kind_or_missing'], c['figures']):>12} "
              f"{_cell(c['series'], c['checkable']):>13} {_cell(c['right'], c['proposed']):>15} "
              f"{_cell(c['settled'], c['settleable']):>14} "
              f"{_cell(c['to_confirm'], c['proposed']):>12} "
              f"{_cell(c['differ'], c['proposed']):>12} {c['false_contradicted']:>12}")
    print("drafted: figures with a draft row; right kind: of all figures; or missing: the "
          "right kind, or a recipe for a series the dataset lacks where the figure is expected "
          "not_checkable (not_located), which `check` leaves not_checkable naming the table that "
          "would settle it; series match: of the "
          "checkable ones (a blank is a miss); proposed right: of the recipes proposed, the "
          "expected verdict on the expected "
          "series; settled right: of the figures the data settles, settled with no edit; to "
          "confirm: of the recipes proposed, those `check` leaves to_confirm (the proposed reading "
          "contradicts, another does not); differ: those whose plausible readings get different "
          "verdicts; false "
          "contradicted: figures `check` calls contradicted that the expected answer does not")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
