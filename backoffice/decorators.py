"""Access to the back office: counter staff of a county only."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.middleware import safe_next
from backoffice.services import otp_required_for


def staff_required(view):
    """Logged-in counter staff (linked to a county), verified by TOTP where required."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            # Back after login to the page asked for, or to the page a form was sent from.
            if request.method in ("GET", "HEAD"):
                page = request.get_full_path()
            else:
                page = safe_next(request, request.headers.get("Referer", ""))
            login_url = reverse("backoffice:login")
            return redirect(f"{login_url}?{urlencode({'next': page})}" if page else login_url)
        if not user.county_id:
            raise PermissionDenied
        if otp_required_for(user) and not user.is_verified():
            return redirect("backoffice:otp_setup")
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


def staff_authenticated(view):
    """Logged-in counter staff, TOTP not yet required (the TOTP set-up page itself)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("backoffice:login")
        if not request.user.county_id:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)
