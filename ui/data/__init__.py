"""Data page panels: data source, ingest report, mapping editor."""
