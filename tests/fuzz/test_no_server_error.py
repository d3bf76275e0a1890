"""Issue 13: every form field of every page, filled with what careless users and attackers type,
never gets a 5xx. The pages of each role are read from a freshly seeded demo; every form on them
is submitted once per field and hostile value, the other fields as the page offered them, each
submission rolled back so that all of them meet the same data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from progress import registry
from tests.demo.seeding import seeded_demo
from tests.fuzz.forms import NOT_FUZZED, forms_of, path_of

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "字" * 10_000,
    "a\x00b",
    "王\x0b芳\x1f\x7f\x85",
    "\u202eexe.pdf",
    "１２３４５６",  # full-width digits
    "²³¹",  # superscripts: str.isdigit() is true, int() fails
    "9" * 40,
    "-1",
    "2026-13",
    "0000-00",
    "<script>alert(1)</script>",
    "NaN",
    "1e999",
]
LIST_PARAMETERS = ["page", "sort"]  # in links, not in forms, on every list page
SKIPPED_ACTIONS = {"/accounts/logout/", "/backoffice/logout/"}

PUBLIC = ["/accounts/login/", "/accounts/password/reset/", "/verify/", "/backoffice/login/"]
AGENT = [
    "/",
    "/accounts/password/change/",
    "/roster/unit/",
    "/roster/active/",
    "/roster/retired/",
    "/roster/certificates/persons/",
    "/enrollment/add/",
    "/enrollment/reduce/",
    "/pension/",
    "/progress/in-progress/",
    "/progress/completed/",
    "/progress/{addition}/",
    "/progress/{reduction}/",
    "/progress/{pension}/",
    *(
        f"/progress/{{{code}}}/{step.key}/"
        for code, business in (
            ("addition", "staff_addition"),
            ("reduction", "staff_reduction"),
            ("pension", "pension_claim"),
        )
        for step in registry.get(business).steps
        # The demo's addition draft has not reached 上传资料 (the same MATERIALS step as the
        # returned reduction's and claim's, which are fuzzed).
        if step.in_case and not (code == "addition" and step.key == "materials")
    ),
]
STAFF = [
    "/backoffice/agents/register/",
    "/backoffice/agents/change/",
    "/backoffice/agents/register/{without_service}/",
    "/backoffice/agents/change/{with_service}/",
    "/backoffice/audit/",
    "/backoffice/reviews/",
    "/backoffice/reviews/{submitted}/",
    "/backoffice/security/otp/",
]
PAGES = [("public", p) for p in PUBLIC] + [("agent", p) for p in AGENT]
PAGES += [("staff", p) for p in STAFF]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module, with the pension claim returned so that its steps
    can be edited."""
    from progress import services as case_services
    from progress.models import Application
    from roster.models import Unit

    with seeded_demo(django_db_blocker, tmp_path_factory) as manifest:
        with django_db_blocker.unblock():
            unit = Unit.objects.get(code=manifest["units"][0]["code"])
            account = unit.account
            account.must_change_password = False
            account.save(update_fields=["must_change_password"])
            staff = type(account).objects.filter(county=unit.county).first()
            cases = Application.objects.filter(unit=unit)
            pension = cases.get(business_code="pension_claim")
            case_services.application_reject(
                application=pension, by=staff, reason="请补充材料", version=pension.version
            )
            targets = {
                "addition": cases.get(business_code="staff_addition", status="draft").pk,
                "reduction": cases.get(business_code="staff_reduction", status="rejected").pk,
                "pension": pension.pk,
                "submitted": cases.filter(status="submitted").first().pk,
                "without_service": next(
                    u["code"]
                    for u in manifest["units_without_service"]
                    if u["county"] == unit.county.code
                ),
                "with_service": unit.code,
            }
        yield {"agent": account, "staff": staff, "targets": targets}


def _submit(client, form, data):
    """One submission, rolled back: the next one meets the same data."""
    send = client.post if form.method == "post" else client.get
    with transaction.atomic():
        response = send(form.action, data)
        transaction.set_rollback(True)
    if response.streaming:  # an Excel export
        return response.status_code, ""
    return response.status_code, response.content.decode(errors="replace")


@pytest.mark.parametrize(("role", "page"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_no_field_of_any_form_gives_a_server_error(demo, role, page):
    cache.clear()
    client = Client(raise_request_exception=False)
    if role != "public":
        client.force_login(demo[role])
    url = page.format(**demo["targets"])
    response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    # Users are addressed as 您 (Django's own catalogue says 你 in places).
    familiar = ["GET"] if "你" in response.content.decode() else []
    forms = [
        form
        for form in forms_of(response.content.decode(), f"http://testserver{url}")
        if path_of(form.action) not in SKIPPED_ACTIONS
    ]
    failures = []
    for form in {form.key: form for form in forms}.values():
        names = [name for name in form.names if name not in NOT_FUZZED]
        if form.method == "get":
            names += [name for name in LIST_PARAMETERS if name not in names]
        for name in names:
            for value in HOSTILE:
                status, content = _submit(client, form, form.data(**{name: value}))
                if status >= 500:
                    failures.append((form.method, path_of(form.action), name, value[:20], status))
                if "你" in content:
                    familiar.append((path_of(form.action), name, value[:20]))
    assert not failures, f"{len(failures)} server errors: {failures[:20]}"
    assert not familiar, f"你 instead of 您: {familiar[:10]}"
