"""Weights and AHP page panels: sliders, pairwise editor, objective weights."""
