"""The home page and the health check."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.tiles import HOME_TILES

logger = logging.getLogger(__name__)


@login_not_required
@require_safe
def home(request):
    return render(request, "portal/home.html", {"tile_groups": HOME_TILES})


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_safe
def favicon(request):
    """Browsers (IE11 above all) ask for /favicon.ico whatever the page says."""
    return redirect(static("img/emblem.svg"), permanent=True)
