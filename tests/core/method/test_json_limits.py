import base64
import json
import zlib

import pytest

from core.errors import ScenarioError
from core.method.json_limits import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    check_json_limits,
    nesting_depth,
)
from core.method.scenario import Scenario


def token_of(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[[[{{{{"}', 1),  # brackets in strings are text
        ('["\\"[[[["]', 1),  # an escaped quote does not end the string
        (b'[[["x"]]]', 3),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


def test_a_scenario_is_well_inside_the_limits():
    scenario = Scenario.from_dict({"id_column": "id", "factors": [{"column": "revenue"}]})
    check_json_limits(scenario.to_json(), "scenario")


def test_too_deep_is_refused_naming_the_limit_before_parsing():
    text = "[" * 100_000 + "]" * 100_000  # json.loads would raise RecursionError
    with pytest.raises(ScenarioError) as info:
        check_json_limits(text, "a.json")
    assert str(info.value) == (
        f"a.json: the JSON nests lists or objects more than {MAX_JSON_DEPTH} levels deep "
        "(the limit); check that it is the right file"
    )
    assert info.value.args[0].render("zh") == (
        f"a.json：JSON 中的列表或对象嵌套超过 {MAX_JSON_DEPTH} 层（上限）；请确认文件是否正确"
    )


def test_the_depth_limit_itself_passes():
    check_json_limits("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, "x")


def test_too_large_is_refused_naming_the_limit():
    text = json.dumps({"extra": "x" * MAX_JSON_BYTES})
    with pytest.raises(ScenarioError) as info:
        check_json_limits(text, "a.json")
    assert str(info.value) == (
        f"a.json: the JSON text is larger than the limit of {MAX_JSON_BYTES:,} bytes; "
        "check that it is the right file"
    )


def test_scenario_from_json_checks_the_limits():
    with pytest.raises(ScenarioError, match="levels deep"):
        Scenario.from_json('{"id_column": "id", "extra": ' + "[" * 5_000 + "]" * 5_000 + "}")


def test_a_short_share_link_of_deep_nesting_is_refused():
    token = token_of("[" * 1_000_000)
    assert len(token) < 2_000
    with pytest.raises(ScenarioError) as info:
        Scenario.from_token(token)
    assert str(info.value).startswith("share link: the JSON nests")


def test_a_share_link_that_inflates_past_the_size_limit_is_refused():
    with pytest.raises(ScenarioError) as info:
        Scenario.from_token(token_of(" " * (MAX_JSON_BYTES + 10)))
    assert "larger than the limit" in str(info.value)
