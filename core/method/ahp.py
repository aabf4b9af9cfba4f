"""AHP: weights from a reciprocal pairwise-comparison matrix on Saaty's 1–9 scale.

Contract: ``a[i, j]`` says how much more important criterion i is than j (1 = equal, 9 =
extremely more, 1/3 = moderately less); ``a[j, i] = 1/a[i, j]`` and ``a[i, i] = 1``.

- weights ``w``: the principal (Perron) eigenvector of ``a``, normalised to sum 1;
- ``λmax``: the principal eigenvalue; ``CI = (λmax − n)/(n − 1)``; ``CR = CI/RI(n)``;
- ``CR ≥ 0.10`` is inconsistent; ``n ≤ 2`` is always consistent (CR 0).

RI is Saaty's random index for n = 1…10 and Saaty's extended values for n = 11…15 (see
:data:`SAATY_RI`); more than 15 criteria is refused (group them into dimensions instead).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from core.errors import IngestError, InputError
from core.i18n import msg, prefixed

SAATY_RI: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,  # Saaty (1980), n = 1…10
    1.51, 1.48, 1.56, 1.57, 1.59,  # Saaty's extended table, n = 11…15
)  # fmt: skip
"""Random index RI(n) at position n − 1."""

CR_LIMIT = 0.10
SAATY_SCALE: tuple[float, ...] = tuple(
    [1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
"""The 17 values of Saaty's scale, 1/9 … 1/2, 1, 2 … 9, ascending."""

_TOL = 1e-6  # relative tolerance for diagonal, reciprocity and scale bounds
_NOISE = 1e-9  # deviations below this are rounding noise, not a judgement to revise


@dataclass(frozen=True)
class PairAdvice:
    """A judgement ``a[i, j]`` far from the consistent ratio ``w_i/w_j``.

    ``deviation = |ln(a_ij · w_j / w_i)|`` (Saaty's ε); ``suggested`` is ``w_i/w_j`` rounded to
    the nearest value of Saaty's scale on a log scale. It can equal ``given`` (the consistent
    ratio lies beyond 1/9 … 9, or rounds back): then revise the other judgements instead.
    """

    i: int
    j: int
    given: float
    suggested: float
    deviation: float

    @property
    def actionable(self) -> bool:
        """True when the suggestion differs from the judgement given."""
        return not math.isclose(self.given, self.suggested, rel_tol=1e-6)


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of one pairwise matrix; ``consistent`` means ``cr < 0.10``."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    consistent: bool
    worst_pairs: tuple[PairAdvice, ...]


def random_index(n: int) -> float:
    """Saaty's random index RI(n) for 1 ≤ n ≤ 15 (see :data:`SAATY_RI`)."""
    if not 1 <= n <= len(SAATY_RI):
        raise InputError(msg("ahp.criteria_count", most=len(SAATY_RI), n=n))
    return SAATY_RI[n - 1]


def ahp_weights(matrix: np.ndarray, *, names: Sequence[str] | None = None) -> AhpResult:
    """Principal-eigenvector weights, λmax, CI, CR and the judgements most worth revising.

    ``worst_pairs`` lists every pair ``i < j`` whose deviation is above rounding noise, worst
    first (ties by position); it is empty for a consistent matrix. ``names`` only label errors.
    """
    return eigen_result(validate_pairwise(matrix, names=names))


def eigen_result(a: np.ndarray) -> AhpResult:
    """:func:`ahp_weights` of a positive reciprocal matrix already checked (its entries may lie
    beyond Saaty's scale, as a completed matrix's ratios can)."""
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    # The Perron vector of a positive matrix has one sign; eig may return it negated.
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    lambda_max = float(values[k].real)
    # λmax ≥ n for every reciprocal matrix (Saaty), so a negative CI is rounding noise.
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 1 else 0.0
    cr = ci / random_index(n) if n > 2 else 0.0
    w.flags.writeable = False
    return AhpResult(w, lambda_max, ci, cr, cr < CR_LIMIT, _worst_pairs(a, w))


def _worst_pairs(a: np.ndarray, w: np.ndarray) -> tuple[PairAdvice, ...]:
    """Pairs sorted by Saaty's ε: ``|ln(a_ij · w_j / w_i)|``, largest first."""
    advice = []
    for i, j in combinations(range(a.shape[0]), 2):
        ratio = w[i] / w[j]
        deviation = abs(math.log(a[i, j] / ratio))
        if deviation > _NOISE:
            advice.append(PairAdvice(i, j, float(a[i, j]), _nearest_saaty(ratio), deviation))
    # Rounded so that equal deviations (up to float noise) keep their positional order.
    return tuple(sorted(advice, key=lambda p: (-round(p.deviation, 9), p.i, p.j)))


