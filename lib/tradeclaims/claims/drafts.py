"""Check drafts before they are registered: evaluate each drafted recipe against the dataset with
the registry's own engine, without reading or touching data/claims.csv, and before the
article's row exists. A draft with no recipe yet, or one the data cannot settle, says what is
missing (the series asked, what exists nearby) and the table that would settle it."""

from dataclasses import replace
from pathlib import Path

import pandas as pd

from tradeclaims import paths
from tradeclaims.bulk.dataset import WithBulk, attach
from tradeclaims.claims import ledger, recipes
from tradeclaims.claims.engine import Engine, MissingSeries, Verdict
from tradeclaims.claims.in_force import InForce
from tradeclaims.claims.registry import (
    COLUMNS,
    DERIVED,
    OPTIONAL,
    Claim,
    claim_from_row,
    parse_spec,
    read_articles,
    row_problems,
)
from tradeclaims.csvfile import read_rows
from tradeclaims.data.query import Dataset
from tradeclaims.errors import InputError, InputErrors

# The checked drafts: the ledger's columns, then the recipe that was checked, then the verdict
# of each other plausible reading of a draft whose reading is to confirm.
CHECK_COLUMNS = [*ledger.COLUMNS, "series", "base", "readings"]
# The verdict of a draft whose proposed reading contradicts the article while another plausible
# reading does not: the reviewer picks the reading before anything accuses the article.
TO_CONFIRM = "to_confirm"
# Problems a draft may have before it is finished: reported beside it, not refused.
_UNFINISHED = ("needs a series", "names no ", "needs a base", "must say why in its note",
               "needs a reason")


def load(path: Path, known_sources: set[str]) -> tuple[list[Claim], dict[int, str]]:
    """The drafts of a CSV file in the registry's format: the claims ready to evaluate, and
    for each unfinished row (by line) what it still needs. Malformed values are refused, each
    naming the file, row and field."""
    rows = read_rows(path, COLUMNS, optional=OPTIONAL)
    # a draft may come before its article's row; with one, its period is checked against its date
    dates = read_articles().date.to_dict() if paths.ARTICLES_CSV.exists() else {}
    claims, unfinished, errors, seen = [], {}, [], {}
    for line, raw in rows:
        for column in OPTIONAL:
            raw.setdefault(column, "")
        if not raw["kind"]:
            unfinished[line] = "no recipe yet (kind is empty)"
            seen.setdefault(raw["claim_id"].casefold(), line)
            continue
        article = {raw["article_id"]: dates.get(raw["article_id"], "")}
        problems = row_problems(raw, article, seen, known_sources)
        seen.setdefault(raw["claim_id"].casefold(), line)
        waiting = [f"{name}: {message}" for name, message in problems
                   if any(words in message for words in _UNFINISHED)]
        errors += [InputError(path, f"claim {raw['claim_id'] or '?'}: {message}", row=line,
                              field=name) for name, message in problems
                   if not any(words in message for words in _UNFINISHED)]
        if waiting:
            unfinished[line] = "; ".join(waiting)
        elif not problems:
            claims.append(claim_from_row(raw, line, path))
    if errors:
        raise InputErrors(errors)
    return claims, {line: (raw, unfinished[line]) for line, raw in rows if line in unfinished}


