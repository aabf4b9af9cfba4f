"""Groups page panels: tier controls and strategy cards."""
