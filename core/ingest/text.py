"""Text tables (CSV / TSV / TXT): the encoding, the delimiter and the records from the header on.

Text is decoded as UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030 when charset-normalizer
finds a GB encoding among its candidates. Otherwise the encoding is a guess: when the
detector's first choice is a single-byte code page, the first of :data:`SINGLE_BYTE_ORDER`
(Western European) among the candidates that look about as clean as it is taken (a Latin-1
``Ñandú`` otherwise reads as cp1250 ``Ńandú`` as often as not); every guess is named in a
warning quoting the words it decoded, with how to avoid it (save as UTF-8).

The delimiter (comma, semicolon, tab, ``|``) is the one that splits the first lines (the
first few whole ones when they are very long) into the same number of fields (title and note
lines of fewer than two fields above the table left aside). The header is found among the
first records (:mod:`core.ingest.header`) and the table is read from it.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import re
from collections import Counter
from pathlib import Path

import charset_normalizer
import pandas as pd

from core.errors import IngestError
from core.i18n import Items, msg
from core.ingest.header import header_position
from core.ingest.width import check_width

DELIMITERS = (",", ";", "\t", "|")
GB_ENCODINGS = frozenset({"gb2312", "gbk", "gb18030"})
SINGLE_BYTE_ORDER = ("cp1252", "latin_1", "iso8859_15")  # preferred among equally clean guesses
CHAOS_MARGIN = 0.05  # a candidate this much messier than the detector's first is as clean
CERTAIN_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "gb18030"})
GUESS_EXAMPLES = 3  # words with non-ASCII letters quoted in the warning on a guess
SNIFF_CHARS = 65536  # the delimiter is chosen on the first 50 lines within these characters
WIDE_LINES = 3  # … or on the first 3 lines when they are longer
_NO_DELIMITER = "\x1f"  # ASCII unit separator: never in a table, so the line stays one field
HEADER_SEARCH_ROWS = 60  # CSV records read to find the header (core.ingest.header scans 50)


@functools.cache
def _single_byte(encoding: str) -> bool:
    """True for a code page of one byte per character (cp1252, cp1250, koi8_r …)."""
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


def _guess(data: bytes) -> tuple[str, list[str]]:
    """The encoding to try on a text that is not UTF-8, and the detector's candidates."""
    # A cut after a newline never splits a GBK character (trail bytes are ≥ 0x40).
    sample = data[: data.rfind(b"\n", 0, 1_000_000) + 1] or data
    matches = list(charset_normalizer.from_bytes(sample))
    candidates = [match.encoding for match in matches]
    # GB18030 (superset of GB2312/GBK, Chinese Excel exports) wins whenever it is a candidate
    # or the detector gives up: short Chinese samples often rank big5/cp949 first.
    if not candidates or GB_ENCODINGS & set(candidates):
        return "gb18030", candidates
    first = matches[0]
    if _single_byte(first.encoding):
        clean = {m.encoding for m in matches if m.chaos <= first.chaos + CHAOS_MARGIN}
        return next((e for e in SINGLE_BYTE_ORDER if e in clean), first.encoding), candidates
    return first.encoding, candidates


