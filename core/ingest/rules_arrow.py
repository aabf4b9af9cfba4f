"""The value rules of :mod:`core.ingest.rules` compiled to pyarrow.compute calls.

Vectorised: the regexes run in C++ (RE2) over Arrow string arrays, the arithmetic in numpy.
Input text is already folded and trimmed (:func:`fold`); null is a missing cell.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from core.ingest import rules

Text = pa.Array | pa.ChunkedArray
FOLD_TABLE = str.maketrans(rules.FOLD)
FOLDED = "[" + "".join(rules.FOLD) + "]"  # a cell with one of these needs folding


def floats(text: Text) -> np.ndarray:
    """Arrow strings that are valid numbers (or null) as a float ndarray, NaN for null."""
    return pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False)


def flags(booleans: Text) -> np.ndarray:
    """Arrow booleans as a numpy bool array, null → False."""
    return pc.fill_null(booleans, False).to_numpy(zero_copy_only=False)


def _whole(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _group(parts: Text, name: str) -> Text:
    """One named group of an extract_regex result; "" where the text did not match."""
    return pc.fill_null(pc.struct_field(parts, name), "")


def numbers(text: Text) -> tuple[np.ndarray, np.ndarray]:
    """(values, percent mask) of folded, trimmed text; NaN where not a finite number.

    A plain number (``-1,234.5``) takes one regex pass; only the other cells are cleaned.
    """
    values, percent = np.full(len(text), np.nan), np.zeros(len(text), dtype=bool)
    plain = flags(pc.match_substring_regex(text, _whole(rules.NUMBER)))
    if plain.any():
        values[plain] = floats(pc.replace_substring(pc.filter(text, plain), rules.GROUPING, ""))
    dirty = ~plain & flags(pc.is_valid(text))
    if dirty.any():
        values[dirty], percent[dirty] = _amounts(pc.filter(text, dirty))
    values[~np.isfinite(values)] = np.nan
    return values, percent


def _amounts(text: Text) -> tuple[np.ndarray, np.ndarray]:
    """NOISE dropped, then AMOUNT: a (negative) number × its suffix's scale."""
    clean = pc.replace_substring_regex(text, rules.NOISE, "")
    parts = pc.extract_regex(clean, _whole(rules.AMOUNT))
    negative = pc.not_equal(_group(parts, "negative"), "")
    digits = pc.if_else(negative, _group(parts, "negative"), _group(parts, "number"))
    suffix = pc.if_else(negative, _group(parts, "negative_suffix"), _group(parts, "suffix"))
    digits = pc.if_else(pc.equal(digits, ""), None, digits)
    digits = pc.replace_substring(digits, rules.GROUPING, "")
    values = floats(digits).copy()
    suffix = suffix.to_numpy(zero_copy_only=False)
    for sign, (num, den) in rules.SCALES.items():
        has = suffix == sign
        values[has] = values[has] * num / den
    values[flags(negative)] *= -1
    return values, (suffix == rules.PERCENT) & ~np.isnan(values)


def date_fields(text: Text) -> dict[str, np.ndarray]:
    """DATE's fields (year … second, floats) of folded, trimmed text; NaN in every field
    where the text is not a date or the fields are outside the calendar."""
    parts = pc.extract_regex(text, _whole(rules.DATE))
    fields = {}
    for name in rules.FIELDS:
        group = pc.struct_field(parts, name)  # "" where an optional group did not match
        fields[name] = floats(pc.if_else(pc.equal(group, ""), "0", group))
    year, month, day = fields["year"], fields["month"], fields["day"]
    ok = np.isfinite(year)
    for name, (low, high) in rules.RANGES.items():
        ok &= (fields[name] >= low) & (fields[name] <= high)
    month_days = np.asarray(rules.MONTH_DAYS)[np.where(ok, month, 1).astype(int) - 1]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = month_days + ((month == rules.LEAP_MONTH) & leap)
    ok &= (day >= 1) & (day <= month_days)
    return {name: np.where(ok, values, np.nan) for name, values in fields.items()}
