"""The ranking method: the Scenario, normalisation, objective and AHP weights, scoring,
tiers, expert overrides, the ranking and its explanation (method steps 2-3)."""
