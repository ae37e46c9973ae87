"""A publisher's table as a user saved it (its page's HTML, or the page's text), read into a
draft of a new release folder data/sources/<id>/: `python -m tradeclaims source PAGE --id ID`.

page (the lines of a saved page) -> a reader of one publisher's layout (gac_en, ...) -> a Table
(cells as printed) -> checks (partitions add up; growth and month against cumulative warned)
-> draft (source.yaml and data.csv, written together or not at all)."""
