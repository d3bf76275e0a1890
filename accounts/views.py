"""Login with an app-pushed code, logout, password reset and change (R-5)."""

import time

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.forms import LoginForm, PasswordChangeForm, PasswordResetForm
from accounts.middleware import safe_next
from accounts.rules import login_key
from accounts.selectors import unit_account_for_login
from portal.http import client_ip

PASSWORD_CHANGED = _("The password was changed.")
PASSWORD_RESET_DONE = _("The password was reset. Please log in with the new password.")
LOGGED_OUT = _("You have logged out.")


def _resend_wait(user) -> int:
    device = getattr(user, "pushcodedevice_set", None)
    device = device.first() if device is not None else None
    return device.cooldown_remaining() if device else 0


@login_not_required
@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    # Back to the page the user was on when the session ended (or asked for before login).
    next_page = safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.user.is_authenticated:
        return redirect(next_page or "home")
    form = LoginForm(request.POST or None)
    sent_message = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # 获取验证码, or 登录 (also Enter) before any code was typed: send a code.
        wants_code = request.POST.get("action") == "send_code" or not data["code"]
        try:
            if wants_code:
                sent_message = services.login_send_code(
                    request=request, unit_code=data["unit_code"], password=data["password"]
                ).message
            else:
                user = services.login_with_code(
                    request=request,
                    unit_code=data["unit_code"],
                    password=data["password"],
                    code=data["code"],
                )
                login(request, user)
                return redirect(next_page or "home")
        except services.AccountError as error:
            form.add_error(error.field, error.message)
    user = unit_account_for_login(form.data.get("unit_code", "")) if form.is_bound else None
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "sent_message": sent_message,
            "password_checked": services.pending_login(request, user) is not None,
            "resend_wait": _resend_wait(user) if user else 0,
            "next_page": next_page,
        },
    )


@never_cache
@require_safe
def session_keepalive(request):
    """继续使用 on the timeout notice: the session starts its 30 minutes again."""
    request.session["refreshed_at"] = int(time.time())
    return HttpResponse(status=204)


@require_POST
def logout_view(request):
    """退出登录 (R-5.5), by POST only."""
    if request.user.is_authenticated:
        services.logout_record(request=request, user=request.user)
    logout(request)
    messages.success(request, LOGGED_OUT)
    return redirect("home")


@login_not_required
@sensitive_post_parameters("code", "new_password1", "new_password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_view(request):
    """忘记密码 (R-5.4): unit code + agent ID number, pushed code, new password twice."""
    form = PasswordResetForm(request.POST or None)
    sent_message = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "send_code":
                sent_message = services.reset_send_code(
                    request=request, unit_code=data["unit_code"], id_number=data["id_number"]
                ).message
            else:
                new_password = form.clean_passwords()
                if new_password is not None:
                    services.reset_complete(
                        request=request,
                        unit_code=data["unit_code"],
                        id_number=data["id_number"],
                        code=data["code"],
                        new_password=new_password,
                    )
                    messages.success(request, PASSWORD_RESET_DONE)
                    return redirect("accounts:login")
        except services.AccountError as error:
            form.add_error(error.field, error.message)
    user = unit_account_for_login(form.data.get("unit_code", "")) if form.is_bound else None
    return render(
        request,
        "accounts/password_reset.html",
        {
            "form": form,
            "sent_message": sent_message,
            "resend_wait": _resend_wait(user) if user else 0,
        },
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def password_change_view(request):
    """修改密码 (R-5.6); the session stays logged in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        try:
            services.refuse_if_locked(login_key(request.user), client_ip(request))
            if form.is_valid():
                services.password_change(
                    user=request.user,
                    new_password=form.cleaned_data["new_password1"],
                    request=request,
                )
                update_session_auth_hash(request, request.user)
                messages.success(request, PASSWORD_CHANGED)
                return redirect("home")
            if form.has_error("old_password", "password_incorrect"):
                services.password_change_wrong_current(request=request, user=request.user)
        except services.AccountError as error:
            form.add_error(None, error.message)
    return render(request, "accounts/password_change.html", {"form": form})
