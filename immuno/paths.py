"""The repository's root, computed once: every module and tool finds its files from here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
