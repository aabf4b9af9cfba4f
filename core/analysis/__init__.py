"""Comparing rankings: rank correlations, sensitivity to the weights, consensus."""
