"""Headless Chromium through Selenium (Debian's chromium and chromium-driver), for the browser
tests and the index benchmark: explicit browser and driver paths, so Selenium Manager never
runs and nothing is fetched; a fresh profile each time."""

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# --no-sandbox because tests run as root; the --disable-* flags keep Chromium off the network;
# a fixed window size makes "displayed" independent of the machine.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--window-size=1280,1024")


def missing() -> str | None:
    """What is missing to run Chromium, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed in this environment"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not shutil.which(path):
            return f"{path} not found: apt-get install {package}"
    return None


@contextmanager
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="tc-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # to read console messages
    try:
        browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            yield browser
        finally:
            browser.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# One filter step as a reader makes it, timed in the page until the browser has laid out the
# rows again (reading offsetHeight forces the layout).
_FILTER = """
const [name, value] = arguments;
const form = document.getElementById("tc-filter");
const start = performance.now();
form[name].value = value;
form.dispatchEvent(new Event(name === "text" ? "input" : "change"));
document.body.offsetHeight;
return [performance.now() - start, form.shown.value];
"""


def index_timings(page: Path) -> dict[str, float]:
    """Milliseconds: the index loaded (DOMContentLoaded, then load), a verdict chosen, words
    typed, then both cleared."""
    with chromium() as browser:
        browser.get(page.as_uri())
        nav = browser.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return [n.domContentLoadedEventEnd, n.loadEventEnd];")
        timings = {"DOMContentLoaded": nav[0], "load": nav[1]}
        for label, name, value in (("filter by verdict", "verdict", "contradicted"),
                                   ("filter by words", "text", "exports"),
                                   ("filters cleared", "verdict", "")):
            timings[label], _ = browser.execute_script(_FILTER, name, value)
        browser.execute_script(_FILTER, "text", "")
        return timings
