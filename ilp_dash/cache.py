"""Shared cache of analysis results across worker processes (placeholder interface)."""

from __future__ import annotations


def init_app(server) -> None:
    """Attach the shared cache (filesystem, or Redis when REDIS_URL is set) to the Flask server."""


def shared():
    """The shared cache object (``get``/``set``), or ``None`` when none is attached."""
    return None
