"""Command line: python -m tradeclaims {data,ingest,claims,check,extract,run,index,codebook,...} ...

Each command imports only what it needs, so `run` (once per report under make) starts fast."""

import argparse
import os
import sys
from pathlib import Path

from tradeclaims import paths
from tradeclaims.errors import InputError, explain
from tradeclaims.files import remove_dead_temporaries


def cmd_data(args) -> int:
    from tradeclaims.data import build

    data = build.build()
    build.write(data)
    print(f"wrote {paths.relative(paths.TRADE_CSV)}: {len(data)} observations from "
          f"{data.source_id.nunique()} sources; {paths.relative(paths.DATAPACKAGE)}")
    return 0


def cmd_ingest(args) -> int:
    from tradeclaims.bulk import ingest

    result = ingest.ingest(args.bulk, args.store, quiet=args.quiet)
    if result.status == "empty":
        print(f"no bulk sources in {paths.relative(args.bulk)}: nothing to ingest")
        return 0
    counts = (f"{result.rows} rows from {result.files} files of {result.sources} sources"
              + (f" ({result.skipped} rows skipped by rule)" if result.skipped else "")
              + (f" ({result.breakdowns} breakdown rows skipped beside their totals: "
                 "partner2Code, customsCode or motCode other than the total's)"
                 if result.breakdowns else ""))
    store = Path(paths.relative(args.store.parent)) / args.store.name  # the link, not its target
    if result.status == "unchanged":
        print(f"{store} is up to date: {counts}; nothing changed")
    else:
        print(f"wrote {store} -> {os.readlink(args.store)}: {counts}")
    return 0


