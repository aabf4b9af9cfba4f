"""Altair charts, one function per chart."""
