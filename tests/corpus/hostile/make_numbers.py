"""Writes the ``numbers_*`` files of the hostile-input corpus (deterministic; run from anywhere).

A customer table of 20 rows whose ``revenue`` holds numbers at the edge of floating point in
rows 5 and 7 (sheet rows), and a workshop submission with such a weight.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["customer_id", "customer_name", "revenue", "orders", "satisfaction"]
EXTREMES = {
    "1e308": ("1e308", "1e308"),
    "max_float": ("1.7976931348623157e308", "1e308"),
    "minus_1e308": ("-1e308", "1e308"),
}
BAD_ROWS = (3, 5)  # 0-based data rows: sheet rows 5 and 7


def rows(values: tuple[str, str]) -> list[list[str]]:
    out = []
    for i in range(20):
        revenue = values[BAD_ROWS.index(i)] if i in BAD_ROWS else f"{1000 + 137 * i}.5"
        out.append([f"C{i + 1:04d}", f"Customer {i + 1}", revenue, str(1 + i % 9),
                    f"{3 + (i % 5) / 2:.1f}"])  # fmt: skip
    return out


def main() -> None:
    for name, values in EXTREMES.items():
        with (HERE / f"numbers_{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows(values))
    weights = {"revenue": 1e308, "orders": 1, "satisfaction": 1}
    (HERE / "numbers_room_weights.json").write_text(json.dumps(weights) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
