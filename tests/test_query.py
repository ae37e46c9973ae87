"""Queries on a dataset of the tests' own, built from copies of real releases."""

import pytest

from registry import Registry
from tradeclaims.data.query import AmbiguousSeries, SeriesNotFound


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    registry = Registry(tmp_path_factory.mktemp("query")).copy_source(
        "vn-customs-2026-01-phones-electronics", "vn-moit-2026-02-exports-china",
        "gac-2024-annual-yicai", "gac-2025-surplus-sharecast", "gac-2025-asean-yicai",
        "gac-2024-asean-xinhua", "gac-2025m08-asean-xinhua", "gac-2025m11-globaltimes")
    return registry.build()


def test_one_observation_with_its_source(data):
    obs = data.get(reporter="VNM", partner="CHN", flow="export", product="VNCG:phones_parts",
                   period="2026-01")
    assert (obs.value, obs.unit, obs.source_id) == (1.31e9, "USD",
                                                    "vn-customs-2026-01-phones-electronics")
    assert obs.source.publisher.startswith("Vietnam General Department of Customs")


def test_missing_series_names_the_request_and_what_exists_nearby(data):
    with pytest.raises(SeriesNotFound) as caught:
        data.get(reporter="VNM", partner="CHN", flow="export", period="2026-01")
    text = str(caught.value)
    assert "reporter=VNM, partner=CHN, flow=export, product=TOTAL, period=2026-01" in text
    assert "with another period: 2026-02" in text
    assert "VNCG:phones_parts" in text


def test_ambiguous_request_lists_what_differs(data):
    with pytest.raises(AmbiguousSeries, match="with another unit: CNY, USD"):
        data.get(reporter="CHN", partner="WLD", flow="total", period="2024")
    assert data.get(reporter="CHN", partner="WLD", flow="total", period="2024",
                    unit="CNY").value == 43.85e12


def test_same_series_from_two_sources_needs_a_source_id(data):
    with pytest.raises(AmbiguousSeries, match="source_id"):
        data.get(reporter="CHN", partner="WLD", flow="balance", period="2024", unit="USD")
    obs = data.get(reporter="CHN", partner="WLD", flow="balance", period="2024", unit="USD",
                   source_id="gac-2024-annual-yicai")
    assert obs.value == 992.1e9


def test_series_filters_by_lists(data):
    rows = data.series(reporter="CHN", partner="ASEAN", flow="total", measure="value")
    assert {"2024", "2025", "2025-01/2025-08", "2025-01/2025-11"} <= set(rows.period)
    assert len(data.series(partner=["ASEAN", "EU27"], period="2025-01/2025-11",
                           measure="value")) == 2


def test_unknown_dimension_is_rejected(data):
    with pytest.raises(TypeError, match="country"):
        data.series(country="CHN")


def test_an_official_table_is_used_before_a_press_copy_of_the_same_series(tmp_path):
    """GAC's own table (5) and VnExpress's copy both hold China's January-February 2026 export
    growth: the table's row by default, the copy's when its source is named."""
    data = Registry(tmp_path).copy_source("gac-2026-02-customs-regime",
                                          "gac-2026m02-vnexpress").build()
    asked = dict(reporter="CHN", partner="WLD", flow="export", period="2026-01/2026-02",
                 measure="growth_published")
    assert len(data.frame.query("measure == 'growth_published' and flow == 'export' and "
                                "period == '2026-01/2026-02'")) == 2  # both kept
    assert data.get(**asked).source_id == "gac-2026-02-customs-regime"
    assert data.get(**asked, source_id="gac-2026m02-vnexpress").value == 21.8
    only_copy = Registry(tmp_path / "copy").copy_source("gac-2026m02-vnexpress").build()
    assert only_copy.get(**asked).source_id == "gac-2026m02-vnexpress"  # no table: the copy
