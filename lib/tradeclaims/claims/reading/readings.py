"""A recipe's series, and the note of a reading to confirm: why it is not certain and the other
plausible readings `check` judges beside it; the table that would settle a series."""

from tradeclaims.claims.reading.article import Context
from tradeclaims.claims.reading.names import country
from tradeclaims.claims.reading.words import FIRMS, MONEY
from tradeclaims.data import periods


def spec_text(**keys) -> str:
    return " ".join(f"{k}={v}" for k, v in keys.items() if v)


def series_of(ctx: Context, unit: str = "", measure: str = "") -> dict:
    series = {"reporter": ctx.reporter, "partner": ctx.partner, "flow": ctx.flow}
    if ctx.product != "TOTAL":
        series["product"] = ctx.product
    series["period"] = ctx.period
    if measure:
        series["measure"] = measure
    if unit:
        series["unit"] = unit
    return series


def complete(series: dict) -> bool:
    return bool(series) and all(series.get(k, "TOTAL") for k in (
        "reporter", "partner", "flow", "product", "period"))


TO_CONFIRM = "reading to confirm"
OTHER_READINGS = "other readings: "
UNLISTED = "others the words do not give"


def to_confirm(doubts: list[str], others: list[dict], unlisted: bool = False) -> str:
    """The note of a reading that is not certain: why, and the other plausible readings, each
    as the keys it changes ("reading to confirm (period carried …); other readings: period=2025-12
    | partner=ASEAN"), ending in UNLISTED where a doubt has others the words do not give."""
    text = f"{TO_CONFIRM} ({', '.join(dict.fromkeys(doubts))})"
    listed = [spec_text(**o) for o in others] + ([UNLISTED] if unlisted or not others else [])
    return text + f"; {OTHER_READINGS}" + " | ".join(listed)


def other_readings(note: str) -> list[dict] | None:
    """The other readings a draft's note lists (None when its reading is certain: no
    TO_CONFIRM in it), with {} for UNLISTED ones; what `check` judges beside the proposed
    one."""
    if TO_CONFIRM not in note:
        return None
    listed = note.partition(OTHER_READINGS)[2].split(";")[0]
    return [{} if reading.strip() == UNLISTED else
            dict(part.split("=", 1) for part in reading.split() if "=" in part)
            for reading in listed.split("|") if reading.strip()]


def spec_value(series: str, key: str) -> str:
    return next((part.partition("=")[2] for part in series.split()
                 if part.startswith(f"{key}=")), "")


PUBLISHERS = {"CHN": "GAC's", "VNM": "Vietnam Customs'"}


def settled_by(spec: dict, unit: str = "", uncoded: str = "") -> str:
    """The table that would settle a series, as the registry's not_located notes name it:
    "GAC's January-February 2026 trade by partner (ASEAN), in CNY"."""
    reporter = spec.get("reporter", "")
    publisher = PUBLISHERS.get(reporter, f"the statistics office of {reporter or 'the reporter'}")
    try:
        when = periods.parse(spec.get("period", "")).label() + " "
    except ValueError:
        when = ""
    product = spec.get("product", "TOTAL")
    partner = spec.get("partner", "WLD")
    flow = {"import": "import"}.get(spec.get("flow", ""), "export")
    if product.startswith("OWNERSHIP:") or (uncoded and FIRMS.search(uncoded)):
        table = f"trade by type of firm ({uncoded or product})"
    elif uncoded or product != "TOTAL":
        table = f"table of major {flow} commodities ({uncoded or product})"
    elif partner != "WLD":
        table = f"trade by partner ({country(partner)})"
    else:
        table = "total trade, exports and imports"
    if partner not in ("WLD", "") and (uncoded or product != "TOTAL"):
        table += f" to or from {country(partner)}"
    return f"{publisher} {when}{table}" + (f", in {unit}" if unit else "")


# The kinds whose series names the one observation they need in its period.
_ONE_SERIES = ("level", "growth", "balance", "share")
RECIPE = ("series", "base", "band", "rests_on")  # what a not_checkable claim leaves empty
PROPOSED = "Proposed reading: "


def proposed_reading(note: str) -> dict:
    """The recipe an `unlocated` draft's note keeps: {'kind': …, 'series': …, 'base': …}, or
    {} for a note that keeps none."""
    if PROPOSED not in note:
        return {}
    kind, _, rest = note.partition(PROPOSED)[2].partition(" ")
    parts = rest.split(". ")[0].rstrip(".").split(" | ")
    recipe = {"kind": kind, "series": parts[0]}
    recipe.update(part.split(" ", 1) for part in parts[1:] if " " in part)
    return recipe


def unlocated(row: dict, covers) -> dict:
    """The draft as the registry writes a figure no release holds (not_checkable, not_located,
    the table that would settle it), where `covers` (NewsPeg.covers) says the dataset lacks
    what its recipe needs, and what every other reading its note lists needs; else as it
    was. The proposed recipe stays in the note, for when a release of it is added."""
    if row["kind"] not in _ONE_SERIES or not row["series"]:
        return row
    spec = dict(part.split("=", 1) for part in row["series"].split() if "=" in part)
    readings = [spec | other for other in other_readings(row["note"]) or [] if other]
    if row["base"] or any(covers(row["kind"], s) for s in [spec, *readings]):
        return row  # a base names a release or rivals: left to `check`
    unit = spec.get("unit") or (row["unit"] if row["unit"] in MONEY else "")
    recipe = " ".join([row["kind"], row["series"]] + [
        f"| {name} {row[name]}" for name in RECIPE[1:] if row[name]])
    note = (f"Would be settled by {settled_by(spec, unit)}: the dataset holds nothing of it. "
            f"{PROPOSED}{recipe}." + (f" {row['note']}" if row["note"] else ""))
    return row | dict.fromkeys(RECIPE, "") | {
        "kind": "not_checkable", "reason": "not_located",
        "note": note.replace(TO_CONFIRM, "reading not certain")}
