"""The claims registry and the verdict engine: recipes evaluated on the dataset, judged with
the rounding and wording of each claim, collected in the ledger."""
