"""Sensitivity page panels: Monte Carlo and the weight sweep."""
