"""Core messages reach Chinese users in Chinese.

Every message the core's source can produce (found by walking its syntax trees, see
``message_walk.py``), every message the bad-input corpus produces, and the exact Chinese of
representative ones.
"""

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from message_walk import GENERIC, CoreMessages, core_trees

from core.ahp import combine_judges, read_pairwise_csv, validate_pairwise
from core.allocation import AllocationPolicy
from core.errors import InputError, ScenarioError
from core.ingest import read_table
from core.mapping import default_scenario, detect_mapping
from core.messages import FIELD, MESSAGES, localize
from core.orders import aggregate_orders
from core.ranking import rank_customers
from core.rooms import parse_code
from core.scenario import Scenario
from ui.i18n import t

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NOT_USER_FACING = {
    "unreachable": "rooms_db: an AssertionError after a retry loop that returns or raises",
    "": "ingest: _formula_warning returns '' when nothing looks like a formula (dropped)",
    ": kept as text": "parsing: `share and f'{share}: kept as text'` is never without a share",
}
SAMPLES = CoreMessages(core_trees()).samples()
USER_FACING = [message for message in SAMPLES if message not in NOT_USER_FACING]


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("message", USER_FACING, ids=[SAMPLES[m][0] for m in USER_FACING])
def test_every_core_message_has_chinese(message: str) -> None:
    where, fragments = SAMPLES[message]
    shown = localize(message, "zh")
    assert shown != message and has_chinese(shown), (
        f"{where}: no Chinese for {message!r}; add an entry to core/messages_*.py"
    )
    # The phrases the source fills in (a parameter's literal argument, a local choice) are
    # translated too, not left in English inside the Chinese.
    english = [f for f in fragments if re.search("[A-Za-z]{3,}", f.replace(GENERIC, ""))]
    assert [f for f in english if f in shown] == [], f"{where}: {shown}"


def test_the_walk_finds_every_kind_of_message() -> None:
    expected = [
        "scenario: 'factors' is empty; include at least one factor",  # a raise
        "column 'word' has no values; it is left out of the score",  # warnings.append
        "missing customer ID in column 'word'",  # reasons[...] = …
        "word is empty: no header and no rows; export the sheet again with a header row",
        "word customer ID(s) in the order log but not in the customer table (left out): word",
        "identifier header: kept as text",  # a note returned by a helper
        "order log: no purchase (amount > 0) up to the as-of date; check the customer, date "
        "and amount columns (see the report)",  # an imported helper's literal argument
        "scenario: not valid JSON at line word, column word; check the file",  # a local if-else
    ]
    assert [m for m in expected if m not in SAMPLES] == []
    assert len(USER_FACING) > 200
    assert set(NOT_USER_FACING) <= set(SAMPLES), "drop allow-list entries the core no longer has"


def test_a_new_message_without_chinese_is_caught() -> None:
    source = """
from core.errors import InputError

def check(value):
    if value < 0:
        raise InputError(f"brand-new check: {value!r} is below zero; fix it")

def _notes(kind):
    warnings = [f"a new note about {kind}"]
    return warnings

def use():
    return _notes("widgets")
"""
    samples = CoreMessages({"new": ast.parse(source)}).samples()
    assert sorted(samples) == [
        "a new note about widgets",
        "brand-new check: 'word' is below zero; fix it",
    ]
    assert all(localize(message, "zh") == message for message in samples)


@pytest.mark.parametrize(("english", "chinese"), MESSAGES, ids=[e[:40] for e, _ in MESSAGES])
def test_each_entry_is_reached_and_fills_its_chinese(english: str, chinese: str) -> None:
    names = {field[1] for field in FIELD.finditer(english)}
    assert {field[1] for field in FIELD.finditer(chinese)} <= names
    assert has_chinese(chinese)
    sample = FIELD.sub(lambda field: "'x'" if field[2] == "r" else "x", english)
    # An earlier entry that also matched would show its own Chinese instead.
    assert localize(sample, "zh") == FIELD.sub("x", chinese)


def test_english_entries_are_unique() -> None:
    english = [e for e, _ in MESSAGES]
    assert sorted({e for e in english if english.count(e) > 1}) == []


def corpus_messages() -> list[str]:
    """Every error, warning and exclusion reason the corpus files give under default settings."""
    messages = []
    for path in sorted(CORPUS.glob("*.csv")):
        try:
            ingest = read_table(path)
            messages += ingest.warnings
            ranking = rank_customers(ingest.frame, default_scenario(detect_mapping(ingest.frame)))
        except InputError as exc:
            messages.append(str(exc))
            continue
        messages += ranking.warnings
        messages += ranking.excluded["reason"].tolist()
    return messages


@pytest.mark.parametrize("message", corpus_messages())
def test_every_corpus_message_has_chinese(message: str) -> None:
    chinese = localize(message, "zh")
    assert chinese != message
    assert has_chinese(chinese)


