"""Whole days in words, as people say them: "today", "yesterday", "12 days ago"."""


def days_ago_text(days: int) -> str:
    """A whole number of days back in words; a future day reads "tomorrow" or "in 3 days"."""
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    return f"{days} days ago" if days > 1 else f"in {-days} days"
