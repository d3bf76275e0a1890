"""Values every page template needs."""

from django.conf import settings


def portal(request):
    # Wherever demo data may be loaded, every page says that its data is fictional.
    return {
        "portal_demo": settings.DEMO_DATA_ALLOWED,
        # The session timeout notice counts from the page's load (static/js/session-timeout.js).
        "session_seconds": settings.SESSION_COOKIE_AGE,
    }
