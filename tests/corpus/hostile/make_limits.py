"""Write the ``limits_*`` files of the hostile corpus (deterministic: run it, nothing changes).

Deep JSON (a scenario file, room weights, a share link's token), a table wider than the
column limit, a table whose one header line is very long, ``"weight": true``, a table with no
ID column and a column of numbers with units.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPTH = 100_000  # far past any recursion limit
ARGUMENT_DEPTH = 20_000  # --weights text that still fits in one command-line argument
WIDE = 20_000  # columns besides the ID


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def token(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")


def files() -> dict[str, str]:
    wide_header = ",".join(["customer_id", *(f"c{i}" for i in range(WIDE))])
    wide_rows = [",".join([f"C{r}", *(str((r * i) % 10) for i in range(WIDE))]) for r in (1, 2)]
    long_header = "~".join(f"field_{i}" for i in range(20_000))  # no delimiter it knows
    scenario = {"id_column": "customer_id", "factors": [{"column": "revenue", "weight": 1}]}
    return {
        "limits_deep_scenario.json": '{"id_column": "customer_id", "extra": ' + deep(DEPTH) + "}",
        "limits_deep_weights.json": '{"revenue": ' + deep(ARGUMENT_DEPTH) + "}",
        "limits_deep_share_token.txt": token(deep(300_000)) + "\n",
        "limits_wide_20000_columns.csv": "\n".join([wide_header, *wide_rows, ""]),
        "limits_long_header.csv": "\n".join([long_header, "1~2", "3~4", ""]),
        "limits_revenue_scenario.json": json.dumps(scenario, indent=2) + "\n",
        "limits_weight_true.json": json.dumps(
            {**scenario, "factors": [{"column": "revenue", "weight": True}]}, indent=2
        )
        + "\n",
        "limits_no_id_column.csv": "revenue,profit\n1200,300\n800,120\n\n450,90\n",
        "limits_numbers_with_units.csv": "customer,revenue\nA,1200kg\nB,800kg\nC,450kg\n",
    }


if __name__ == "__main__":
    for name, text in files().items():
        (HERE / name).write_text(text, encoding="utf-8", newline="")
