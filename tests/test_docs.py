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
