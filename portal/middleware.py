"""Response headers every page needs."""


def ie_edge_mode(get_response):
    """Ask IE11 for its standards mode: intranet Compatibility View would drop it to IE7 mode."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("X-UA-Compatible", "IE=edge")
        return response

    return middleware
