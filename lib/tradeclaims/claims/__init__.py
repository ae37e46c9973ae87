"""Claims: drafted from an article's text, registered, evaluated by the recipes on the dataset,
judged with the rounding and wording of each claim, collected in the ledger."""
