from __future__ import annotations

import pytest

from core.report.palette import FACTOR_COLORS, factor_colors, factor_domain


@pytest.mark.parametrize("n", [1, 2, 10, 11, 20])
def test_every_factor_gets_its_own_colour_up_to_20(n: int) -> None:
    columns = [f"factor {k}" for k in range(n)]
    colors = factor_colors(columns)
    assert list(colors) == columns
    assert len(set(colors.values())) == n


def test_the_first_ten_are_the_strong_shades() -> None:
    first = list(factor_colors([str(k) for k in range(10)]).values())
    assert first == list(FACTOR_COLORS[:10])
    assert set(first).isdisjoint(FACTOR_COLORS[10:])


def test_a_factor_keeps_its_colour_under_another_label() -> None:
    columns = ["销售额", "毛利", "逾期天数"]
    domain, colors = factor_domain(columns, {"销售额": "销售额 · Revenue"})
    assert domain == ["销售额 · Revenue", "毛利", "逾期天数"]
    assert colors == [factor_colors(columns)[c] for c in columns]
