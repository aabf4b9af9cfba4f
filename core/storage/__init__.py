"""Local SQLite stores: saved scenarios and ranking snapshots."""
