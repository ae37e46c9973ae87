"""The shared tidy dataset: built deterministically from the sources, valid, documented."""

import json

import pandas as pd
import pytest

from registry import Registry
from tradeclaims import paths
from tradeclaims.data import build, codes, fields, schema
from tradeclaims.data.sources import FIELDS, load_provenance


@pytest.fixture(scope="module")
def built():
    return build.build()


def test_committed_dataset_is_what_the_sources_build(built):
    assert build.to_csv_text(built) == paths.TRADE_CSV.read_text(encoding="utf-8"), (
        "data/trade.csv is stale: run `make data` and commit it")


def test_build_is_deterministic(built, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    build.write(built, first, tmp_path / "a.json")
    build.write(build.build(), second, tmp_path / "b.json")
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_committed_datapackage_describes_every_column(built):
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    assert package == build.datapackage(built)
    resource = package["resources"][0]
    assert [f["name"] for f in resource["schema"]["fields"]] == list(built.columns)
    assert all(f["description"] for f in resource["schema"]["fields"])
    assert resource["rows"] == len(built)


def test_every_source_folder_has_full_provenance_and_rows(built):
    provenance = load_provenance(paths.SOURCES)
    assert set(provenance) == set(built.source_id)
    for source in provenance.values():
        assert all(getattr(source, field) for field in FIELDS)


def test_values_are_unscaled_in_their_unit_and_codes_stay_strings(tmp_path):
    registry = Registry(tmp_path)
    registry.add_source("zz-units", [
        "CHN,WLD,export,CCCME:electronic_information,2025,value,,7583.2,亿美元,",
        "CHN,WLD,import,HS:0201,2025-01/2025-11,quantity,,1.139,billion tonnes,",
        "VNM,CHN,export,TOTAL,2026-01,value,,944,triệu USD,"])
    registry.build()
    frame = pd.read_csv(registry.trade, dtype=str, keep_default_na=False)
    assert frame[["product", "value", "unit", "precision"]].values.tolist() == [
        ["CCCME:electronic_information", "758320000000.0", "USD", "5000000.0"],
        ["HS:0201", "1139000000.0", "tonnes", "500000.0"],
        ["TOTAL", "944000000.0", "USD", "500000.0"]]
    assert list(frame.columns) == fields.COLUMNS


def test_committed_dataset_passes_the_schema():
    frame = pd.read_csv(paths.TRADE_CSV, dtype={c: str for c in fields.COLUMNS}
                        | {"value": float, "precision": float},
                        keep_default_na=False)
    schema.validate(frame, paths.TRADE_CSV, known_sources=load_provenance(paths.SOURCES))


def test_partner_groups_come_from_country_converter():
    asean = codes.members("ASEAN")
    assert {"VNM", "THA", "IDN", "SGP", "TLS"} <= set(asean) and len(asean) == 11
    assert len(codes.members("EU27")) == 27 and "DEU" in codes.members("EU27")
    assert "GBR" not in codes.members("EU27")
    with pytest.raises(ValueError, match="no membership list"):
        codes.members("BRI")
