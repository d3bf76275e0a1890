"""Response headers every page needs."""

# Only our own scripts, styles, images, fonts and frames; nothing inline except the two style
# blocks named by their hashes: the error pages' (templates/500.html and 503.html, which must
# render without static files) and the one Django's admin change list prints when a model has
# no actions. No `'unsafe-inline'`, no `eval`. IE11 ignores the header (its
# X-Content-Security-Policy knows only `sandbox`, which would also block the PDF plug-in), so
# there output escaping alone holds, as it does everywhere.
INLINE_STYLE_HASHES = (
    "'sha256-qKMvhFZ4zmil1b2T3dTpwQm/iUlbiXmKCzIJS+o3zIk='",  # templates/500.html, 503.html
    "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='",  # admin/change_list.html
)
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' " + " ".join(INLINE_STYLE_HASHES),
        "img-src 'self' data:",
        "object-src 'self'",  # the review page previews uploaded PDFs in an <object>
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


def content_security_policy(get_response):
    """Every response names what the browser may load; a response with its own policy (an
    uploaded document's) keeps it."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    return middleware


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


def refuse_nul_characters(get_response):
    """A NUL character can never be typed into a form and PostgreSQL cannot hold one in text:
    a request with one in its path, query or form fields is answered 400 before any view reads
    it (a raw value in a lookup would otherwise fail in the database driver with a 500)."""
    from django.http import HttpResponseBadRequest
    from django.template.loader import render_to_string

    def carries_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        sources = [request.GET]
        if request.method == "POST":
            sources.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for source in sources
            for key, values in source.lists()
        )

    def middleware(request):
        if carries_nul(request):
            return HttpResponseBadRequest(render_to_string("400.html"))
        return get_response(request)

    return middleware


SESSION_REFRESH_SECONDS = 60


def session_kept_alive(get_response):
    """Sessions end `SESSION_COOKIE_AGE` (30 minutes) after their last save. Rather than saving
    every session on every request (a database and a cache write each time), a session is saved
    again once a minute has passed since its last save, which moves its end on: it ends 29 to 30
    minutes after the last request."""
    import time

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            now = int(time.time())
            if now - session.get("refreshed_at", 0) >= SESSION_REFRESH_SECONDS:
                session["refreshed_at"] = now
        return response

    return middleware
