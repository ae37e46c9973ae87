"""The shared tidy dataset: official releases as printed, their units, periods and codes, the
schema, the build of data/trade.csv, and queries on it."""
