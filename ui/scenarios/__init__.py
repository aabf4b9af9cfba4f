"""Scenarios page panels: the saved-scenario manager."""
