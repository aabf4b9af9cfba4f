"""The Backtest page's parts: the cached run, the scenarios to compare, the table and chart."""
