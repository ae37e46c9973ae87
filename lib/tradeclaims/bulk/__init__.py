"""Bulk customs tables (UN Comtrade, China Customs' query platform): each format's column
mapping (`formats`), the sources found in data/bulk/ (`sources`), their ingest into the tidy
Parquet store in build/bulk/ (`ingest`, file by file through `staging`), the lookups the claim
recipes need, written once in Ibis (`query`), the engines they run on, DuckDB or Spark
(`engines`), and the releases' dataset with the store behind it (`dataset`). docs/bulk.md tells
the whole path."""
