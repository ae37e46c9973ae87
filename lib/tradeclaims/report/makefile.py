"""Make rules for every report of notebooks/reports.yaml, so make knows what each report
depends on: its notebook, its own parameters (a file rewritten only when they change, so an
edit to one report's entry rebuilds that report alone), the data and lib. Written to
build/reports.mk, which the Makefile includes."""

import json
from pathlib import Path

from tradeclaims import paths
from tradeclaims.claims.parts import claim_parts
from tradeclaims.files import write_atomic
from tradeclaims.report.config import Report, check_parameters, load_config

PARAMS = paths.BUILD / "params"
CLAIM_PARTS = paths.BUILD / "claims"  # one file per article: what its reports depend on


def params_file(report: Report) -> Path:
    return PARAMS / f"{report.name}.json"


def rules(reports: dict[str, Report]) -> str:
    lines = ["# Generated from notebooks/reports.yaml by `python -m tradeclaims makefile`.",
             f"REPORT_HTML := {' '.join(f'reports/{name}.html' for name in reports)}", ""]
    parts = sorted({claims_part(r.article_id) for r in reports.values() if r.article_id})
    lines += [f"CLAIM_PARTS := {' '.join(paths.relative(p) for p in parts)}",
              "$(CLAIM_PARTS): build/claims.stamp ; +@$(nothing)", ""]  # see the Makefile
    for name, report in reports.items():
        # a report on every article (the ledger) shows the verdicts make wrote beside it
        claims = paths.relative(claims_part(report.article_id)) if report.article_id else (
            f"data/claims.csv data/articles.csv {paths.relative(paths.VERDICTS_CSV)}")
        lines += [f"reports/{name}.html: {paths.relative(report.notebook)} "
                  f"{paths.relative(params_file(report))} {claims} $(DATA_DEPS) | $(READY)",
                  f"\t$(call run_report,{name})", ""]
    return "\n".join(lines)


def claims_part(article_id: str) -> Path:
    return CLAIM_PARTS / f"{article_id}.csv"


def split_claims(claims: Path = paths.CLAIMS_CSV, articles: Path = paths.ARTICLES_CSV,
                 corrections: Path = paths.CORRECTIONS_CSV):
    """The registry cut by article into build/claims/<article_id>.csv, each file rewritten
    only when it changes. Editing one article's claims, adding an article or correcting a
    verdict rebuilds that article's reports alone."""
    for article_id, text in claim_parts(claims, articles, corrections).items():
        _write_if_changed(claims_part(article_id), text)


def write(out: Path):
    """The rules and each report's parameters file, after checking every parameter."""
    reports = load_config()
    check_parameters(reports)
    for report in reports.values():
        _write_if_changed(params_file(report), json.dumps(report.parameters, sort_keys=True) + "\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    # always (make compares its date), and whole: make would read half of one as all the rules
    write_atomic(out, rules(reports))


def _write_if_changed(path: Path, text: str):
    """Compared byte for byte: a registry saved with CRLF line ends (csv.writer's default, a
    spreadsheet's) must not read as changed, or every page on it is rebuilt on every edit."""
    if not path.exists() or path.read_bytes() != text.encode("utf-8"):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
