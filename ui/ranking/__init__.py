"""Ranking page panels: controls and the per-customer explanation."""
