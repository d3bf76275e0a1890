"""Until the initial password is changed, every page leads to 修改密码 (R-5.3: the initial
password derives from an ID number)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

CHANGE_INITIAL_PASSWORD = _("Please change the initial password before you continue.")
ALLOWED_URL_NAMES = {"password_change", "logout"}


def password_change_required(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            match = request.resolver_match
            if match is None:
                from django.urls import resolve
                from django.urls.exceptions import Resolver404

                try:
                    match = resolve(request.path_info)
                except Resolver404:
                    match = None
            allowed = match is not None and (
                (match.namespace == "accounts" and match.url_name in ALLOWED_URL_NAMES)
                or request.path_info.startswith("/static/")
            )
            if not allowed:
                messages.warning(request, CHANGE_INITIAL_PASSWORD)
                return redirect(reverse("accounts:password_change"))
        return get_response(request)

    return middleware


class LoginRequired(LoginRequiredMiddleware):
    """Django's: every page needs a login unless its view says otherwise. A form sent after
    the session ended comes back, after login, to the page it was sent from, not to its
    POST-only address."""

    def handle_no_permission(self, request, view_func):
        if request.method in ("GET", "HEAD"):
            return super().handle_no_permission(request, view_func)
        page = safe_next(request, request.headers.get("Referer", ""))
        return redirect_to_login(
            page or reverse("home"),
            resolve_url(self.get_login_url(view_func)),
            self.get_redirect_field_name(view_func),
        )


def safe_next(request, url: str) -> str:
    """`url` as a path of this site (for a redirect after login), or "" when it points
    elsewhere or to the login page itself."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if (
        not path.startswith("/")
        or path.startswith("//")
        or path.startswith(reverse("accounts:login"))
    ):
        return ""
    return path
