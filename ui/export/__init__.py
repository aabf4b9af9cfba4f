"""Export page panels: the client report."""
