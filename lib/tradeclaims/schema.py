"""The schema of the tidy dataset, checked with pandera; failures become InputErrors that name
the file, the row and the field."""

import math

import pandas as pd
import pandera.pandas as pa

from tradeclaims import codes, periods
from tradeclaims.errors import InputError, InputErrors
from tradeclaims.units import BASES, MEASURE_UNITS, UNITS

FLOWS = ["export", "import", "total", "balance"]
KEY = ["source_id", "reporter", "partner", "flow", "product", "period", "measure", "unit", "basis"]
COLUMNS = [*KEY, "value", "precision", "note"]
DESCRIPTIONS = {
    "source_id": "The release the row comes from: the folder data/sources/<source_id>/, whose "
    "source.yaml records publisher, title, date, URL and table.",
    "reporter": "ISO3 code of the reporting economy (CHN, VNM).",
    "partner": "ISO3 code of the partner, or a group: WLD (all partners), ASEAN, EU27, AFRICA, "
    "BRI (Belt and Road countries, the publisher's aggregate).",
    "flow": "export, import, total (exports plus imports) or balance (exports minus imports), "
    "seen from the reporter.",
    "product": "TOTAL, or CLASSIFICATION:code: HS:8542 (Harmonized System), "
    "CCCME:electronic_information, GAC:equipment_manufacturing, VNCG:phones_parts (Vietnam "
    "Customs commodity group), OWNERSHIP:fdi.",
    "period": "2026-01 (a month), 2025 (a year), 2025-01/2025-11 (months, cumulative), "
    "2021/2025 (years, summed).",
    "measure": "value, quantity, change_published (y/y change in level), growth_published "
    "(y/y %), growth_mom_published (m/m %), share_published (% of the reporter's total for the "
    "same flow), each as the publisher printed it.",
    "basis": "For percentages, the unit of the levels they are computed on (USD, CNY, tonnes, "
    "units, or unstated); empty for levels.",
    "unit": "USD, CNY, tonnes, units or percent.",
    "value": "The number in its unit, unscaled (6.32e9, not 6.32).",
    "precision": "Half a unit of the last digit printed, in the same unit: the rounding the "
    "value carries (7583.2 亿美元 -> 5000000 USD).",
    "note": "Transcription note from the source file, if any.",
}
_PRODUCT = r"^(TOTAL|[A-Z]+:[A-Za-z0-9_]+)$"
_SOURCE_ID = r"^[a-z0-9][a-z0-9-]*$"


def _unit_fits_measure(row) -> bool:
    return row["unit"] in MEASURE_UNITS.get(row["measure"], ())


def _basis_fits_unit(row) -> bool:
    return (row["basis"] != "") == (row["unit"] == "percent")


def _str(*checks, nullable=False):
    return pa.Column(str, checks=list(checks), nullable=nullable)


def schema(known_sources=None) -> pa.DataFrameSchema:
    source_checks = [pa.Check.str_matches(_SOURCE_ID)]
    if known_sources is not None:
        source_checks.append(pa.Check.isin(sorted(known_sources), error="unknown source_id"))
    return pa.DataFrameSchema(
        {
            "source_id": _str(*source_checks),
            "reporter": _str(pa.Check(lambda c: c in codes.iso3_codes(), element_wise=True,
                                      error="not an ISO3 country code")),
            "partner": _str(pa.Check(codes.is_known, element_wise=True,
                                     error="not an ISO3 code nor a known group")),
            "flow": _str(pa.Check.isin(FLOWS)),
            "product": _str(pa.Check.str_matches(_PRODUCT)),
            "period": _str(pa.Check(periods.is_valid, element_wise=True,
                                    error="not a valid period")),
            "measure": _str(pa.Check.isin(sorted(MEASURE_UNITS))),
            "unit": _str(pa.Check.isin(UNITS)),
            "basis": _str(pa.Check.isin(["", *BASES])),
            "value": pa.Column(float, pa.Check(math.isfinite, element_wise=True)),
            "precision": pa.Column(float, pa.Check.gt(0)),
            "note": _str(),
        },
        checks=[
            pa.Check(_unit_fits_measure, element_wise=True, name="unit_fits_measure",
                     error="the unit does not fit the measure"),
            pa.Check(_basis_fits_unit, element_wise=True, name="basis_fits_unit",
                     error="basis is required for percentages and empty otherwise"),
        ],
        unique=KEY,
        strict=True,
        ordered=True,
    )


def _period_problem(text) -> str:
    try:
        periods.parse(text)
    except ValueError as exc:
        return str(exc)
    return "valid"


_CHECK_FIELDS = {"unit_fits_measure": "unit", "basis_fits_unit": "basis"}


def validate(frame: pd.DataFrame, file, known_sources=None) -> pd.DataFrame:
    """Validate the dataset's columns of a frame; raise InputErrors naming file, row and field.

    Rows that carry `origin_file` and `origin_line` are reported there; otherwise in `file`,
    with the frame's index as the row."""
    try:
        return schema(known_sources).validate(frame[COLUMNS], lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _to_input_errors(exc.failure_cases, frame, file) from None


def _to_input_errors(cases: pd.DataFrame, frame, file) -> InputErrors:
    def where(index):
        if index is None or index not in frame.index:
            return file, None
        if "origin_file" in frame:
            return frame.at[index, "origin_file"], int(frame.at[index, "origin_line"])
        return file, int(index)

    errors = []
    for case in cases.itertuples(index=False):
        check = str(case.check)
        index = None if pd.isna(case.index) else case.index
        if "uniqueness" in check or check == "unique":
            field, what = "/".join(KEY), "duplicate key: another row has the same key"
        else:
            field = case.column if case.column in COLUMNS else _CHECK_FIELDS.get(check)
            value = frame.at[index, field] if field and index is not None else case.failure_case
            what = f"{value!r} is invalid: {check}"
            if field == "period":
                what += f" ({_period_problem(value)})"
        path, row = where(index)
        errors.append(InputError(path, what, row=row, field=field))
    unique = {str(e): e for e in errors}
    return InputErrors(sorted(unique.values(), key=lambda e: (e.file or "", e.row or 0)))
