"""The schema of the tidy dataset, checked with pandera; failures become InputErrors that name
the file, the row and the field."""

import math

import pandas as pd
import pandera.pandas as pa

from tradeclaims.data import codes, periods
from tradeclaims.data.fields import COLUMNS, FLOWS, ID_PATTERN, KEY
from tradeclaims.data.units import BASES, MEASURE_UNITS, UNITS
from tradeclaims.errors import InputError, InputErrors

LEVELS = ("value", "quantity")
GROWTHS = ("growth_published", "growth_mom_published")


def _unit_fits_measure(row) -> bool:
    return row["unit"] in MEASURE_UNITS.get(row["measure"], ())


def _basis_fits_unit(row) -> bool:
    return (row["basis"] != "") == (row["unit"] == "percent")


def _value_in_range(row) -> bool:
    """Levels of trade are positive (a balance may be anything); a share lies within 0-100;
    nothing falls by more than 100%."""
    if row["measure"] in LEVELS and row["flow"] != "balance":
        return row["value"] > 0
    if row["measure"].startswith("share"):
        return 0 <= row["value"] <= 100
    if row["measure"] in GROWTHS:
        return row["value"] >= -100
    return True


def _str(*checks, nullable=False):
    return pa.Column(str, checks=list(checks), nullable=nullable)


def schema(known_sources=None) -> pa.DataFrameSchema:
    source_checks = [pa.Check.str_matches(ID_PATTERN)]
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
            "product": _str(pa.Check(lambda c: not codes.product_problem(c), element_wise=True,
                                     error="not a product code")),
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
            pa.Check(_value_in_range, element_wise=True, name="value_in_range",
                     error="out of range: levels of exports, imports and total trade are "
                     "positive, shares lie within 0-100, no rate falls below -100%"),
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


_CHECK_FIELDS = {"unit_fits_measure": "unit", "basis_fits_unit": "basis",
                 "value_in_range": "value"}


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
            elif field == "product":
                what += f" ({codes.product_problem(value)})"
            elif check == "value_in_range":
                what = (f"{value!r} is out of range for {frame.at[index, 'measure']} of "
                        f"{frame.at[index, 'flow']}: levels of exports, imports and total "
                        "trade are positive, shares lie within 0-100, no rate falls below "
                        "-100%")
        path, row = where(index)
        errors.append(InputError(path, what, row=row, field=field))
    unique = {str(e): e for e in errors}
    return InputErrors(sorted(unique.values(), key=lambda e: (e.file or "", e.row or 0)))
