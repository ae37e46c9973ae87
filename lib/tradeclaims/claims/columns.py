"""The columns of data/claims.csv and of reports/corrections.csv, in a module without pandas:
make cuts both by article (report/makefile.py) before every build, and importing pandas for
that cost 0.4 s, which every report waited for."""

COLUMNS = ["claim_id", "article_id", "quote", "claimed", "unit", "scale", "qualifier", "kind",
           "series", "base", "band", "rests_on", "note", "reason", "origin"]
OPTIONAL = ("reason", "origin")  # registries written before they existed stay valid

CORRECTION_COLUMNS = ["claim_id", "article_id", "before", "after", "published_in"]
# Units whose figures are written whole: no scale word (a count of 2 billion is 2000000000).
UNSCALED = ("percent", "pp", "rank", "count", "year")
