"""Order logs: line rules, the pandas and DuckDB engines, RFM and the merge into a
customer table."""
