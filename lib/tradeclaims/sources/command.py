"""`python -m tradeclaims source PAGE --id ID`: read a publisher's table from its saved page,
check it, and draft data/sources/ID/ (a new folder only; the person reviews and commits it)."""

import sys
from pathlib import Path

from tradeclaims import paths
from tradeclaims.data import dates
from tradeclaims.data.fields import ID_PATTERN, is_web_address
from tradeclaims.errors import InputError
from tradeclaims.sources import checks, draft, gac_en, page

READERS = [gac_en]  # each says whether a page looks like its publisher's, then reads it


def run(args) -> int:
    import re

    if not re.match(ID_PATTERN, args.id):
        raise InputError(None, f"--id {args.id!r}: a source id is lower-case letters, digits "
                         "and hyphens (gac-2026-02-customs-regime)")
    folder = args.root / args.id
    if folder.exists():
        raise InputError(folder, "already exists: a draft never replaces a release folder "
                         "(remove it first, or choose another --id)")
    saved = page.read(args.page)
    reader = next((r for r in READERS if r.looks_like(saved)), None)
    if reader is None:
        raise InputError(args.page, "not a publisher's table this command reads (GAC's "
                         "English monthly tables, such as '(5)Imports and Exports by Customs "
                         "Regime,2.2026'): a page of another kind, or one cut off before its "
                         "title")
    table = reader.read(saved, unit=args.unit)
    if table.cut_off and not args.partial:
        last = table.rows[-1]
        raise InputError(args.page, f"the table is cut off: the page ends after row "
                         f"{last.label!r} with no notes under the table; save the whole page, "
                         "or give --partial to draft the rows read (without the check that "
                         "they add up)", row=last.growth_line or last.line, field="rows")
    checks.partitions(table, args.page)
    url = args.url or saved.url
    if not url:
        raise InputError(args.page, "the page states no address of its own (no canonical "
                         "link, no browser's 'saved from'): give --url")
    if not is_web_address(url):
        raise InputError(args.page, f"address {url!r} is not an absolute http(s) address",
                         field="url")
    for option in ("published", "accessed"):
        if value := getattr(args, option):
            try:
                dates.parse(value, full=option == "accessed")
            except ValueError as exc:
                raise InputError(None, f"--{option}: {exc}") from None
    rows = draft.observations(table, args.page)
    given = draft.Provenance(url=url, date_accessed=args.accessed or dates.today().isoformat(),
                             date_published=args.published or "", note=args.note or "",
                             page_name=Path(args.page).name)
    meta = draft.provenance(table, given, len(rows))
    for warning in checks.warnings(table, _known()):
        print(f"warning: {paths.relative(Path(args.page))}: {warning}", file=sys.stderr)
    draft.write(folder, meta, rows)
    print(f"wrote {paths.relative(folder)}/: source.yaml and data.csv, {len(rows)} "
          f"observations from {len(table.rows)} rows of {table.title!r}; review them, run "
          "make data and commit the folder")
    return 0


def _known():
    """The dataset as built (for the warnings), or None where there is none yet."""
    from tradeclaims.data.query import Dataset

    try:
        return Dataset.load().frame
    except (InputError, OSError, ValueError):
        return None