def cmd_claims(args) -> int:
    from tradeclaims.claims import corrections, ledger, verdict_cache
    from tradeclaims.claims.parts import claim_parts
    from tradeclaims.files import write_together
    from tradeclaims.report import provenance

    # only the articles whose part of the registry, data or code moved are evaluated again
    parts = claim_parts(args.claims, paths.ARTICLES_CSV, paths.CORRECTIONS_CSV)
    shared = provenance.data_digest() + provenance.code_digest()
    table = verdict_cache.evaluate(parts, shared, args.claims)
    before = ledger.committed(args.out)
    log_path = args.out.with_name(paths.CORRECTIONS_CSV.name)
    log = corrections.updated(table, log_path, args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # the ledger last: make dates the pair by it, the rule's first target (files.py)
    write_together((log_path, corrections.to_text(log)), (args.out, ledger.to_csv_text(table)))
    if not args.quiet:
        print(ledger.to_text(table))
    print(f"wrote {paths.relative(args.out)}: {len(table)} claims evaluated")
    moved = ledger.changes(before, table) if before is not None else []
    if moved:
        print("verdicts changed since the last commit (corrections to publish, logged in "
              f"{paths.relative(paths.CORRECTIONS_CSV)}):")
        print("\n".join(f"  {line}" for line in moved))
    return 0


def cmd_run(args) -> int:
    if args.start and args.make is not None:  # the runner alone, ahead of the pages
        from tradeclaims.report import runner

        return runner.start(args.make)
    if not args.names:
        print("error: name a report to run", file=sys.stderr)
        return 2
    from tradeclaims.report import runner

    if args.make is not None:  # a page's recipe: the runner that make's pages share runs it
        return max(runner.shared(name, args.make) for name in args.names)
    from tradeclaims.report import config

    return runner.main(config.chosen(args.names))  # a wrong name stops it before any kernel


def cmd_extract(args) -> int:
    from tradeclaims.claims import extract, recipes, webpage

    page = webpage.read(args.article) if webpage.is_page(args.article) else None
    text = page.text if page else extract.read(args.article)
    date = args.date if args.date is not None else _article_date(args.id)
    if not date and page:
        date = page.date  # the date the page states about itself, if any
    drafts = extract.to_csv(recipes.propose(text, args.id or "", args.language, date,
                                            _news_peg(date)))
    if page:  # the text is kept before anything is printed, so a refusal prints nothing
        kept = webpage.keep(page, args.id) if args.id else None
        print(f"wrote {paths.relative(kept)}; " if kept else "give --article ID to keep the "
              "text as data/articles/ID.txt; ", end="", file=sys.stderr)
        print("the page's row for data/articles.csv (write what it covers):\n"
              + webpage.row_csv(webpage.article_row(page, args.id or "")), file=sys.stderr)
    sys.stdout.write(drafts)
    return 0


def _news_peg(date: str) -> dict:
    """The periods of the releases an article of that day reports, and what the dataset covers
    (neither before `make data`)."""
    from tradeclaims.claims.reading import peg

    return peg.from_files(date)


def _article_date(article_id: str | None) -> str:
    """The article's date in data/articles.csv, or '' when it has no row there yet."""
    from tradeclaims.claims.articles import article_rows

    if not article_id or not paths.ARTICLES_CSV.exists():
        return ""
    return article_rows().get(article_id, {}).get("date", "")


def _date(text: str) -> str:
    from tradeclaims.data import dates

    try:
        dates.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def cmd_check(args) -> int:
    from tradeclaims.claims import drafts, ledger
    from tradeclaims.files import write_atomic

    table = drafts.check(args.drafts, date=args.date or "")
    if not args.quiet:
        print(drafts.to_text(table))
    if args.out:
        write_atomic(args.out, ledger.to_csv_text(table))
        print(f"wrote {paths.relative(args.out)}: {len(table)} drafts checked")
    return 0


def cmd_index(args) -> int:
    from tradeclaims.report import index

    index.write()
    print(f"wrote {paths.relative(paths.INDEX_HTML)} and "
          f"{paths.relative(paths.REPORTS / 'claimreview.json')}")
    return 0


def cmd_source(args) -> int:
    from tradeclaims.sources import command

    return command.run(args)


def cmd_codebook(args) -> int:
    from tradeclaims.data import codebook

    codebook.write()
    print(f"wrote {paths.relative(codebook.CODEBOOK)}")
    return 0


def cmd_makefile(args) -> int:
    from tradeclaims.report import makefile

    makefile.write(args.out)
    return 0


def cmd_split_claims(args) -> int:
    from tradeclaims.report import makefile

    makefile.split_claims()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tradeclaims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("data", help="build data/trade.csv and data/datapackage.json"
                        ).set_defaults(run=cmd_data)
    ingest = commands.add_parser("ingest", help="ingest the bulk tables of data/bulk/ into "
                                 "the Parquet store build/bulk/store (skipped when unchanged)")
    ingest.add_argument("--bulk", type=Path, default=paths.BULK,
                        help="folder of <source_id>/source.yaml and CSV files")
    ingest.add_argument("--store", type=Path, default=paths.BULK_STORE,
                        help="the store (a symlink to the last good build)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(run=cmd_ingest)
    claims = commands.add_parser("claims", help="evaluate every claim and write the ledger")
    claims.add_argument("--claims", type=Path, default=paths.CLAIMS_CSV, help="the registry")
    claims.add_argument("--out", type=Path, default=paths.VERDICTS_CSV, help="the ledger CSV")
    claims.add_argument("--quiet", action="store_true", help="only what was written and what "
                        "changed since the last commit")
    claims.set_defaults(run=cmd_claims)
    run = commands.add_parser("run", help="run reports named in notebooks/reports.yaml")
    run.add_argument("names", nargs="*")
    run.add_argument("--make", type=int, metavar="PID", help="run them in the runner that the "
                     "pages of make PID share (a page's recipe: make -jN runs N at once)")
    run.add_argument("--start", action="store_true", help="with --make, start that runner "
                     "and return: it imports what pages need while make runs another recipe")
    run.set_defaults(run=cmd_run)
    commands.add_parser("index", help="write reports/index.html").set_defaults(run=cmd_index)
    ex = commands.add_parser("extract", help="draft registry rows, with a proposed recipe, for "
                             "every figure of an article (CSV to stdout)")
    ex.add_argument("article", type=Path, help="the article's text file, or its page saved as "
                    ".html (its text is then kept as data/articles/ID.txt and its row drafted)")
    ex.add_argument("--article", dest="id", help="the article id, to fill article_id, number "
                    "the claim ids and find the article's date in data/articles.csv")
    ex.add_argument("--language", choices=["en", "zh", "vi"], help="default: from the text")
    ex.add_argument("--date", type=_date, help="the article's date (YYYY-MM-DD, YYYY-MM or "
                    "YYYY), which periods such as 'last year' are relative to; default: its row "
                    "in data/articles.csv, if it has one")
    ex.set_defaults(run=cmd_extract)
    check = commands.add_parser("check", help="evaluate drafted claims against the dataset, "
                                "without touching the registry")
    check.add_argument("drafts", type=Path, help="drafts in the registry's columns, as "
                       "`extract` writes them")
    check.add_argument("--out", type=Path, help="also write them with the ledger's columns "
                       "(then series, base)")
    check.add_argument("--quiet", action="store_true", help="only what was written")
    check.add_argument("--date", type=_date, help="the article's date (YYYY-MM-DD), for the "
                       "releases in force then; default: its row of data/articles.csv")
    check.set_defaults(run=cmd_check)
    src = commands.add_parser("source", help="draft a new data/sources/ID/ from a "
                              "publisher's table page saved as HTML or text")
    src.add_argument("page", type=Path, help="the table's page (.html) or its text (.txt)")
    src.add_argument("--id", required=True, help="the new source id (a folder that must not "
                     "exist yet)")
    src.add_argument("--published", help="the date the table was published (YYYY-MM-DD, "
                     "YYYY-MM or YYYY), when the page prints none")
    src.add_argument("--accessed", help="when it was read (YYYY-MM-DD; default: today)")
    src.add_argument("--url", help="the page's address, when the saved file does not state it")
    src.add_argument("--unit", help="the printed unit ('thousand USD') when the copy lacks "
                     "its unit line")
    src.add_argument("--partial", action="store_true", help="draft a copy cut off inside its "
                     "table: the rows read, unchecked against the total")
    src.add_argument("--note", help="a sentence added to the notes ('Read in a stored copy')")
    src.add_argument("--root", type=Path, default=paths.SOURCES, help=argparse.SUPPRESS)
    src.set_defaults(run=cmd_source)
    commands.add_parser("codebook", help="refresh the generated tables of data/README.md"
                        ).set_defaults(run=cmd_codebook)
    mk = commands.add_parser("makefile", help="write the make rules of every report")
    mk.add_argument("out", type=Path)
    mk.set_defaults(run=cmd_makefile)
    commands.add_parser("split-claims", help="cut data/claims.csv by article into build/claims/ "
                        "(what make follows per report)").set_defaults(run=cmd_split_claims)
    args = parser.parse_args(argv)
    # what a writer killed by kill -9 left (files.py): every command starts by removing it, so
    # the next build does, whichever of its steps runs first (a kill leaves the file it was
    # writing old, so that build runs its writer again)
    remove_dead_temporaries(paths.DATA, paths.SOURCES, paths.ARTICLE_TEXTS, paths.REPORTS,
                            paths.BUILD)
    try:
        return args.run(args)
    except (InputError, OSError) as exc:
        print(explain(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: outputs are replaced only when complete, and files written "
              "together at once, so each is the last good one or new", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
