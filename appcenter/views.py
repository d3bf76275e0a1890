"""The stand-in app: its JSON API (/app-api/v1/) and a phone-sized page (/app/)."""

from __future__ import annotations

import json
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from appcenter import services
from appcenter.models import AppUser

SESSION_KEY = "appcenter_id_number"
BAD_JSON = _("The request body must be a JSON object.")
MISSING_FIELDS = _("Required fields are missing: %(fields)s.")
NOT_LOGGED_IN = _("Log in to the app first.")


def enabled_only(view):
    """The stand-in exists only where APPCENTER_ENABLED is on (never in production)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.APPCENTER_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


def _json_body(request, *fields: str) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ValueError(BAD_JSON) from None
    if not isinstance(data, dict):
        raise ValueError(BAD_JSON)
    missing = [field for field in fields if not str(data.get(field) or "").strip()]
    if missing:
        raise ValueError(MISSING_FIELDS % {"fields": ", ".join(missing)})
    return {field: str(data[field]) for field in fields}


def _error(message, status=400) -> JsonResponse:
    return JsonResponse(
        {"error": str(message)}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt
@require_POST
@enabled_only
def api_register(request):
    try:
        data = _json_body(request, "id_number", "name", "phone")
        user = services.app_user_register(**data)
    except ValueError as error:
        return _error(error.args[0])
    return JsonResponse({"token": services.token_for(user)}, status=201)


@csrf_exempt
@require_POST
@enabled_only
def api_login(request):
    try:
        user = services.app_user_login(**_json_body(request, "id_number", "phone"))
    except ValueError as error:
        return _error(error.args[0])
    return JsonResponse({"token": services.token_for(user)})


@require_GET
@enabled_only
def api_messages(request):
    header = request.headers.get("Authorization", "")
    user = services.user_for_token(header[7:]) if header.startswith("Bearer ") else None
    if user is None:
        return _error(NOT_LOGGED_IN, status=401)
    return JsonResponse(
        {
            "messages": [
                {
                    "id": m.id,
                    "title": m.title,
                    "body": m.body,
                    "code": m.code,
                    "created_at": m.created_at.isoformat(),
                }
                for m in services.messages_for(user)
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


class AppLoginForm(forms.Form):
    id_number = forms.CharField(label=_("ID number"), max_length=18)
    phone = forms.CharField(label=_("Mobile phone"), max_length=11)


class AppRegisterForm(AppLoginForm):
    name = forms.CharField(label=_("Name"), max_length=50)
    field_order = ["id_number", "name", "phone"]


def _current_app_user(request) -> AppUser | None:
    id_number = request.session.get(SESSION_KEY)
    return AppUser.objects.filter(id_number=id_number).first() if id_number else None


@require_http_methods(["GET", "POST"])
@enabled_only
def phone(request):
    """Log in (ID number + phone) and read the 消息中心; codes are shown large."""
    app_user = _current_app_user(request)
    form = AppLoginForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "logout":
        request.session.pop(SESSION_KEY, None)
        return redirect("appcenter:phone")
    if request.method == "POST" and form.is_valid():
        try:
            app_user = services.app_user_login(**form.cleaned_data)
        except ValueError as error:
            form.add_error(None, error.args[0])
        else:
            request.session[SESSION_KEY] = app_user.id_number
            return redirect("appcenter:phone")
    messages = services.messages_for(app_user) if app_user else []
    return render(
        request,
        "appcenter/phone.html",
        {"app_user": app_user, "form": form, "app_messages": messages},
    )


@require_http_methods(["GET", "POST"])
@enabled_only
def register(request):
    form = AppRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            app_user = services.app_user_register(**form.cleaned_data)
        except ValueError as error:
            form.add_error(None, error.args[0])
        else:
            request.session[SESSION_KEY] = app_user.id_number
            return redirect("appcenter:phone")
    return render(request, "appcenter/register.html", {"form": form})
