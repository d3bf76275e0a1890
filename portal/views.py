"""The home page and the health check."""

import logging
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import unavailable
from portal.tiles import HOME_TILES

logger = logging.getLogger(__name__)


@login_not_required
@require_safe
def home(request):
    if settings.DEBUG:  # in development templates change under a running server
        tiles = _tiles()
    else:
        tiles = _tiles_once(
            get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
        )
    return render(request, "portal/home.html", {"tiles": tiles})


def _tiles() -> str:
    return render_to_string("portal/includes/tiles.html", {"tile_groups": HOME_TILES})


@lru_cache(maxsize=16)
def _tiles_once(language: str, urlconf: str, prefix: str) -> str:
    """The service tiles are the same for every visitor: rendered once per language and URL
    configuration, not on every visit to home (a third of its time)."""
    return _tiles()


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """200 when the database and the cache answer, 503 naming the one that does not (for the
    load balancer: a host without its stores cannot serve a page)."""
    down = unavailable.stores_down()
    if down:
        logger.error("health check: %s unreachable", " and ".join(down))
        return HttpResponse(
            f"{' and '.join(down)} unreachable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_safe
def favicon(request):
    """Browsers (IE11 above all) ask for /favicon.ico whatever the page says."""
    return redirect(static("img/emblem.svg"), permanent=True)
