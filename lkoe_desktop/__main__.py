"""Run LKÖ Desktop with `python -m lkoe_desktop`."""

import sys

from lkoe_desktop.cli import main

sys.exit(main())