def _nearest_saaty(ratio: float) -> float:
    """The Saaty-scale value closest to ``ratio`` in log distance (the scale is multiplicative)."""
    return min(SAATY_SCALE, key=lambda s: abs(math.log(s / ratio)))


def validate_pairwise(matrix, *, names: Sequence[str] | None = None) -> np.ndarray:
    """Return a float copy of ``matrix`` after checking it is a reciprocal Saaty matrix.

    Checks, each error naming the cell: square and non-empty; numbers, finite and > 0; within
    [1/9, 9]; diagonal 1; ``a_ji = 1/a_ij``. Tolerances are relative 1e-6.
    """
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(msg("ahp.pairwise_matrix_not_table_numbers", detail=exc)) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError(msg("ahp.pairwise_matrix_must_square_with", shape=a.shape))
    n = a.shape[0]
    if names is not None and len(names) != n:
        raise InputError(msg("ahp.pairwise_matrix_rows_but_criterion", n=n, k=len(names)))
    lo, hi = 1 / 9 * (1 - _TOL), 9 * (1 + _TOL)
    for i in range(n):
        for j in range(n):
            v = a[i, j]
            where = msg("ahp.matrix_cell", cell=_cell(names, i, j))
            if not np.isfinite(v) or v <= 0:
                raise InputError(msg("ahp.not_positive", where=where, v=v))
            if not lo <= v <= hi:
                raise InputError(msg("ahp.outside_saaty_scale", where=where, v=v))
            if i == j and abs(v - 1) > _TOL:
                raise InputError(msg("ahp.diagonal_must_criterion_equals_itself", where=where))
            if j > i and abs(v * a[j, i] - 1) > _TOL:
                raise InputError(
                    msg(
                        "ahp.not_reciprocal",
                        where=where,
                        v=v,
                        mirror=_cell(names, j, i),
                        w=a[j, i],
                        fraction=_fraction(v),
                    )
                )
    return a


def _cell(names: Sequence[str] | None, i: int, j: int) -> str:
    if names is None:
        return msg("ahp.cell_numbered", i=i + 1, j=j + 1)
    return msg("ahp.cell_named", a=names[i], b=names[j])


def _fraction(v: float) -> str:
    """The reciprocal of ``v`` as a user would type it: ``1/3`` for 3, ``3`` for 1/3."""
    r = 1 / v
    if round(r) >= 1 and abs(round(r) - r) <= _TOL * r:
        return f"{round(r):d}"
    if round(v) >= 1 and abs(1 / round(v) - r) <= _TOL * r:
        return f"1/{round(v):d}"
    return f"{r:.4g}"


