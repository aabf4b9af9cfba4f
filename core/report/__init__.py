"""Outputs: the client report (HTML, charts, PNG), anonymised names, exports."""
