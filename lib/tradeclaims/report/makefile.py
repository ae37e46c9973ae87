"""Make rules for every report of notebooks/reports.yaml, so make knows what each report
depends on: its notebook, its own parameters (a file rewritten only when they change, so an
edit to one report's entry rebuilds that report alone), the data and lib. Written to
build/reports.mk, which the Makefile includes."""

import json
from pathlib import Path

from tradeclaims import paths
from tradeclaims.report.config import Report, check_parameters, load_config

PARAMS = paths.BUILD / "params"


def params_file(report: Report) -> Path:
    return PARAMS / f"{report.name}.json"


def rules(reports: dict[str, Report]) -> str:
    lines = ["# Generated from notebooks/reports.yaml by `python -m tradeclaims makefile`.",
             f"REPORT_HTML := {' '.join(f'reports/{name}.html' for name in reports)}", ""]
    for name, report in reports.items():
        lines += [f"reports/{name}.html: {paths.relative(report.notebook)} "
                  f"{paths.relative(params_file(report))} $(REPORT_DEPS) | $(READY)",
                  f"\t$(call run_report,{name})", ""]
    return "\n".join(lines)


def write(out: Path):
    """The rules and each report's parameters file, after checking every parameter."""
    reports = load_config()
    check_parameters(reports)
    for report in reports.values():
        _write_if_changed(params_file(report), json.dumps(report.parameters, sort_keys=True) + "\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rules(reports), encoding="utf-8")  # always: make compares its date


def _write_if_changed(path: Path, text: str):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
