"""Issue "Fit for real users": every agent and back-office page works from a 360 px phone to a
1920 px screen — the page never scrolls sideways (a wide table scrolls inside its own box), the
navigation folds behind 菜单 on a narrow screen, and 退出登录 stays reachable on the screen.
Screenshots of each page at each width are kept as var/screenshots/responsive-<width>-*.png."""

import datetime

import pytest

from enrollment import services as enrollment_services
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import MaterialType
from tests.e2e.conftest import open_visitor
from tests.progress.conftest import pdf_bytes, upload
from tests.roster.conftest import add_person, add_retiree

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = [(360, 740), (390, 844), (1024, 768), (1366, 768), (1920, 1080)]
NARROW = 767  # the widest screen whose navigation folds behind the menu button


@pytest.fixture
def unit_at_work(unit_with_staff):
    """The unit with people on both rosters, a submitted reduction (in 办理中 and in the county's
    review queue) and a draft one (its step page)."""
    unit, account, staff = unit_with_staff
    for number, name in enumerate(("张三丰", "李四", "王五", "赵六"), start=1):
        add_person(unit, number, name=name, start=YearMonth(2014, 10), months=120)
    add_retiree(unit, 9, datetime.date(2020, 6, 30))
    persons = list(unit.relations.filter(status="active").order_by("person__personal_code"))
    submitted = enrollment_services.reduction_start(unit=unit, person=persons[0].person, by=account)
    submitted = case_services.case_save(
        application=submitted,
        by=account,
        version=submitted.version,
        data={
            "reason": "transfer",
            "reason_other": "",
            "stop_month": str(YearMonth.current()),
            "note": "调往南昌市西湖区教育体育局，调出审批表已随附",
            "done": ["details"],
            "last_step": "materials",
        },
    )
    case_services.attachment_add(
        application=submitted,
        by=account,
        upload=upload("减员证明.pdf", pdf_bytes(), "application/pdf"),
        material_type=MaterialType.objects.get(
            business_code="staff_reduction", code="reduction_proof"
        ),
    )
    submitted = case_services.application_submit(
        application=submitted, by=account, version=submitted.version
    )
    draft = enrollment_services.reduction_start(unit=unit, person=persons[1].person, by=account)
    return unit, account, staff, submitted, draft


@pytest.fixture
def batch_of_three(unit_with_staff):
    """A 批量增员 draft whose workbook of three persons passed (its twenty columns on a phone)."""
    import importlib

    from django.apps import apps

    from enrollment import batch_services
    from progress import registry
    from tests.enrollment.batch_helpers import ADDITION, addition_row, workbook, xlsx
    from tests.factories import resident_id

    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    unit, account, _staff = unit_with_staff
    batch = batch_services.batch_start(unit=unit, business_code="batch_addition", by=account)
    rows = [
        addition_row(resident_id(birth=datetime.date(1996, 4, 2), sequence=n), name=name)
        for n, name in ((11, "王增员"), (22, "李增员"), (33, "赵增员"))
    ]
    batch_services.batch_receive(
        registry.get(batch.business_code).draft(batch),
        xlsx(workbook(ADDITION, rows)),
        by=account,
        version=batch.version,
    )
    return batch


def assert_fits(visitor, name: str) -> None:
    """The page is no wider than the screen: nothing to scroll sideways."""
    page = visitor.page
    width, scroll_width = page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
    assert scroll_width <= width, f"{name}: the page is {scroll_width} px wide on {width} px"


def assert_on_screen(locator, what: str) -> None:
    """Shown, and wholly inside the screen's width (not cut off at the right)."""
    assert locator.is_visible(), f"{what} is not visible"
    box = locator.bounding_box()
    width = locator.page.evaluate("window.innerWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{what} is cut off: {box}"


def open_navigation(visitor, width: int, link_text: str) -> None:
    """Below 768 px the navigation is folded behind 菜单 until the button opens it; wider
    screens show it and no button."""
    page = visitor.page
    toggle = page.locator("[data-nav-toggle]")
    link = page.locator("[data-nav] a", has_text=link_text).first
    if width <= NARROW:
        assert not link.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    else:
        assert not toggle.is_visible()
    assert_on_screen(link, f"the navigation's {link_text}")


def visit_agent_page(visitor, width: int, name: str, path: str) -> None:
    page = visitor.page
    response = page.goto(visitor.base_url + path)
    assert response.ok, f"{path}: HTTP {response.status}"
    assert_fits(visitor, name)
    open_navigation(visitor, width, "办理中")
    # The avatar opens the menu that holds 退出登录.
    page.click("[data-user-menu-toggle]")
    assert page.get_attribute("[data-user-menu-toggle]", "aria-expanded") == "true"
    assert_on_screen(page.get_by_role("button", name="退出登录"), "退出登录")
    assert_on_screen(page.get_by_role("link", name="修改密码"), "修改密码")
    assert_fits(visitor, name + " with its menus open")
    visitor.check(f"responsive-{width}-{name}")


def visit_backoffice_page(visitor, width: int, name: str, path: str) -> None:
    page = visitor.page
    response = page.goto(visitor.base_url + path)
    assert response.ok, f"{path}: HTTP {response.status}"
    assert_fits(visitor, name)
    assert_on_screen(page.get_by_role("button", name="退出登录"), "退出登录")
    open_navigation(visitor, width, "待审核")
    assert_fits(visitor, name + " with its menu open")
    visitor.check(f"responsive-{width}-{name}")


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_pages_fit_the_screen_and_keep_logout_reachable(
    browser, live_server, unit_at_work, batch_of_three, width, height
):
    unit, account, staff, submitted, draft = unit_at_work
    screen = {"width": width, "height": height}
    agent_pages = {
        "home": "/",
        "roster-active": "/roster/active/",
        "roster-retired": "/roster/retired/",
        "person-certificates": "/roster/certificates/persons/",
        "person-certificate": f"/roster/certificates/persons/{unit.county.code}000001/",
        "in-progress": "/progress/in-progress/",
        "case-step": f"/progress/{draft.pk}/details/",
        "case-detail": f"/progress/{submitted.pk}/",
        "batch-start": "/enrollment/batch/add/",
        "batch-step": f"/progress/{batch_of_three.pk}/file/",
    }
    with open_visitor(browser, live_server, account, viewport=screen) as visitor:
        for name, path in agent_pages.items():
            visit_agent_page(visitor, width, name, path)

    backoffice_pages = {
        "review-queue": "/backoffice/reviews/",
        "review-case": f"/backoffice/reviews/{submitted.pk}/",
        "register-search": "/backoffice/agents/register/?q=东湖",
        "change-search": "/backoffice/agents/change/?q=教育",
        "change-agent": f"/backoffice/agents/change/{unit.code}/",
    }
    with open_visitor(browser, live_server, staff, viewport=screen) as visitor:
        for name, path in backoffice_pages.items():
            visit_backoffice_page(visitor, width, name, path)

    with open_visitor(browser, live_server, viewport=screen) as visitor:
        for name, path in {
            "login": "/accounts/login/",
            "staff-login": "/backoffice/login/",
        }.items():
            visitor.visit(path, f"responsive-{width}-{name}")
            assert_fits(visitor, name)
            assert_on_screen(visitor.page.locator("form button.button-wide"), "登录")
        # The staff login card sits in the middle of the page, not beside a missing menu.
        card = visitor.page.locator(".bo-login").bounding_box()
        left, right = card["x"], width - card["x"] - card["width"]
        assert abs(left - right) <= 2, (
            f"the login card is off centre: {left} px left, {right} px right"
        )
