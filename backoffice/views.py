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
from backoffice import selectors, services
from backoffice.decorators import staff_authenticated, staff_required
from backoffice.forms import (
    AgentForm,
    ConfirmAgentIdForm,
    StaffLoginForm,
    TotpConfirmForm,
    UnitSearchForm,
)
from progress import registry as progress_registry
from progress import selectors as progress_selectors
from progress import services as progress_services
from progress.drafts import parse_number
from progress.files import serve_attachment
from progress.forms import RejectForm, ReviewFilterForm

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


def _search(request, *, with_service):
    form = UnitSearchForm(request.GET or None)
    keyword = form.cleaned_data["q"] if form.is_valid() else ""
    page = None
    if keyword:
        page = selectors.paginate(
            selectors.unit_search(
                county=request.user.county, keyword=keyword, with_service=with_service
            ),
            request.GET.get("page"),
        )
    return form, keyword, page


@staff_required
@require_http_methods(["GET"])
def register_search(request):
    """外网经办用户信息录入: type a keyword and press Enter; pick the unit (R-2.1)."""
    form, keyword, page = _search(request, with_service=None)
    return render(
        request,
        "backoffice/register_search.html",
        {"form": form, "keyword": keyword, "page": page, "module": "register"},
    )


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
    form, keyword, page = _search(request, with_service=True)
    return render(
        request,
        "backoffice/change_search.html",
        {"form": form, "keyword": keyword, "page": page, "module": "change"},
    )


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


# --- Review queue (R-9: 审核) ------------------------------------------------------------------

CASE_APPROVED = _("The case was approved.")
CASE_REJECTED = _("The case was returned to the unit with the reason.")


@staff_required
@require_http_methods(["GET"])
def review_queue(request):
    form = ReviewFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = progress_selectors.review_queue(
        county=request.user.county,
        business=filters.get("business", ""),
        unit_code=filters.get("unit", ""),
    )
    page = selectors.paginate(cases, request.GET.get("page"))
    return render(
        request, "backoffice/review_queue.html", {"form": form, "page": page, "module": "review"}
    )


def _review_page(request, application, *, reject_form=None, approval_form=None, status=200):
    business = progress_registry.get(application.business_code)
    if approval_form is None and business is not None and business.approval_form is not None:
        approval_form = business.approval_form(application=application)
    detail_template, detail = progress_registry.detail_of(application)
    return render(
        request,
        "backoffice/review_case.html",
        {
            "case": application,
            "module": "review",
            "events": progress_selectors.timeline(application),
            "slots": progress_selectors.material_slots(application),
            "detail_template": detail_template,
            "reject_form": reject_form or RejectForm(),
            "approval_form": approval_form,
            **detail,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET"])
def review_case(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    return _review_page(request, application)


@staff_required
@require_POST
def review_approve(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    business = progress_registry.get(application.business_code)
    approval_form = None
    data = {}
    if business is not None and business.approval_form is not None:
        approval_form = business.approval_form(request.POST, application=application)
        if not approval_form.is_valid():
            return _review_page(request, application, approval_form=approval_form, status=400)
        data = approval_form.cleaned_data
    try:
        progress_services.application_approve(
            application=application,
            by=request.user,
            data=data,
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("backoffice:review_case", pk=application.pk)
    messages.success(request, CASE_APPROVED)
    return redirect("backoffice:review_queue")


@staff_required
@require_POST
def review_reject(request, pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    reject_form = RejectForm(request.POST)
    if not reject_form.is_valid():
        return _review_page(request, application, reject_form=reject_form, status=400)
    try:
        progress_services.application_reject(
            application=application,
            by=request.user,
            reason=reject_form.cleaned_data["reason"],
            version=parse_number(request.POST.get("version")),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("backoffice:review_case", pk=application.pk)
    messages.success(request, CASE_REJECTED)
    return redirect("backoffice:review_queue")


@staff_required
@require_http_methods(["GET"])
def review_attachment(request, pk, attachment_pk):
    application = progress_selectors.case_for_county(county=request.user.county, pk=pk)
    attachment = progress_selectors.attachment_of_case(application, attachment_pk)
    return serve_attachment(attachment, download=request.GET.get("download") == "1")
