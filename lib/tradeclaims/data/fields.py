"""The columns of the tidy dataset data/trade.csv and what each means (no dependencies, so
readers of the data need not load the schema library)."""

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
