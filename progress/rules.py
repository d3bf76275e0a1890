"""Rules of the case core, as pure functions: when a finished case may be rated (好差评)."""

from __future__ import annotations

LOW_LEVELS = (1, 2)  # 不满意, 非常不满意: a 差评, with a comment and a follow-up


def ratable(*, status: str, was_returned: bool) -> bool:
    """A case is rated once it is finished: approved, or withdrawn after a return."""
    return status == "approved" or (status == "withdrawn" and was_returned)


def comment_required(level: int) -> bool:
    return level in LOW_LEVELS
