"""Core messages reach Chinese users in Chinese: every message the bad-input corpus produces."""

from pathlib import Path

import pytest

from core.errors import InputError
from core.ingest import read_table
from core.mapping import default_scenario, detect_mapping
from core.messages import localize
from core.ranking import rank_customers
from ui.i18n import t

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


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
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


def test_english_is_left_as_it_is() -> None:
    message = "column '满意度' has no values; it is left out of the score"
    assert localize(message, "en") == message
    assert localize(message, "zh") == "列「满意度」没有任何值，不参与评分"


def test_unknown_messages_pass_through_and_t_localizes_its_values() -> None:
    assert localize("something new", "zh") == "something new"
    shown = t("shell.rank_error", "zh", error="no value for any factor")
    assert "所有因素都没有值" in shown


@pytest.mark.parametrize(
    ("data", "chinese"),
    [
        ('{"id_column": "x"}', "方案：缺少必填字段「factors」"),
        (
            '{"id_column": "x", "factors": [{"column": "a"}], "method": "best"}',
            "方案：未知的方法「best」；可选：weighted_sum, topsis",
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
        ('{"id_column": ', "scenario：第 1 行第 15 列不是有效的 JSON；请检查文件"),
    ],
)
def test_scenario_errors_have_chinese(data: str, chinese: str) -> None:
    from core.errors import ScenarioError
    from core.scenario import Scenario

    with pytest.raises(ScenarioError) as info:
        Scenario.from_json(data)
    assert localize(str(info.value), "zh") == chinese
