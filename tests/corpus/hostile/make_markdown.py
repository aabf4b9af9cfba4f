"""Write markdown_names.csv: the English sample with Markdown in names, IDs, headers and cells.

Run from the repository root: ``python tests/corpus/hostile/make_markdown.py``. Deterministic:
the same sample gives the same file.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "data" / "sample_customers_en.csv"
ROWS = 40
# Each renders as something other than its characters in Markdown (Streamlit's included).
PAYLOADS = (
    "![img](https://evil.example/pixel.png)",
    "[phish](https://evil.example/login)",
    ":red[alarm] :material/home: :smile:",
    "$x^2$ <b>bold</b> &amp;",
    "# heading",
    "- item | a | b |",
    "https://evil.example/bare www.evil.example",
    "**loud** ~~gone~~ `code`",
)
HEADERS = {  # column → hostile header (kept recognisable where the role matters)
    "industry": "industry",
    "market_influence": "influence ![h](https://evil.example/h.png)",
    "complaints": ":red[complaints] $n$",
}


def main() -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:ROWS]
    out = HERE / "markdown_names.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([HEADERS.get(c, c) for c in rows[0]])
        for i, row in enumerate(rows):
            payload = PAYLOADS[i % len(PAYLOADS)]
            row["customer_name"] = f"{payload} {i}"
            if i % 5 == 0:
                row["customer_id"] = f"[{row['customer_id']}](https://evil.example/id)"
            if i % 3 == 0:
                row["industry"] = PAYLOADS[(i // 3) % len(PAYLOADS)]
            if i == 7:  # a cell the reader warns about, quoting it
                row["revenue"] = "![r](https://evil.example/r.png)"
            writer.writerow(row.values())


if __name__ == "__main__":
    main()
