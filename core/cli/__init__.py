"""The command line ``python -m core``: the dispatcher (main), one module per command,
the shared options and helpers in common."""
