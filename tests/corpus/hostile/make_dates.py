"""Writes the ``dates_*`` files of the hostile-input corpus (deterministic; run from anywhere).

A customer table of 20 rows whose ``last_order_date`` holds, in row 5 (sheet row), a day
outside the years a date can take (1678–2261) or a day far after today; and scenarios whose
``as_of`` is such a day.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["customer_id", "customer_name", "revenue", "orders", "last_order_date"]
OUTSIDE = {"0001": "0001-01-01", "1677": "1677-09-21", "2262": "2262-04-12", "9999": "9999-12-31"}
FUTURE = "2099-06-01"
BAD_ROW = 3  # 0-based data row: sheet row 5


def rows(odd_day: str) -> list[list[str]]:
    """20 customers; the one at ``BAD_ROW`` last ordered on ``odd_day``."""
    out = []
    for i in range(20):
        day = odd_day if i == BAD_ROW else f"2024-{1 + i % 12:02d}-{1 + (7 * i) % 28:02d}"
        revenue = f"{1000 + 137 * i}.5"
        out.append([f"C{i + 1:04d}", f"Customer {i + 1}", revenue, str(1 + i % 9), day])
    return out


def scenario(as_of: str) -> dict:
    factors = [{"column": "revenue", "weight": 2}, {"column": "orders", "weight": 1},
               {"column": "last_order_date", "direction": "cost", "weight": 1}]  # fmt: skip
    return {"id_column": "customer_id", "name_column": "customer_name", "factors": factors,
            "as_of": as_of}  # fmt: skip


def write_table(name: str, odd_day: str) -> None:
    with (HERE / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows(odd_day))


def main() -> None:
    for year, day in OUTSIDE.items():
        write_table(f"dates_year_{year}.csv", day)
        text = json.dumps(scenario(day), indent=2) + "\n"
        (HERE / f"dates_as_of_{year}.json").write_text(text, encoding="utf-8")
    write_table("dates_after_today.csv", FUTURE)


if __name__ == "__main__":
    main()
