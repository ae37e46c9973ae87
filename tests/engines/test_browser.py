"""Open the published reports in a real headless Chromium (Debian's chromium and chromium-driver)
and check what a reader meets: no console errors, local links that resolve, the code toggle of
an article report, and a legend entry for every verdict badge on the index."""

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from browser import chromium, missing
from required import unavailable

REPORTS = Path(__file__).resolve().parents[2] / "reports"
PAGES = ["index.html", "surplus.html"]
CODE_INPUTS = ".code_cell .input"


@pytest.fixture(scope="module")
def driver():
    """One browser session for the whole module: starting Chromium is the slow part."""
    if reason := missing():  # outside an except block: the report is no chained traceback
        unavailable(reason)
    with chromium() as browser:
        yield browser


def open_page(driver, name):
    """Load reports/NAME and return the console's SEVERE entries logged while it loaded."""
    driver.get_log("browser")  # drain what earlier pages left, so each page answers for itself
    driver.get((REPORTS / name).as_uri())
    # let DOMContentLoaded handlers and module scripts finish before reading the log
    driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 200)")
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for key, value in attrs if key == "id" and value)


@functools.cache  # many links point into the same few pages: parse each once
def ids_in(path):
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(driver, name):
    errors = open_page(driver, name)
    assert not errors, "\n".join(e["message"] for e in errors)


@pytest.mark.parametrize("name", PAGES)
def test_local_links_resolve(driver, name):
    open_page(driver, name)
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    local = [h for h in hrefs if not h.lower().startswith(("http://", "https://", "mailto:"))]
    assert local, f"{name} has no local links: the page is not the one expected"
    broken = []
    for href in local:
        url, fragment = urldefrag(urljoin((REPORTS / name).as_uri(), href))
        target = Path(unquote(urlsplit(url).path))
        if not target.is_relative_to(REPORTS) or not target.is_file():
            broken.append(f"{href}: no such file under reports/")
        elif fragment and unquote(fragment) not in ids_in(target):
            broken.append(f"{href}: no element with that id in {target.name}")
    assert not broken, "\n".join(broken)


def test_code_toggle(driver):
    from selenium.webdriver.common.by import By

    open_page(driver, "surplus.html")
    cells = driver.find_elements(By.CSS_SELECTOR, CODE_INPUTS)
    assert cells, "no code input cells found"

    def state():
        code = driver.execute_script("return document.body.dataset.code")
        return code, {cell.is_displayed() for cell in cells}

    assert state() == ("hidden", {False})  # readers see the findings first, without code
    button = driver.find_element(By.ID, "code-toggle")
    button.click()
    assert state() == ("shown", {True})
    button.click()
    assert state() == ("hidden", {False})


def test_verdict_badges_have_legend(driver):
    open_page(driver, "index.html")
    badges = driver.execute_script(
        "return [...document.querySelectorAll('table span.tc-verdict')].map(s => s.textContent)")
    legend = driver.execute_script(
        "return [...document.querySelectorAll('ul.tc-legend span.tc-verdict')]"
        ".map(s => s.textContent)")
    assert badges, "no verdict badges in the index tables"
    missing = set(badges) - set(legend)
    assert not missing, f"badges with no legend entry: {sorted(missing)}"



def test_the_index_filters_claims(driver):
    """Choosing a verdict, then typing words, hides the other rows and says how many show."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    assert open_page(driver, "index.html") == []
    rows = driver.find_elements(By.CSS_SELECTOR, "#tc-claims tbody tr")

    def shown():
        return [r for r in rows if r.is_displayed()]

    assert len(shown()) == len(rows) > 0
    Select(driver.find_element(By.NAME, "verdict")).select_by_value("not_checkable")
    hidden_verdicts = {r.get_attribute("data-verdict") for r in shown()}
    assert hidden_verdicts == {"not_checkable"} and len(shown()) < len(rows)
    first = shown()[0].find_element(By.CSS_SELECTOR, "td a").text
    driver.find_element(By.NAME, "text").send_keys(first)
    assert [r.find_element(By.CSS_SELECTOR, "td a").text for r in shown()] == [first]
    output = driver.find_element(By.NAME, "shown").text
    assert output == f"1 of {len(rows)} claims"
