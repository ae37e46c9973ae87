"""Pages from Jinja2 templates (report/templates/), with every value escaped: the index, and the
badges, tallies and legend that report tables share with it."""

from functools import cache
from pathlib import Path

import jinja2

from tradeclaims.report.style import VERDICT_COLOURS, VERDICT_MEANING

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(colours=VERDICT_COLOURS, meanings=VERDICT_MEANING)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def macro(name: str, template: str = "macros.html.j2"):
    """A template's macro, callable from Python: macro("badge")("reproduced")."""
    return getattr(environment().get_template(template).module, name)


def badge(verdict: str) -> str:
    return str(macro("badge")(verdict))


def tally(counts, skip_zero=False) -> str:
    """Badges with the number of claims per verdict; counts: a Series by verdict."""
    return str(macro("tally")(list(counts.items()), skip_zero))


def legend_html() -> str:
    return str(macro("legend")())
