"""``python -m core``: the command line (see core.cli.main)."""

import os
import sys

# Arrow's allocator for this short process: the system's reuses freed memory at once, where
# the default (mimalloc) hands out fresh pages (about 0.4 s of page faults for a 3M-line rfm).
# Read when Arrow first allocates; a user's own choice wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from core.cli.main import main

sys.exit(main())