def check(path: Path, data: Dataset | None = None, date: str = "",
          chosen: bool = False) -> pd.DataFrame:
    """One row per draft, in the file's order: its verdict and recomputed value, or what is
    missing (CHECK_COLUMNS). Each is judged against the releases in force at its article's
    date (`date`, else its row in data/articles.csv; in_force.InForce), and its note says when
    a later release would change the verdict. `chosen`: the recipes are a person's choice, as
    registered claims' are, so the rules for machine readings (to_confirm) do not apply."""
    data = data or attach(Dataset.load())
    claims, unfinished = load(path, set(data.sources))
    if isinstance(data, WithBulk):
        data.bulk.prefetch_claims(claims)
    known = read_articles().date.to_dict() if paths.ARTICLES_CSV.exists() and not date else {}
    engines = {}

    def engine(day: str, latest: bool = False) -> Engine:
        if (day, latest) not in engines:
            engines[day, latest] = Engine(InForce(data, day, latest))
        return engines[day, latest]

    rows = {}
    for claim in claims:
        day = date or str(known.get(claim.article_id, ""))
        later = engine(day, latest=True) if day else None
        rows[claim.row] = _evaluate(engine(day), claim) if chosen else _judge(
            engine(day), claim, later)
    for line, (raw, missing) in unfinished.items():
        rows[line] = {**dict.fromkeys(CHECK_COLUMNS, ""), **{k: raw.get(k, "") for k in (
            "claim_id", "article_id", "quote", "kind", "qualifier", "reason", "origin",
            "series", "base")}, "claimed": _number(raw["claimed"]), "recomputed": None,
            "unit": " ".join(p for p in (raw["scale"], raw["unit"]) if p),
            "note": f"Unfinished: {missing}." + (f" Hints: {raw['note']}" if raw["note"] else "")}
    table = pd.DataFrame([rows[line] for line in sorted(rows)], columns=CHECK_COLUMNS)
    return table


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def _say_releases(row: dict, claim: Claim, engine: Engine, later: Engine | None):
    """Add to the note when the verdict rests on a release published after the article, or
    when the latest release (`later`: None where no two releases overlapped) would change
    it."""
    sources = row["sources"].split()
    after = engine.data.after(sources)
    if after:
        row["note"] += (f" Judged against {', '.join(after)}, published after the article: the "
                        "release it reports is not in data/sources/.")
    if later is None:
        return
    revised = _evaluate(later, claim)
    if revised["sources"] != row["sources"] and revised["verdict"] != row["verdict"]:
        recomputed = revised["recomputed"]
        row["note"] += (f" The later release ({revised['sources']}) would make it "
                        f"{revised['verdict'] or 'no verdict'}" + (
                            f" ({recomputed:.6g})" if recomputed is not None else "") + ".")


def _judge(engine: Engine, claim: Claim, later: Engine | None = None) -> dict:
    """A draft's verdict. One whose note says its reading is to confirm (recipes.to_confirm)
    is also judged on each other reading it lists, and is `contradicted` only when every one
    of them contradicts; otherwise a contradicted proposal becomes TO_CONFIRM."""
    choices = engine.data.choices
    row = _evaluate(engine, claim)
    if later is not None:
        _say_releases(row, claim, engine, later if engine.data.choices > choices else None)
    if _far(row):  # a machine's reading this far off is likelier misread than misreported
        row["verdict"] = TO_CONFIRM
        row["note"] = (f"The figure is more than {FAR:.0%} off the proposed reading: the reading "
                       f"may be wrong; pick it before a verdict. As proposed: {row['note']}")
    if _round_zeros(row, claim):
        row["verdict"] = TO_CONFIRM
        row["note"] = (f"Printed {claim.printed}: read to its last zero it contradicts, read as "
                       "rounded to the digit before its zeros it does not; confirm the "
                       f"figure's precision before a verdict. As proposed: {row['note']}")
    others = recipes.other_readings(claim.note)
    if others is None:
        return row | {"readings": ""}
    if claim.kind == DERIVED:  # its readings are of one series, not of the expression's terms
        others = [{}]
    unlisted = {} in others  # a doubt whose other readings the words do not give
    judged = [(reading, _evaluate(engine, replace(claim, series={**claim.series, **reading})))
              for reading in others if reading]
    row["readings"] = "; ".join(
        f"{_spec(reading)}: {other['verdict'] or 'no verdict'}" + (
            f" ({other['recomputed']:.6g})" if other["recomputed"] is not None else "")
        for reading, other in judged)
    if row["verdict"] == "contradicted":
        if not unlisted and all(other["verdict"] == "contradicted" for _, other in judged):
            row["note"] += " Every plausible reading contradicts the figure."
        else:
            row["verdict"] = TO_CONFIRM
            row["note"] = ("The proposed reading contradicts the figure, but it is not "
                           f"certain: pick the reading before a verdict. As proposed: "
                           f"{row['note']}")
    return row


def to_confirm(verdict: str, readings: str) -> bool:
    """Whether a checked draft's readings disagree, so that the reviewer must pick one: its
    other readings (the `readings` column) do not all have its verdict."""
    return verdict == TO_CONFIRM or any(
        part.rsplit(": ", 1)[-1].split(" (")[0] != verdict
        for part in readings.split("; ") if part)


