import pandas as pd
import pytest

from core.errors import InputError
from core.mapping.columns import detect_mapping
from core.method.scenario_mapping import default_scenario


def no_factors(frame: pd.DataFrame) -> InputError:
    with pytest.raises(InputError) as info:
        default_scenario(detect_mapping(frame))
    return info.value


def test_no_factor_names_the_columns_that_look_like_numbers():
    frame = pd.DataFrame({"customer": ["A", "B"], "revenue": ["100kg", "200kg"]})
    error = no_factors(frame)
    assert str(error) == (
        "no factor columns found: text that looks like numbers but cannot be read as numbers "
        "in column 'revenue' (for example '100kg') (a unit, a range or a sign before or after "
        "the digits); write plain numbers such as 1200 or 12.5% (a unit can go in the header) "
        "or name the factors in a scenario"
    )
    assert (
        error.args[0]
        .render("zh")
        .startswith("没有找到因素列：列「revenue」（例如“100kg”）中的文本看起来是数字")
    )


def test_no_factor_without_number_like_text_keeps_the_general_message():
    error = no_factors(pd.DataFrame({"customer": ["A", "B"], "region": ["N", "S"]}))
    assert str(error).startswith("no factor columns found: the table needs at least one")
