"""Back-office pages of the county halls: 网厅管理 → 外网信息管理 (R-2), audit, TOTP."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from accounts.selectors import unit_account_lock_status
from accounts.services import AccountError
from backoffice import selectors, services, tables
from backoffice.decorators import staff_authenticated, staff_required
from backoffice.forms import (
    AgentForm,
    ConfirmAgentIdForm,
    StaffLoginForm,
    TotpConfirmForm,
    UnitSearchForm,
)

AGENT_UPDATED = _("The agent information of %(unit)s was saved.")
AGENT_ID_CHANGED = _(
    "The agent of %(unit)s changed: codes now go only to the new agent, whose initial password "
    "(the last six characters of the ID number) is in force, and every session of the unit "
    "ended. The new agent must register the Jiangxi HRSS app with the same ID number, name "
    "and mobile number before logging in."
)
NOTHING_CHANGED = _("Nothing was changed.")
ACCOUNT_UNLOCKED = _("The account of %(unit)s was unlocked.")
PASSWORD_RESTORED = _(
    "The password of %(unit)s is the agent's initial password again; it must be changed at the "
    "next login."
)
OTP_CONFIRMED = _("The authenticator app is set up; its code is asked for at every login.")
OTP_CONFIRM_FAILED = _("The code is wrong; check the time of the phone and try again.")


@login_not_required
@sensitive_post_parameters("password", "otp_token")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, device = services.staff_login(request=request, **form.cleaned_data)
        except AccountError as error:
            form.add_error(error.field, error.message)
        else:
            login(request, user)
            if device is not None:
                otp_login(request, device)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("backoffice:register_search")
            return redirect(target)
    return render(request, "backoffice/login.html", {"form": form})


@require_POST
@login_not_required
def logout_view(request):
    logout(request)
    return redirect("backoffice:login")


@staff_required
def dashboard(request):
    return redirect("backoffice:register_search")


def _search(request, *, with_service, target: str) -> dict:
    """The search form and, once a keyword is typed, a page of the county's units."""
    form = UnitSearchForm(request.GET or None)
    keyword = form.cleaned_data["q"] if form.is_valid() else ""
    page = table = None
    if keyword:
        page = selectors.paginate(
            selectors.unit_search(
                county=request.user.county, keyword=keyword, with_service=with_service
            ),
            request.GET.get("page"),
        )
        table = tables.unit_results(page, target=target)
    return {"form": form, "keyword": keyword, "page": page, "table": table}


@staff_required
@require_http_methods(["GET"])
def register_search(request):
    """外网经办用户信息录入: type a keyword and press Enter; pick the unit (R-2.1)."""
    context = _search(request, with_service=None, target="backoffice:register_agent")
    return render(request, "backoffice/register_search.html", {**context, "module": "register"})


@staff_required
@require_http_methods(["GET", "POST"])
def register_agent(request, code):
    unit = selectors.unit_for_staff(county=request.user.county, code=code)
    if hasattr(unit, "agent") and request.method == "GET":
        return render(
            request,
            "backoffice/register_agent.html",
            {"unit": unit, "has_service": True, "module": "register"},
        )
    form = AgentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agent_register(
                unit=unit, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("backoffice:register_done", code=unit.code)
    return render(
        request,
        "backoffice/register_agent.html",
        {"unit": unit, "form": form, "module": "register"},
    )


@staff_required
@require_http_methods(["GET"])
def register_done(request, code):
    """The opening notice: user name, the initial-password rule, the app registration."""
    unit = selectors.unit_for_staff(county=request.user.county, code=code)
    if not hasattr(unit, "agent"):
        return redirect("backoffice:register_agent", code=unit.code)
    return render(request, "backoffice/register_done.html", {"unit": unit, "module": "register"})


@staff_required
@require_http_methods(["GET"])
def change_search(request):
    """外网经办用户信息变更: keyword + 查询 over units with online service (R-2.4)."""
    context = _search(request, with_service=True, target="backoffice:change_agent")
    return render(request, "backoffice/change_search.html", {**context, "module": "change"})


def _agent_initial(unit) -> dict:
    agent = unit.agent
    return {
        "name": agent.name,
        "id_number": agent.id_number,
        "email": agent.email,
        "phone": agent.phone,
    }


def _change_page(request, unit, *, form=None, confirm_form=None):
    """外网经办用户信息变更 with the account tools beside it."""
    return render(
        request,
        "backoffice/change_agent.html",
        {
            "unit": unit,
            "module": "change",
            "form": form or AgentForm(initial=_agent_initial(unit)),
            "confirm_form": confirm_form or ConfirmAgentIdForm(),
            "locked_seconds": unit_account_lock_status(unit.account),
            "events": selectors.audit_events_for_county(
                county=request.user.county, unit_code=unit.code
            )[:10],
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def change_agent(request, code):
    unit = selectors.unit_for_staff(county=request.user.county, code=code)
    if not hasattr(unit, "agent") or not hasattr(unit, "account"):
        return redirect("backoffice:register_agent", code=unit.code)
    form = AgentForm(request.POST or None, initial=_agent_initial(unit))
    if request.method == "POST" and form.is_valid():
        try:
            change = services.agent_change(
                unit=unit, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if change.id_changed:
                messages.warning(request, AGENT_ID_CHANGED % {"unit": unit.name})
            elif change.changed_fields:
                messages.success(request, AGENT_UPDATED % {"unit": unit.name})
            else:
                messages.info(request, NOTHING_CHANGED)
            return redirect("backoffice:change_agent", code=unit.code)
    return _change_page(request, unit, form=form)


@staff_required
@require_POST
def unlock_account(request, code):
    unit = selectors.unit_with_service_for_staff(county=request.user.county, code=code)
    services.unit_account_unlock(unit=unit, by=request.user, request=request)
    messages.success(request, ACCOUNT_UNLOCKED % {"unit": unit.name})
    return redirect("backoffice:change_agent", code=unit.code)


@staff_required
@require_POST
def restore_password(request, code):
    unit = selectors.unit_with_service_for_staff(county=request.user.county, code=code)
    confirm_form = ConfirmAgentIdForm(request.POST)
    if confirm_form.is_valid():
        try:
            services.unit_password_restore(
                unit=unit,
                confirmed_id_number=confirm_form.cleaned_data["id_number"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            confirm_form.add_error("id_number", error)
        else:
            messages.success(request, PASSWORD_RESTORED % {"unit": unit.name})
            return redirect("backoffice:change_agent", code=unit.code)
    return _change_page(request, unit, confirm_form=confirm_form)


@staff_required
@require_http_methods(["GET"])
def audit_log(request):
    events = selectors.audit_events_for_county(
        county=request.user.county, unit_code=request.GET.get("unit", "")
    )
    page = selectors.paginate(events, request.GET.get("page"), per_page=50)
    return render(
        request,
        "backoffice/audit_log.html",
        {"page": page, "unit_code": request.GET.get("unit", ""), "module": "audit"},
    )


@staff_authenticated
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Set up an authenticator app (TOTP): scan the QR code, confirm with a code."""
    device = services.totp_device_pending(user=request.user)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.totp_device_confirm(
            user=request.user, token=form.cleaned_data["token"], request=request
        )
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(request, OTP_CONFIRMED)
            return redirect("backoffice:register_search")
        form.add_error("token", OTP_CONFIRM_FAILED)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="TOTP")
    return render(
        request,
        "backoffice/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "module": "otp",
            "secret": b32encode(device.bin_key).decode().rstrip("="),
        },
    )
