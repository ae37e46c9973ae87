"""The real registry, dataset and ledger: only what holds for any valid content, so that adding
an article, a source or a claim in the documented format never breaks a test."""

import pytest

from tradeclaims import paths
from tradeclaims.claims import accounting, ledger
from tradeclaims.claims.engine import VERDICTS
from tradeclaims.claims.registry import COLUMNS, KINDS, load_claims, read_articles

ARTICLES_DIR = paths.ROOT.parent / "shared" / "articles"


@pytest.fixture(scope="module")
def real():
    return ledger.evaluate().set_index("claim_id")


def test_every_claim_gets_a_verdict_from_the_vocabulary(real):
    assert set(real.verdict) <= set(VERDICTS)
    checked = real[real.verdict != "not_checkable"]
    assert checked.recomputed.notna().all() and (checked.tolerance != "").all()
    assert (checked.sources != "").all()
    assert (real[real.verdict == "not_checkable"].note != "").all()


def test_every_claim_has_a_known_article_and_cites_known_sources(real):
    assert set(real.article_id) <= set(read_articles().index)
    cited = {s for ids in real.sources for s in ids.split()}
    assert cited <= {p.name for p in paths.SOURCES.iterdir()}


@pytest.mark.skipif(not ARTICLES_DIR.exists(), reason="the article texts live in ../shared")
def test_every_quote_is_in_its_article():
    articles = read_articles()
    for c in load_claims():
        file = articles.loc[c.article_id, "file"]
        if file and (ARTICLES_DIR / file).exists():
            text = (ARTICLES_DIR / file).read_text(encoding="utf-8")
            assert accounting.spans(text, c.quote), f"{c.claim_id}: quote not in {file}"


def test_committed_ledger_is_up_to_date(real):
    committed = paths.VERDICTS_CSV.read_text(encoding="utf-8")
    assert committed == ledger.to_csv_text(real.reset_index()[ledger.COLUMNS]), (
        "reports/verdicts.csv is stale: run `make reports`")


def test_registry_columns_and_kinds_are_documented():
    assert COLUMNS[:4] == ["claim_id", "article_id", "quote", "claimed"]
    codebook = (paths.DATA / "README.md").read_text(encoding="utf-8")
    for name in [*COLUMNS, *KINDS]:
        assert f"`{name}`" in codebook, name


@pytest.mark.skipif(not ARTICLES_DIR.exists(), reason="the article texts live in ../shared")
def test_every_figure_of_every_article_is_accounted_for():
    """Each figure the extractor finds is in a registered claim's quote, or in data/ignored.csv
    with a reason; and every ignored row still points at its article's text."""
    claims, ignored = load_claims(), accounting.read_ignored()
    problems = []
    for article_id, article in read_articles().iterrows():
        if not article.file:
            continue
        if not (ARTICLES_DIR / article.file).exists():  # a misplaced text is not a pass
            problems.append(f"{article_id}: its text {article.file} is not in {ARTICLES_DIR}")
            continue
        text = (ARTICLES_DIR / article.file).read_text(encoding="utf-8")
        mine = [i for i in ignored if i.article_id == article_id]
        problems += [f"{article_id}: ignored quote not in {article.file}: {i.quote!r}"
                     for i in mine if not accounting.spans(text, i.quote)]
        quotes = [c.quote for c in claims if c.article_id == article_id]
        problems += [f"{article_id}: {f.printed} ({f.unit}) in “{accounting.sentence(text, f)}”"
                     for f in accounting.unaccounted(text, quotes, mine)]
    assert not problems, ("figures in no claim's quote and not in data/ignored.csv (register "
                          "them, or ignore them with a reason):\n" + "\n".join(problems))
