"""Settings for the whole suite: the Hypothesis profile (see tests/hypothesis_profiles.py)."""

from __future__ import annotations

from hypothesis import settings

from tests.hypothesis_profiles import hypothesis_profile

settings.load_profile(hypothesis_profile())