# How far off (claimed less recomputed, on the recomputed) a draft may be and still be
# `contradicted`: journalists' errors are slips, roundings and stale releases; a figure half
# off or more, or of the other sign, more often means the draft read the wrong series (a
# province's trade as the country's, a forecast's column as the outcome).
FAR = 0.5


def _far(row: dict) -> bool:
    claimed, recomputed = row["claimed"], row["recomputed"]
    if row["verdict"] != "contradicted" or claimed is None or not recomputed:
        return False
    return abs(claimed - recomputed) > FAR * abs(recomputed)


def _round_zeros(row: dict, claim: Claim) -> bool:
    """Whether a contradicted whole number ending in zeros (1,190 billion; 1.190 tỷ) is within
    half a unit of the digit before its zeros: whether its zeros are digits read or the
    rounding's, the words do not say."""
    printed = claim.printed.replace(",", "").lstrip("-")
    zeros = len(printed) - len(printed.rstrip("0"))
    if row["verdict"] != "contradicted" or "." in printed or not zeros or zeros == len(printed) \
            or row["claimed"] is None or row["recomputed"] is None:
        return False
    return abs(row["claimed"] - row["recomputed"]) <= 0.5 * 10 ** zeros


def _evaluate(engine: Engine, claim: Claim) -> dict:
    recipe = {"series": claim.expression if claim.kind == DERIVED else _spec(claim.series),
              "base": _spec(claim.base)}
    try:
        return engine.evaluate(claim).as_row() | recipe
    except MissingSeries as missing:
        asked = missing.message.removeprefix(f"claim {claim.claim_id}: ")
        verdict = Verdict(claim, "not_checkable", None, "", [], (
            f"{one_line(asked)}. Would be settled by {settled_by(claim)}."),
            claim.value / claim.factor if claim.value is not None else None)
        return verdict.as_row() | recipe | {"reason": "not_located"}
    except InputError as problem:  # the recipe asks something the data cannot answer as is
        asked = problem.message.removeprefix(f"claim {claim.claim_id}: ")
        verdict = Verdict(claim, "", None, "", [], f"Cannot evaluate: {one_line(asked)}",
                          claim.value / claim.factor if claim.value is not None else None)
        return verdict.as_row() | recipe


def one_line(message: str) -> str:
    """A lookup's message on one line: "no observation for …; nearby: another period: …"."""
    parts = []
    for line in message.splitlines():
        line = line.strip()
        if line.startswith("with another") and parts:
            joint = "; nearby: " if "nearby" not in parts[-1].rsplit("no observation", 1)[-1] \
                else "; "
            parts[-1] += joint + line.removeprefix("with ")
        elif line:
            parts.append(line)
    return "; ".join(parts)


def _spec(spec: dict) -> str:
    return " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in spec.items())


def settled_by(claim: Claim) -> str:
    """The table that would settle a claim (a derived one: its first lookup's)."""
    spec = claim.series or (parse_spec(claim.expression.strip("[]").split("]")[0])
                            if claim.expression else {})
    return recipes.settled_by(spec, spec.get("unit") or (
        claim.unit if claim.unit in recipes.MONEY else ""))


def to_text(table: pd.DataFrame) -> str:
    """The checked drafts for the terminal: verdict, figures, and what each one still needs."""
    lines = []
    for row in table.itertuples():
        claimed = "" if pd.isna(row.claimed) else f"{row.claimed:g}"
        recomputed = "" if pd.isna(row.recomputed) else f"{row.recomputed:.6g}"
        verdict = row.verdict or "no verdict"
        lines.append(f"{row.claim_id}: {verdict}; claimed {claimed}"
                     + (f", recomputed {recomputed}" if recomputed else "")
                     + f" ({row.unit}) — {row.quote[:60]}")
        if row.series:
            lines.append(f"    {row.kind}: {row.series}" + (f" | base {row.base}" if row.base
                                                             else ""))
        if row.verdict != "reproduced" and row.note:
            lines.append(f"    {row.note}")
        if row.readings:
            lines.append(f"    other readings: {row.readings}")
    counts = table.verdict.replace("", "no verdict").value_counts()
    lines += ["", "  ".join(f"{verdict}: {n}" for verdict, n in counts.items())]
    return "\n".join(lines)
