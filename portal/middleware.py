"""Response headers every page needs."""


def ie_edge_mode(get_response):
    """Ask IE11 for its standards mode: intranet Compatibility View would drop it to IE7 mode."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("X-UA-Compatible", "IE=edge")
        return response

    return middleware


def private_pages_not_stored(get_response):
    """What a logged-in user sees (rosters, cases, exports, certificates) carries personal data:
    no browser or proxy may keep a copy (`Cache-Control: no-store`)."""
    from django.utils.cache import patch_cache_control

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
