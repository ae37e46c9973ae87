"""The docs say what the code does: the codebook's tables are what the vocabulary holds, and the
README names every make target."""

import re

from tradeclaims import paths
from tradeclaims.data import codebook


def test_the_codebook_is_generated_from_the_current_vocabulary():
    text = codebook.CODEBOOK.read_text(encoding="utf-8")
    assert codebook.render(text) == text, "run `python -m tradeclaims codebook`"
    blocks = re.findall(r"<!-- vocabulary: (\w+) -->", text)
    assert sorted(blocks) == sorted(codebook.TABLES)


def test_the_readme_names_every_make_target():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):.*## ", makefile, re.M)
    assert targets and [t for t in targets if f"`make {t}`" not in readme] == []


def test_the_readme_is_a_five_minute_read():
    """The detail lives in docs/ and data/README.md; the README says what and where."""
    size = len((paths.ROOT / "README.md").read_text(encoding="utf-8"))
    assert size <= 12_000, f"README.md has {size} characters: move detail to docs/"


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_between_the_docs_resolves():
    """Detail moved out of the README stays one link away: every relative link of README.md,
    docs/ and data/README.md names a file that exists, and a heading of it when it has #."""
    broken = []
    for page in [paths.ROOT / "README.md", paths.DATA / "README.md",
                 *sorted((paths.ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (page.parent / file) if file else page
            headings = (re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), re.M)
                        if path.is_file() and path.suffix == ".md" else [])
            if not path.exists() or (anchor and anchor not in map(_anchor, headings)):
                broken.append(f"{paths.relative(page)}: {target}")
    assert broken == []
