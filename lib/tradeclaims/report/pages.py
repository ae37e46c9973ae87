"""Pages from Jinja2 templates (report/templates/), with every value escaped: the index, and the
badges, tallies, legend and ClaimReview JSON-LD that report tables share with it."""

import json
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from tradeclaims.report.style import VERDICT_COLOURS, VERDICT_MEANING

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(colours=VERDICT_COLOURS, meanings=VERDICT_MEANING)
    env.filters["script_json"] = script_json
    return env


def script_json(value) -> Markup:
    """JSON to sit inside a <script> element, where HTML escapes do not apply: `</` is escaped
    instead, so no text in it can close the element."""
    return Markup(json.dumps(value, ensure_ascii=False, indent=1).replace("</", "<\\/"))


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
