"""The columns of data/claims.csv and of reports/corrections.csv, in a module that imports
nothing: make's split-claims step cuts both files by article on every edit, and needs them
without pandas (0.35 s at each start)."""

CLAIM_COLUMNS = ["claim_id", "article_id", "quote", "claimed", "unit", "scale", "qualifier",
                 "kind", "series", "base", "band", "rests_on", "note", "reason", "origin"]
CLAIM_OPTIONAL = ("reason", "origin")  # registries written before they existed stay valid
CORRECTION_COLUMNS = ["claim_id", "article_id", "before", "after", "published_in"]
