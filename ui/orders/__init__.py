"""Orders page: inputs, state and tables."""
