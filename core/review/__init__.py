"""Periodic review: two periods ranked side by side (method step 5)."""
