"""Nav-bar badges: 办理中 (N) and 消息 (N unread) for agents, 待审核 (N) for counter staff."""

from progress import selectors


class _Count:
    """A badge's number, counted when a template first shows it. A page that has counted the
    same rows already (the unfiltered 待审核 list, its paginator) puts the number in its own
    context, which comes first, and the badge's query never runs."""

    def __init__(self, count, key):
        self.count, self.key, self.value = count, key, None

    def __call__(self) -> int:
        if self.value is None:
            self.value = self.count(self.key)
        return self.value


def badges(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.unit_id:
        return {
            "in_progress_count": _Count(selectors.count_in_progress, user.unit_id),
            "unread_notices": _Count(selectors.count_unread_notices, user.unit_id),
        }
    if user.county_id:
        return {"awaiting_review_count": _Count(selectors.count_awaiting_review, user.county_id)}
    return {}