def _decode(data: bytes, label: str) -> tuple[str, str]:
    """Text and the encoding it was decoded with."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise IngestError(_binary(label))
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    encoding, candidates = _guess(data)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise IngestError(
            _binary(label)
            if not candidates
            else msg("ingest.cannot_work_out_text_encoding", file=label)
        ) from None


def _guess_warning(text: str, encoding: str, label: str) -> list[str]:
    """The warning on a guessed encoding, quoting the first words it decoded that are not
    ASCII (so a reader sees at once whether Ñandú came out right); [] when it was no guess."""
    if encoding in CERTAIN_ENCODINGS:
        return []
    words = re.findall(r"[^\s,;|\"']*[^\x00-\x7f][^\s,;|\"']*", text[:SNIFF_BYTES])
    examples = Items(list(dict.fromkeys(words))[:GUESS_EXAMPLES], "comma")
    return [msg("ingest.encoding_guessed", file=label, encoding=encoding, examples=examples)]


def _binary(label: str) -> str:
    return msg("ingest.binary", file=label)


def _sniff(text: str) -> str | None:
    """The delimiter that splits the most of the first lines into one field count (≥ 2).

    Lines of fewer than two fields before the first wider one (a title, a note) do not set
    the field count, but count in the share, so a delimiter that splits only the body of a
    file loses to one that splits every line.
    """
    lines = text[:SNIFF_CHARS].splitlines(keepends=True)
    lines = lines[:50] if len(text) <= SNIFF_CHARS else lines[:-1][:50]  # last line may be cut
    if len(lines) < WIDE_LINES:  # very wide lines: the first few whole ones, however long
        lines = list(itertools.islice(_Lines(text), WIDE_LINES))
    best, best_score = None, (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:  # a field past csv's size limit: the delimiter does not split it
            continue
        table = list(itertools.dropwhile(lambda count: count < 2, counts))
        if not table:
            continue
        common, seen = max(Counter(table).items(), key=lambda item: (item[1], item[0]))
        score = (seen / len(counts), common)  # the share of all lines, title lines included
        if score > best_score:
            best, best_score = delimiter, score
    return best


JAVA_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030"}
SNIFF_BYTES = 1 << 20


def sniff_csv(path: Path) -> tuple[str, str | None]:
    """(encoding as Java names it, delimiter or None) of a local CSV file, from its first MiB,
    by the rules :func:`read_text` applies to the whole file (for engines that read the file
    themselves)."""
    with path.open("rb") as handle:
        data = handle.read(SNIFF_BYTES)
    if len(data) == SNIFF_BYTES:  # a cut after a newline splits no character
        data = data[: data.rfind(b"\n") + 1] or data
    text, encoding = _decode(data, path.name)
    return JAVA_ENCODINGS.get(encoding, encoding), _sniff(text.lstrip("\ufeff"))


class _Lines:
    """The lines of a text (split after each ``\n``), counting the characters handed out."""

    def __init__(self, text: str) -> None:
        self.text, self.offset = text, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.offset >= len(self.text):
            raise StopIteration
        end = self.text.find("\n", self.offset)
        end = len(self.text) if end < 0 else end + 1
        line, self.offset = self.text[self.offset : end], end
        return line


def _leading_records(
    text: str, sep: str, count: int, label: str
) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The first ``count`` records of ``text`` and, after each, (characters, lines) read."""
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=sep)
    records, ends = [], []
    try:
        for record in reader:
            records.append(record)
            ends.append((lines.offset, reader.line_num))
            if len(records) >= count:
                break
    except csv.Error as error:
        raise IngestError(
            msg("ingest.cannot_split_file_into_columns", file=label, detail=error)
        ) from None
    return records, ends


def read_text(
    data: bytes, label: str, header_row: int | None
) -> tuple[list[object], pd.DataFrame, str, str | None, tuple[int, int], list[str]]:
    """Header cells, body, encoding, delimiter, (header's row, table rows above it) and
    warnings (a guessed encoding)."""
    text, encoding = _decode(data, label)
    controls = len(re.findall(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]", text[:8192]))
    if controls > 0.05 * len(text[:8192]):
        raise IngestError(_binary(label))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError(msg("ingest.empty", file=label))
    if "\n" not in text:  # classic Mac line ends
        text = text.replace("\r", "\n")
    delimiter = _sniff(text)
    sep = delimiter or _NO_DELIMITER
    wanted = header_row if header_row is not None else HEADER_SEARCH_ROWS
    records, ends = _leading_records(text, sep, wanted, label)
    check_width(max(map(len, records), default=0), label)
    position = header_position(records, header_row, 0, label)
    start, skipped_lines = ends[position - 1] if position else (0, 0)
    try:
        raw = pd.read_csv(
            io.StringIO(text[start:]), sep=sep, header=None, dtype=str, keep_default_na=False,
            skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except pd.errors.ParserError as error:
        raise IngestError(_ragged(label, str(error), delimiter, skipped_lines)) from None
    header, body = raw.iloc[0].tolist(), raw.iloc[1:].reset_index(drop=True)
    warnings = _guess_warning(text, encoding, label)
    return header, body, encoding, delimiter, (position + 1, position), warnings


def _ragged(label: str, message: str, delimiter: str | None, skipped_lines: int = 0) -> str:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if not found:
        return msg("ingest.cannot_split_file_into_columns", file=label, detail=message)
    expected, line, seen = found.groups()
    line = str(int(line) + skipped_lines)
    words = {",": msg("word.comma"), ";": msg("word.semicolon"), "\t": msg("word.tab")}
    sign = words.get(delimiter or "", delimiter)
    return msg(
        "ingest.ragged_line",
        file=label,
        line=line,
        seen=seen,
        expected=expected,
        sign=sign,
    )
