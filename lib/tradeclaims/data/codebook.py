"""The codebook in data/README.md: its tables are generated from the vocabulary, between
`<!-- vocabulary: NAME -->` and `<!-- end -->` markers, so the docs never drift from what
validation accepts (a test checks the file is current)."""

import re
from pathlib import Path

from tradeclaims import paths
from tradeclaims.data.vocabulary import section
from tradeclaims.files import write_atomic

CODEBOOK = paths.DATA / "README.md"
_BLOCK = re.compile(r"(<!-- vocabulary: (\w+) -->\n).*?(<!-- end -->)", re.S)


def _table(header: list[str], rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |"
              for row in rows]
    return "\n".join(lines) + "\n"


def _code(text) -> str:
    return f"`{text}`" if text != "" else "(empty)"


TABLES = {
    "columns": lambda: _table(["column", "key", "meaning"], (
        (_code(name), "yes" if column.get("key") else "", column["description"])
        for name, column in section("columns").items())),
    "flows": lambda: _table(["flow", "meaning"], (
        (_code(k), v) for k, v in section("flows").items())),
    "measures": lambda: _table(["measure", "units", "meaning"], (
        (_code(k), ", ".join(map(_code, m["units"])), m["description"])
        for k, m in section("measures").items())),
    "printed_units": lambda: _table(["printed unit", "dataset unit", "scale"], (
        (_code(k), _code(u["unit"]), u["scale"]) for k, u in section("printed_units").items())),
    "classifications": lambda: _table(["classification", "code pattern", "what"], (
        (_code(k), _code(c["pattern"]), c["description"])
        for k, c in section("classifications").items())),
    "products": lambda: _table(["product", "label"], (
        (_code(k), v) for k, v in section("products").items())),
    "groups": lambda: _table(["partner group", "name", "members"], (
        (_code(k), g["name"], _members(g.get("members"))) for k, g in section("groups").items())),
    "areas": lambda: _table(["area", "name", "bulk format", "its code there", "evidence"], (
        (_code(k), a["name"], _code(a["format"]), _code(a["code"]), a["evidence"])
        for k, a in section("areas").items())),
    "evidence": lambda: _table(["evidence", "meaning"], (
        (_code(k), v) for k, v in section("evidence").items())),
    "recipes": lambda: _table(["kind", "recomputes", "`base` is", "`rests_on`"], (
        (_code(k), r["recomputes"], r.get("base", "not used"),
         "`published` or `levels`" if r.get("rests_on") else "not used")
        for k, r in section("recipes").items())),
    "reasons": lambda: _table(["reason", "meaning"], (
        (_code(k), v) for k, v in section("reasons").items())),
    "origins": lambda: _table(["origin", "shown as", "meaning"], (
        (_code(k), o["label"], o["meaning"]) for k, o in section("origins").items())),
    "claim_units": lambda: "Claim units: " + ", ".join(map(_code, section("claim_units"))) + ".\n",
    "qualifiers": lambda: _table(["qualifier", "shown as"], (
        (_code(k), v or "the figure alone (exact)") for k, v in section("qualifiers").items())),
    "verdicts": lambda: _table(["verdict", "colour", "ClaimReview rating", "meaning"], (
        (_code(k), _code(v["colour"]), str(v.get("rating", "not rated")), v["meaning"])
        for k, v in section("verdicts").items())),
    "chart_colours": lambda: _table(["chart colour", "colour", "marks"], (
        (_code(k), _code(v["colour"]), v["meaning"]) for k, v in section("chart_colours").items())),
}


def _members(members: dict | None) -> str:
    if members is None:
        return "the publisher's own aggregate (no list)"
    where = f"`{members['column']}` is `{members['value']}`" if "value" in members else (
        f"any `{members['column']}`")
    return f"country_converter: ISO3 codes whose {where}"


def render(text: str) -> str:
    """The codebook with every generated table brought up to date."""
    def fill(match):
        name = match[2]
        if name not in TABLES:
            raise KeyError(f"{CODEBOOK.name}: no vocabulary table {name!r} "
                           f"(known: {', '.join(TABLES)})")
        return match[1] + TABLES[name]() + match[3]

    return _BLOCK.sub(fill, text)


def write(path: Path = CODEBOOK):
    write_atomic(path, render(path.read_text(encoding="utf-8")))
