"""routes: compare energy export routes on capacity, cost and risk."""

from __future__ import annotations

__version__ = "0.1.0"
