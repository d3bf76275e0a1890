"""Until the initial password is changed, every page leads to 修改密码 (R-5.3: the initial
password derives from an ID number)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
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
