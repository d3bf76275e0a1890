"""Values every page template needs."""

from django.conf import settings


def portal(request):
    return {"portal_demo": settings.DEBUG}
