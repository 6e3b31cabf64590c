"""Make the synthetic-scan helpers next to these tests importable (import mode is importlib)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
