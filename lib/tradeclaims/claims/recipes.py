"""Propose each drafted figure's recipe (`kind`, `series`, `base`) from its sentence and the
article around it: partners, flows, products and periods in English, Chinese and Vietnamese,
periods resolved against the article's date and carried from an earlier sentence when the
figure's own has none. What it cannot tell it leaves blank with a hint in `note`: a wrong
recipe that evaluates to a confident verdict is worse than none."""

from tradeclaims.claims import extract
from tradeclaims.claims.columns import COLUMNS, UNSCALED
from tradeclaims.claims.reading.proposer import Proposer
from tradeclaims.claims.reading.ranks import ranks
from tradeclaims.claims.reading.readings import (  # noqa: F401  (the recipes' API)
    OTHER_READINGS,
    RECIPE,
    TO_CONFIRM,
    UNLISTED,
    other_readings,
    proposed_reading,
    settled_by,
    spec_value,
    to_confirm,
    unlocated,
)
from tradeclaims.claims.reading.text import MAX_SENTENCE, sentences  # noqa: F401
from tradeclaims.claims.reading.words import MONEY  # noqa: F401
from tradeclaims.data.units import SCALE_WORDS


def propose(text: str, article_id: str = "", lang: str | None = None, date: str = "",
            peg: dict | None = None) -> list:
    """Draft registry rows for every figure of the text, each with its proposed recipe, and
    one for each rank stated in words; numbered ARTICLE-1, ARTICLE-2 ... in text order.
    `peg`: the periods of the releases the article reports, by reporter (peg.releases)."""
    plain, figures = extract.find_plain(text, lang)  # Chinese numerals read as digits
    proposer = Proposer(plain.text, figures, date, lang or extract.language(text), peg)
    drafts = []
    for f in figures:
        row = dict.fromkeys(COLUMNS, "")
        row.update(quote=f.quote, claimed=f.printed, unit=f.unit, scale=f.scale,
                   qualifier=f.qualifier)
        if f.unit in UNSCALED and f.scale:  # "2 billion people": the registry writes counts whole
            row.update(claimed=f"{float(f.printed) * SCALE_WORDS[f.scale]:.15g}", scale="")
        row.update(proposer.propose(f))
        drafts.append((f.start, row))
    drafts += ranks(proposer, [row for _, row in drafts])
    drafts.sort(key=lambda pair: pair[0])
    covers = getattr(peg, "covers", None)
    if covers is not None:
        drafts = [(start, unlocated(row, covers)) for start, row in drafts]
    for _, row in drafts:  # the registry's rule, whichever branch said not_checkable
        if row["kind"] == "not_checkable":
            row.update(dict.fromkeys(RECIPE, ""))
    rows = []
    for number, (_, row) in enumerate(drafts, 1):
        row.update(article_id=article_id, claim_id=f"{article_id}-{number}" if article_id else "")
        rows.append(row)
    return rows
