"""Figures drawn in week 3's notebook, so that the notebook shows one call, not the drawing code."""

from __future__ import annotations

__all__: list[str] = []