def combine_judges(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Element-wise geometric mean of several judges' matrices: ``exp(mean_k ln a_ij^(k))``.

    The result stays reciprocal and on Saaty's scale. Every matrix is validated first.
    """
    if len(matrices) == 0:
        raise InputError(msg("ahp.combine_judges_no_pairwise_matrices"))
    checked = []
    for k, m in enumerate(matrices, start=1):
        try:
            checked.append(validate_pairwise(m))
        except InputError as exc:
            raise InputError(msg("ahp.judge_prefix", k=k, error=exc.args[0])) from None
        if checked[-1].shape != checked[0].shape:
            raise InputError(
                msg(
                    "ahp.judge_matrix_but_judge_compared",
                    k=k,
                    n=checked[-1].shape[0],
                    m=checked[0].shape[0],
                )
            )
    return np.exp(np.mean(np.log(np.stack(checked)), axis=0))


def matrix_from_upper(n: int, judgements: Mapping[tuple[int, int], float]) -> np.ndarray:
    """Build the full reciprocal matrix from one judgement per pair.

    ``judgements[(i, j)] = a_ij`` with 0-based indices; each unordered pair once, in either
    order (``(j, i)`` is taken as ``a_ji``). The diagonal is 1; the mirror is the reciprocal.
    """
    a = partial_matrix(n, judgements)
    missing = [(i, j) for i, j in combinations(range(n), 2) if np.isnan(a[i, j])]
    if missing:
        raise InputError(msg("ahp.pairwise_judgements_no_judgement_pair", pairs=missing))
    return validate_pairwise(a)


def partial_matrix(n: int, judgements: Mapping[tuple[int, int], float]) -> np.ndarray:
    """The reciprocal matrix of the pairs judged (as :func:`matrix_from_upper` takes them), each
    judgement checked; the diagonal is 1 and a pair not judged is NaN."""
    if n < 1:
        raise InputError(msg("ahp.pairwise_judgements_need_least_one", n=n))
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    for (i, j), value in judgements.items():
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise InputError(msg("ahp.pairwise_judgements_pair_not_two", i=i, j=j, last=n - 1))
        if not np.isnan(a[i, j]):
            raise InputError(msg("ahp.pairwise_judgements_pair_given_twice", i=i, j=j))
        v = _judgement(value, msg("ahp.pairwise_judgements_pair", i=i, j=j))
        a[i, j], a[j, i] = v, 1 / v
    return a


def read_pairwise_csv(source: str | Path | bytes) -> tuple[list[str], np.ndarray]:
    """Read a pairwise matrix from a CSV file path or its bytes.

    Layout: the header row names the criteria (its first cell is free), the first column names
    them again in the same order. Cells hold integers, decimals or fractions (``1/3``; the
    full-width ``／`` too). An empty cell is filled from its mirror (``1/a_ji``) and an empty
    diagonal with 1, so filling the upper triangle is enough. Returns ``(names, matrix)``.
    """
    label = (
        msg("word.pairwise_csv")
        if isinstance(source, bytes)
        else msg("ahp.file_label", name=Path(source).name)
    )
    rows = _csv_rows(source, label)
    if len(rows) < 2 or len(rows[0]) < 2:
        raise IngestError(msg("ahp.needs_header_row_criterion_names", label=label))
    names = [c.strip() for c in rows[0][1:]]
    while names and not names[-1]:
        names.pop()
    n = len(names)
    if len(set(names)) != n or not all(names):
        raise InputError(msg("ahp.criterion_names_header_must_unique", label=label))
    body = rows[1:]
    row_names = [r[0].strip() if r else "" for r in body]
    if row_names != names:
        raise InputError(
            msg("ahp.first_column_must_list_header", label=label, names=names, rows=row_names)
        )
    a = np.full((n, n), np.nan)
    for i, row in enumerate(body):
        cells = [c.strip() for c in row[1:]]
        if len(cells) < n or any(cells[n:]):
            raise InputError(
                msg(
                    "ahp.row_expected_values_one_per",
                    label=label,
                    name=names[i],
                    n=n,
                    k=sum(1 for c in cells if c),
                )
            )
        for j, text in enumerate(cells[:n]):
            if text:
                where = msg("ahp.label_cell", label=label, a=names[i], b=names[j])
                a[i, j] = _parse_number(text, where)
    for i in range(n):
        for j in range(n):
            if np.isnan(a[i, j]):
                if i == j:
                    a[i, j] = 1.0
                elif np.isnan(a[j, i]):
                    raise InputError(
                        msg("ahp.row_column_empty_so_mirror", label=label, a=names[i], b=names[j])
                    )
                else:
                    a[i, j] = 1 / a[j, i]
    try:
        return names, validate_pairwise(a, names=names)
    except InputError as exc:
        raise InputError(prefixed(label, exc)) from None


def _csv_rows(source: str | Path | bytes, label: str) -> list[list[str]]:
    """Decode (UTF-8 with or without BOM, else GB18030 as Excel saves it in China) and split."""
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise IngestError(msg("ahp.cannot_read", label=label, detail=exc.strerror)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IngestError(msg("ahp.not_utf_gb_text_save", label=label))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    return [r for r in rows if any(c.strip() for c in r)]


def _parse_number(text: str, where: str) -> float:
    """``"3"``, ``"0.5"``, ``"1/3"`` → a positive float; else an error naming cell and text."""
    parts = text.replace("／", "/").split("/")
    value = math.nan
    try:
        if len(parts) == 1:
            value = float(parts[0])
        elif len(parts) == 2 and float(parts[1]) != 0:
            value = float(parts[0]) / float(parts[1])
    except ValueError:
        pass
    if not (math.isfinite(value) and value > 0):
        raise InputError(msg("ahp.text_not_positive", where=where, text=text))
    return value


def _judgement(value, where: str) -> float:
    """A number on Saaty's scale 1/9 … 9, else an error naming ``where``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = math.nan
    if not (math.isfinite(v) and v > 0):
        raise InputError(msg("ahp.judgement_not_positive", where=where, v=value))
    if not 1 / 9 * (1 - _TOL) <= v <= 9 * (1 + _TOL):
        raise InputError(msg("ahp.outside_saaty_scale", where=where, v=v))
    return v
