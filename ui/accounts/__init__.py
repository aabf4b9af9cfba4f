"""Key accounts page panels: overrides, key-account types, allocation."""
