"""`python -m vanban` is the `vanban` command."""

import sys

from vanban.cli import main

sys.exit(main())
