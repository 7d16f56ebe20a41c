"""Helpers behind the fixtures in tests/conftest.py: real servers on 127.0.0.1, keys, tokens."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project root (where app.py and .chalice/ are)."""
