"""The Hypothesis profile is chosen by the environment and never sets a deadline."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import hypothesis_profile


@pytest.mark.parametrize(
    ("environ", "profile"),
    [
        ({}, "dev"),
        ({"CI": "true"}, "ci"),
        ({"CI": "1"}, "ci"),
        ({"CI": "false"}, "dev"),
        ({"CI": "true", "HYPOTHESIS_PROFILE": "dev"}, "dev"),
        ({"HYPOTHESIS_PROFILE": "ci"}, "ci"),
    ],
)
def test_profile_follows_the_environment(environ, profile) -> None:
    assert hypothesis_profile(environ) == profile


def test_ci_profile_is_reproducible_without_a_deadline() -> None:
    ci = settings.get_profile("ci")
    assert ci.deadline is None and ci.derandomize and ci.database is None
    assert 50 <= ci.max_examples <= 200
    assert settings.get_profile("dev").deadline is None


def test_the_loaded_profile_is_the_environments() -> None:
    loaded = settings.get_profile(hypothesis_profile(os.environ))
    assert settings.default.deadline is None
    assert settings.default.derandomize == loaded.derandomize
    assert settings.default.max_examples == loaded.max_examples


@settings(max_examples=5)
@given(st.integers())
def test_a_per_test_setting_keeps_the_profiles_deadline(_: int) -> None:
    current = settings()  # inside a test: the settings this test runs under
    assert current.deadline is None and current.max_examples == 5
