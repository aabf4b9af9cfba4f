"""Review page panels: snapshots and the watchlist."""
