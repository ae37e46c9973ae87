"""The real registry, dataset and ledger: only what holds for any valid content, so that adding
an article, a source or a claim in the documented format never breaks a test."""

import pytest

from tradeclaims import paths
from tradeclaims.claims import accounting, ledger
from tradeclaims.claims.articles import text_path
from tradeclaims.claims.engine import VERDICTS
from tradeclaims.claims.registry import COLUMNS, KINDS, load_claims, read_articles


def _texts():
    """(article id, file, text) for every article whose text is here, in data/articles/ or, for
    the seed articles, in ../shared/articles/; and the files that should be but are not (only
    when ../shared is here to look in: a clone alone has no seed texts)."""
    found, missing = [], []
    for article_id, article in read_articles().iterrows():
        path = text_path(article.file)
        if path:
            found.append((article_id, article.file, path.read_text(encoding="utf-8")))
        elif article.file and paths.SHARED_ARTICLES.exists():  # a misplaced text is not a pass
            missing.append(f"{article_id}: its text {article.file} is in neither "
                           f"{paths.relative(paths.ARTICLE_TEXTS)} nor {paths.SHARED_ARTICLES}")
    if not found and not missing:
        pytest.skip("no article texts here: the seed texts live in ../shared/articles")
    return found, missing


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


def test_every_quote_is_in_its_article():
    texts = {article_id: (file, text) for article_id, file, text in _texts()[0]}
    for c in load_claims():
        if c.article_id in texts:
            file, text = texts[c.article_id]
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


def test_every_figure_of_every_article_is_accounted_for():
    """Each figure the extractor finds is in a registered claim's quote, or in data/ignored.csv
    with a reason; and every ignored row still points at its article's text."""
    claims, ignored = load_claims(), accounting.read_ignored()
    texts, problems = _texts()
    for article_id, file, text in texts:
        mine = [i for i in ignored if i.article_id == article_id]
        problems += [f"{article_id}: ignored quote not in {file}: {i.quote!r}"
                     for i in mine if not accounting.spans(text, i.quote)]
        quotes = [c.quote for c in claims if c.article_id == article_id]
        problems += [f"{article_id}: {f.printed} ({f.unit}) in “{accounting.sentence(text, f)}”"
                     for f in accounting.unaccounted(text, quotes, mine)]
    assert not problems, ("figures in no claim's quote and not in data/ignored.csv (register "
                          "them, or ignore them with a reason):\n" + "\n".join(problems))
