"""The value rules of :mod:`core.ingest.rules` compiled to SQL over a column of any type.

A rule becomes steps, ``(name, expression)`` pairs where an expression may use the names of
the steps before it (in another engine: one ``withColumn`` each). :func:`select_steps` nests
them as SELECT layers, so each regex runs once per cell whatever the number of places that use
its result (inlined, the date rule's text would grow past what a planner handles quickly).
Text columns get the text rules; a column already typed as a number or a date keeps its value
(finite numbers, dates in the year range), as pandas does with a typed column.

The dialect's function names, type names and string literals are in :data:`DIALECTS` (DuckDB
and Spark SQL; another engine adds one entry). Every pattern is RE2, as in pyarrow, and within
the subset Java's regular expressions read alike (Spark): classes, ``\\x{…}``, ``(?i:…)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import zip_longest

from core.ingest import rules
from core.ingest.parsing import MISSING_TOKENS

Step = tuple[str, str]

DIALECTS: dict[str, dict[str, str]] = {
    "duckdb": {
        "text": "CAST({x} AS VARCHAR)",
        "fold": "translate({x}, {src}, {dst})",
        "trim": "trim({x}, {chars})",
        "lower": "lower({x})",
        "bytes": "strlen({x})",
        "chars": "length({x})",
        "first_code": "ascii({x})",  # code point of the first character, 0 for ''
        "last_char": "{x}[-1]",
        "prefix": "left({x}, {n})",
        "full_match": "regexp_full_match({x}, {pattern})",
        "remove_all": "regexp_replace({x}, {pattern}, '', 'g')",
        "remove": "replace({x}, {text}, '')",
        "groups": "regexp_extract({x}, {pattern}, [{names}])",  # "" per group when no match
        "group": "struct_extract({x}, {name})",
        "double": "TRY_CAST({x} AS DOUBLE)",
        "integer": "CAST({x} AS INTEGER)",
        "finite": "isfinite({x})",
        "floor": "CAST(floor({x}) AS BIGINT)",
        "iso_date": "TRY_CAST({x} AS DATE)",  # NULL for a day the month does not have
        # Native casts where they read exactly what the rules read (tests/core/ingest/
        # test_rules.py checks every short text): DuckDB's DOUBLE cast reads a plain number
        # with ASCII spaces around it, inf and nan (the finite check drops them), "1_000" and
        # "+-1" (both kept out); its DATE cast reads "yyyy-mm-dd" by the calendar. Other cells,
        # and those the casts refuse, take the rules.
        "native_number": "CASE WHEN NOT contains({x}, '_') AND NOT contains({x}, '+-') "
        "THEN TRY_CAST({x} AS DOUBLE) END",
        "native_day": "CASE WHEN {x} LIKE '____-__-__' THEN TRY_CAST({x} AS DATE) END",
        "date": "CAST({x} AS DATE)",
        "days": "({x} - DATE '1970-01-01')",
        "make_date": "make_date({y}, {m}, {d})",
        "date_literal": "DATE '{iso}'",
        # a column's type (as the engine's DESCRIBE names it) → how its values are read
        "number_types": "TINYINT SMALLINT INTEGER BIGINT HUGEINT UTINYINT USMALLINT UINTEGER "
        "UBIGINT UHUGEINT FLOAT DOUBLE",
        "date_types": "DATE TIMESTAMP TIMESTAMP_S TIMESTAMP_MS TIMESTAMP_NS",
        "zoned_types": "TIMESTAMP WITH TIME ZONE",  # read at UTC (pandas: in its own zone)
        "utc": "timezone('UTC', {x})",
        "quote": '"',
        "backslash": "",  # a backslash in a string literal is itself
    },
    # Spark SQL (the session runs at UTC with ANSI mode off: core.orders.spark_session)
    "spark": {
        "text": "CAST({x} AS STRING)",
        "fold": "translate({x}, {src}, {dst})",
        "trim": "trim(BOTH {chars} FROM {x})",
        "lower": "lower({x})",
        "bytes": "octet_length({x})",
        "chars": "char_length({x})",
        "first_code": "ascii({x})",  # the first code point, 0 for ''
        "last_char": "substring({x}, -1, 1)",
        "prefix": "left({x}, {n})",
        "full_match": "({x} RLIKE {pattern})",  # the pattern anchored by "anchor"
        "anchor": "^(?:{p})$",
        "find": "({x} RLIKE {pattern})",
        "remove_all": "regexp_replace({x}, {pattern}, '')",
        "remove": "replace({x}, {text}, '')",
        "groups": "{x}",  # one regexp_extract per group: Spark has no struct of groups
        "group": "regexp_extract({x}, {pattern}, {index})",  # '' when no match
        "double": "TRY_CAST({x} AS DOUBLE)",
        "integer": "CAST({x} AS INT)",
        "finite": "(NOT isnan({x}) AND abs({x}) < CAST('Infinity' AS DOUBLE))",
        "floor": "CAST(floor({x}) AS BIGINT)",
        "iso_date": "TRY_CAST({x} AS DATE)",
        # Spark's DOUBLE cast also reads "1d", "0x1p3" and "Infinity": only plain decimals
        # take it; its DATE cast reads "yyyy-mm-dd" by the calendar
        "native_number": "CASE WHEN {x} RLIKE '^-?[0-9]+([.][0-9]+)?$' "
        "THEN CAST({x} AS DOUBLE) END",
        "native_day": "CASE WHEN {x} RLIKE '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' "
        "THEN TRY_CAST({x} AS DATE) END",
        "date": "CAST({x} AS DATE)",
        "days": "unix_date({x})",
        "make_date": "make_date({y}, {m}, {d})",
        "date_literal": "DATE '{iso}'",
        "number_types": "TINYINT SMALLINT INT INTEGER BIGINT FLOAT DOUBLE BYTE SHORT LONG",
        "date_types": "DATE TIMESTAMP_NTZ",
        "zoned_types": "TIMESTAMP",  # at the session's time zone: UTC
        "utc": "{x}",
        "quote": "`",
        "backslash": "\\\\",  # string literals read escapes: a backslash is written twice
    },
}
DIALECTS["duckdb"] |= {
    "anchor": "{p}",  # regexp_full_match anchors itself
    "find": "regexp_matches({x}, {pattern})",
}


def literal(text: str, dialect: str = "duckdb") -> str:
    """A SQL string literal in ``dialect``."""
    backslash = DIALECTS[dialect]["backslash"]
    text = str(text).replace("\\", backslash) if backslash else str(text)
    quote = "\\'" if backslash else "''"
    return "'" + text.replace("'", quote) + "'"


def quote(name: str, dialect: str = "duckdb") -> str:
    """A column name in ``dialect`` (quoted, the quote character doubled)."""
    mark = DIALECTS[dialect]["quote"]
    return mark + str(name).replace(mark, mark * 2) + mark


def _positional(pattern: str) -> tuple[str, list[str]]:
    """``pattern`` with its named groups as plain groups, and the names in group order."""
    names = sorted(re.compile(pattern).groupindex.items(), key=lambda item: item[1])
    return re.sub(r"\(\?P<\w+>", "(", pattern), [name for name, _ in names]


class Compiler:
    """Builds the steps of each rule in one dialect; ``name`` prefixes every step's name."""

    def __init__(self, dialect: str = "duckdb") -> None:
        self.dialect = dialect
        self.sql = DIALECTS[dialect]

    def f(self, function: str, **parts: object) -> str:
        return self.sql[function].format(**parts)

    def lit(self, text: str) -> str:
        """A string literal in this dialect."""
        return literal(text, self.dialect)

    def quote(self, name: str) -> str:
        """A column name in this dialect."""
        return quote(name, self.dialect)

    def full_match(self, x: str, pattern: str) -> str:
        """SQL: ``x`` matches the whole of ``pattern``."""
        anchored = self.sql["anchor"].format(p=pattern)
        return self.f("full_match", x=x, pattern=self.lit(anchored))

    def find(self, x: str, pattern: str) -> str:
        """SQL: ``pattern`` matches somewhere in ``x``."""
        return self.f("find", x=x, pattern=self.lit(pattern))

    def _kind(self, kind: str | None) -> str:
        """ "number", "date", "zoned" or "text" for a column type (None: text)."""
        base = (kind or "VARCHAR").split("(")[0].strip().upper()
        if base in self.sql["number_types"].split():
            return "number"
        if base == self.sql["zoned_types"]:
            return "zoned"
        return "date" if base in self.sql["date_types"].split() else "text"

    def _unchanged(self, x: str) -> str:
        """True where fold and trim leave ``x`` as it is: pure ASCII (fold maps only
        non-ASCII characters) with no whitespace at either end (ASCII's are all ≤ ' ')."""
        ascii_only = f"{self.f('bytes', x=x)} = {self.f('chars', x=x)}"
        ends = f"{self.f('first_code', x=x)} > 32 AND {self.f('last_char', x=x)} > ' '"
        return f"{ascii_only} AND {ends}"

    def _fold_trim(self, x: str) -> str:
        src, dst = "".join(rules.FOLD), "".join(rules.FOLD.values())
        folded = self.f("fold", x=x, src=self.lit(src), dst=self.lit(dst))
        return self.f("trim", x=folded, chars=self.lit(rules.WHITESPACE))

    def clean(self, column: str, name: str) -> list[Step]:
        """Folded, trimmed text of ``column`` (step ``name``)."""
        return [(name, self._clean(self.f("text", x=column)))]

    def _clean(self, x: str) -> str:
        return f"CASE WHEN {self._unchanged(x)} THEN {x} ELSE {self._fold_trim(x)} END"

    def identifier(self, column: str, name: str) -> list[Step]:
        """Trimmed text (not folded), NULL for a missing token (compared folded, any case)."""
        x = self.f("text", x=column)
        longest = max(map(len, MISSING_TOKENS))  # characters: fold keeps the count
        # printable ASCII at both ends (no trim) and longer than every token: kept as it is
        first, last = self.f("first_code", x=x), self.f("last_char", x=x)
        ends = f"{first} BETWEEN 33 AND 126 AND {last} BETWEEN '!' AND '~'"
        kept = f"{ends} AND {self.f('chars', x=x)} > {longest}"
        key = self.f("lower", x=self._fold_trim(x))
        tokens = " OR ".join(f"{name}_k = {self.lit(t)}" for t in sorted(MISSING_TOKENS))
        trimmed = self.f("trim", x=x, chars=self.lit(rules.WHITESPACE))
        return [
            (f"{name}_u", kept),
            (f"{name}_k", f"CASE WHEN NOT {name}_u THEN {key} END"),
            # "= … OR", not IN: DuckDB plans an IN list as a hash join over every row
            (name, f"CASE WHEN {name}_u THEN {x} WHEN {tokens} THEN NULL ELSE {trimmed} END"),
        ]

    def number(self, column: str, name: str, kind: str | None = None) -> list[Step]:
        """The number a cell holds (DOUBLE), NULL where it is not a finite number."""
        if self._kind(kind) == "number":
            value = self.f("double", x=column)
            return [(name, f"CASE WHEN {self.f('finite', x=value)} THEN {value} END")]
        if self._kind(kind) in ("date", "zoned"):
            return [(name, "CAST(NULL AS DOUBLE)")]
        x, native, t = self.f("text", x=column), f"{name}_f", f"{name}_t"
        finite = f"CASE WHEN {self.f('finite', x=native)} THEN {native} END"
        return [
            (native, self.f("native_number", x=x)),
            (t, f"CASE WHEN {native} IS NULL THEN {self._clean(x)} END"),
            *self._number_of_text(t, f"{name}_s"),
            (name, f"CASE WHEN {native} IS NOT NULL THEN {finite} ELSE {name}_s END"),
        ]

    def _number_of_text(self, t: str, name: str) -> list[Step]:
        pattern, names = _positional(f"^(?:{rules.AMOUNT})$")
        kept = self.f("remove_all", x=t, pattern=self.lit(rules.NOISE))
        groups = self.f("groups", x=kept, pattern=self.lit(pattern),
                        names=", ".join(map(self.lit, names)))  # fmt: skip

        def group(field: str) -> str:
            return self.f("group", x=f"{name}_g", name=self.lit(field), pattern=self.lit(pattern),
                          index=names.index(field) + 1)  # fmt: skip

        def value(digits: str, suffix: str) -> str:
            v = self.f("double", x=self.f("remove", x=digits, text=self.lit(rules.GROUPING)))
            scaled = " ".join(
                f"WHEN {self.lit(sign)} THEN (({v}) * {num}) / {den}"
                for sign, (num, den) in rules.SCALES.items()
            )
            return f"CASE {suffix} {scaled} ELSE {v} END"

        plain = self.full_match(t, rules.NUMBER)
        cast = self.f("double", x=self.f("remove", x=t, text=self.lit(rules.GROUPING)))
        parsed = (
            f"CASE WHEN {name}_p THEN {cast} "
            f"WHEN {group('negative')} <> '' "
            f"THEN -({value(group('negative'), group('negative_suffix'))}) "
            f"WHEN {group('number')} <> '' THEN {value(group('number'), group('suffix'))} END"
        )
        return [
            (f"{name}_p", plain),
            (f"{name}_g", f"CASE WHEN NOT {name}_p THEN {groups} END"),
            (f"{name}_v", parsed),
            (name, f"CASE WHEN {self.f('finite', x=f'{name}_v')} THEN {name}_v END"),
        ]

    def day(
        self, column: str, name: str, kind: str | None = None, serial: bool = True
    ) -> list[Step]:
        """Whole days since 1970-01-01 (a time of day dropped), NULL where not a date;
        ``serial``: a number in SERIAL_RANGE is an Excel serial day."""
        if self._kind(kind) in ("date", "zoned"):
            at = self.f("utc", x=column) if self._kind(kind) == "zoned" else column
            return [(name, self._in_years(at))]
        if self._kind(kind) == "number":
            steps = self.number(column, f"{name}_n", kind)
            return [*steps, (name, self._serial(f"{name}_n") if serial else "NULL")]
        x, native, t, text = self.f("text", x=column), f"{name}_f", f"{name}_t", f"{name}_s"
        out = f"{name}_d" if serial else name
        steps = [
            (native, self.f("native_day", x=x)),
            (t, f"CASE WHEN {native} IS NULL THEN {self._clean(x)} END"),
            *self._day_of_text(t, text),
            (out, f"CASE WHEN {native} IS NOT NULL THEN {self._in_years(native)} ELSE {text} END"),
        ]
        if not serial:
            return steps
        rest = f"{name}_r"  # the cells that are not text dates, for the serial rule
        steps += [(rest, f"CASE WHEN {out} IS NULL THEN {t} END")]
        steps += self._number_of_text(rest, f"{name}_n")
        return [*steps, (name, f"coalesce({out}, {self._serial(f'{name}_n')})")]

    def _in_years(self, day: str) -> str:
        """The days of a DATE ``day`` within YEARS, else NULL."""
        low, high = rules.YEARS
        first = self.f("date_literal", iso=f"{low:04d}-01-01")
        after = self.f("date_literal", iso=f"{high + 1:04d}-01-01")
        days = self.f("days", x=self.f("date", x=day))
        return f"CASE WHEN {day} >= {first} AND {day} < {after} THEN {days} END"

    def _serial(self, number: str) -> str:
        low, high = rules.SERIAL_RANGE
        offset = (rules.UNIX_EPOCH - rules.SERIAL_EPOCH).days
        day = f"{self.f('floor', x=number)} - {offset}"
        return f"CASE WHEN {number} BETWEEN {low} AND {high} THEN {day} END"

    def _day_of_text(self, t: str, name: str) -> list[Step]:
        pattern, names = _positional(f"^(?:{rules.DATE})$")
        groups = self.f("groups", x=t, pattern=self.lit(pattern),
                        names=", ".join(map(self.lit, names)))  # fmt: skip
        fields = []
        for field in rules.FIELDS:
            text = self.f("group", x=f"{name}_g", name=self.lit(field),
                          pattern=self.lit(pattern), index=names.index(field) + 1)  # fmt: skip
            number = f"CASE WHEN {text} = '' THEN 0 ELSE {self.f('integer', x=text)} END"
            fields.append((f"{name}_{field}", f"CASE WHEN {name}_g IS NOT NULL THEN {number} END"))
        checks = [f"{name}_{f} BETWEEN {lo} AND {hi}" for f, (lo, hi) in rules.RANGES.items()]
        y, m, d = (f"{name}_{field}" for field in ("year", "month", "day"))
        month_days = " ".join(f"WHEN {i} THEN {n}" for i, n in enumerate(rules.MONTH_DAYS, 1))
        leap = f"({y} % 4 = 0 AND ({y} % 100 <> 0 OR {y} % 400 = 0))"
        extra = f"CASE WHEN {m} = {rules.LEAP_MONTH} AND {leap} THEN 1 ELSE 0 END"
        checks.append(f"{d} BETWEEN 1 AND (CASE {m} {month_days} END) + {extra}")
        iso_day = self.f("iso_date", x=self.f("prefix", x=t, n=rules.ISO_DAY_CHARS))
        made = self.f("days", x=self.f("make_date", y=y, m=m, d=d))
        return [
            (f"{name}_i", self.full_match(t, rules.ISO_DATE)),
            (f"{name}_id", f"CASE WHEN {name}_i THEN {iso_day} END"),
            (f"{name}_g", f"CASE WHEN NOT {name}_i THEN {groups} END"),
            *fields,
            (name, f"CASE WHEN {name}_i THEN {self._in_years(f'{name}_id')} "
                   f"WHEN {' AND '.join(checks)} THEN {made} END"),
        ]  # fmt: skip


def select_steps(source: str, columns: Iterable[str], steps: Sequence[Sequence[Step]]) -> str:
    """``SELECT columns FROM source`` after every step of every rule, one SELECT layer per
    step depth (the rules' steps side by side); ``columns`` may name any step."""
    query = f"SELECT * FROM {source}"
    for layer in zip_longest(*steps):
        defined = ", ".join(f"{expr} AS {name}" for step in layer if step for name, expr in [step])
        query = f"SELECT *, {defined} FROM ({query})"
    return f"SELECT {', '.join(columns)} FROM ({query})"
