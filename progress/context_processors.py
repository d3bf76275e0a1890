"""Nav-bar badges: 办理中 (N) and 消息 (N unread) for agents, 待审核 (N) for counter staff."""

from progress import selectors


def badges(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if user.unit_id:
        return {
            "in_progress_count": selectors.count_in_progress(user.unit_id),
            "unread_notices": selectors.count_unread_notices(user.unit_id),
        }
    if user.county_id:
        return {"awaiting_review_count": selectors.count_awaiting_review(user.county_id)}
    return {}