def test_english_is_left_as_it_is() -> None:
    message = "column '满意度' has no values; it is left out of the score"
    assert localize(message, "en") == message
    assert localize(message, "zh") == "列「满意度」没有任何值，不参与评分"


def test_unknown_messages_pass_through_and_t_localizes_its_values() -> None:
    assert localize("something new", "zh") == "something new"
    assert localize("data.csv: something new", "zh") == "data.csv: something new"
    shown = t("shell.rank_error", "zh", error="no value for any factor")
    assert "所有因素都没有值" in shown


def test_values_are_not_taken_for_words() -> None:
    # A column may be called "date" or "scenario": only phrases the core writes are translated.
    assert localize("missing customer ID in column 'date'", "zh") == "列「date」中缺少客户编号"
    assert localize("scenario: missing required field 'scenario'", "zh") == (
        "方案：缺少必填字段「scenario」"
    )


def test_a_known_message_after_a_prefix_keeps_the_prefix() -> None:
    message = "data.csv: scenario: 'factors' is empty; include at least one factor"
    assert localize(message, "zh") == "data.csv：方案：因素列表（factors）为空；请至少包含一个因素"


@pytest.mark.parametrize(
    ("data", "chinese"),
    [
        ('{"id_column": "x"}', "方案：缺少必填字段「factors」"),
        (
            '{"id_column": "x", "factors": [{"column": "a"}], "method": "best"}',
            "方案：未知的打分方法「best」；可选：weighted_sum, topsis",
        ),
        (
            '{"id_column": "x", "factors": [{"column": "a", "direction": "up"}]}',
            "方案：因素「a」的方向「up」未知；可选：benefit, cost",
        ),
        (
            '{"id_column": "x", "factors": [{"column": "a", "weight": -5}]}',
            "方案：因素「a」的权重为负或无效（-5）；权重必须是 ≥ 0 的数",
        ),
        (
            '{"id_column": "x", "factors": [{"column": "a"}], '
            '"tiers": {"shares": [0.5, 0.2, 0.1]}}',
            "方案：分组比例 [0.5, 0.2, 0.1] 必须 ≥ 0 且合计为 1",
        ),
        ('{"id_column": ', "方案：第 1 行第 15 列不是有效的 JSON；请检查文件"),
    ],
)
def test_scenario_errors_have_chinese(data: str, chinese: str) -> None:
    with pytest.raises(ScenarioError) as info:
        Scenario.from_json(data)
    assert localize(str(info.value), "zh") == chinese


def error_of(action) -> str:
    with pytest.raises(InputError) as info:
        action()
    return str(info.value)


def test_ahp_errors_name_the_cell_in_chinese() -> None:
    outside = error_of(lambda: validate_pairwise([[1, 10], [0.1, 1]], names=["a", "b"]))
    assert localize(outside, "zh") == "判断矩阵「a」行「b」列：10 超出 Saaty 标度 1/9 … 9。"
    mirror = error_of(lambda: read_pairwise_csv(b",a,b\na,1,3\nb,3,1\n"))
    assert localize(mirror, "zh") == (
        "判断矩阵 CSV：判断矩阵「a」行「b」列：3 与对称位置（「b」行「a」列）的 3 不互为倒数；"
        "对称位置应为 1/3。"
    )
    judge = error_of(lambda: combine_judges([np.ones((2, 2)), [[1, 0], [1, 1]]]))
    assert localize(judge, "zh") == "评审人 2：判断矩阵第 1 行第 2 列：0 不是正数；请使用 1/9 … 9。"


def test_reading_errors_and_notes_have_chinese() -> None:
    duplicate = error_of(lambda: read_table(b"a,b,a\n1,2,3\n", name="x.csv"))
    assert (
        localize(duplicate, "zh")
        == "x.csv：列名重复：a（第 1、3 列）；请修改列名，使每个表头都不相同"
    )
    ingest = read_table("金额,客户\n10,a\nabc,b\n3,c\n".encode(), name="x.csv")
    assert [localize(c.note, "zh") for c in ingest.conversions] == [
        "3 个值中有 2 个是数字：按文本保留",
        "",
    ]
    returns = pd.DataFrame(
        {"客户编号": ["a", "b"], "订单日期": ["2024-01-01", "2024-01-02"], "金额": [-5, -3]}
    )
    no_purchase = error_of(lambda: aggregate_orders(returns))
    assert localize(no_purchase, "zh") == (
        "订单表：截止日期之前没有购买（金额 > 0）；请检查客户、日期和金额列（见读取报告）"
    )


def test_allocation_and_room_errors_have_chinese() -> None:
    share = error_of(lambda: AllocationPolicy(tier_shares={"A": -1}))
    assert localize(share, "zh") == "资源配置：分组「A」的份额为 -1；请使用 ≥ 0 的数"
    code = error_of(lambda: parse_code("xx"))
    assert localize(code, "zh") == (
        "房间码「xx」：房间码由 8 个字母和数字组成，例如 ABCD-2345；请向主持人确认"
    )
