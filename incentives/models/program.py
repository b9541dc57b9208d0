"""program area of the partner program (filled by its engineer)."""

__all__ = []
