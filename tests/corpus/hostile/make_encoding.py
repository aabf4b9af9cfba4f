"""Write the ``encoding_*`` files of the hostile corpus (deterministic).

Western European text saved as Latin-1 and as cp1252 (with curly quotes and €): no UTF-8, so
the encoding is a guess the reader must name.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = "customer_id,name,revenue\nC1,Ñandú SA,1200\nC2,Café Olé,800\nC3,Müller GmbH,450\n"
QUOTES = "customer_id,name,revenue\nC1,“Ñandú” – Sur,1200\nC2,Café €uro,800\nC3,Zoë,450\n"


def files() -> dict[str, bytes]:
    return {
        "encoding_latin1.csv": TABLE.encode("latin-1"),
        "encoding_cp1252_quotes.csv": QUOTES.encode("cp1252"),
    }


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
