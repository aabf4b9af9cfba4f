import math

import pytest

from core.method.numbers import as_number


@pytest.mark.parametrize(("value", "number"), [(3, 3.0), (2.5, 2.5), ("4", 4.0), ("1e3", 1000.0)])
def test_numbers(value, number):
    assert as_number(value) == number


@pytest.mark.parametrize("value", [True, False, None, "heavy", [1], {}])
def test_booleans_and_other_values_are_no_numbers(value):
    assert math.isnan(as_number(value))
