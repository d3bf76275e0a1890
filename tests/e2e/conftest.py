"""Real-browser tests: headless Chromium from Debian's package, driven by Playwright, against
Django's live server. `visit()` fails on console errors and on serious or critical
accessibility violations (axe-core; GB/T 37668 follows WCAG) and keeps a screenshot."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
VIEWPORT = {"width": 1366, "height": 768}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and throttles live in the cache, which flushing the test database leaves
    alone (the database cache's table is no model's): each browser test starts without the
    login attempts of the ones before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def screenshot_of(page, name: str) -> None:
    """Keep a full-page screenshot under var/screenshots/. Headless Chromium now and then
    refuses to capture a page of a second tab ("Unable to capture screenshot"): the tab is
    brought to the front and asked again."""
    from playwright.sync_api import Error

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        try:
            page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
            return
        except Error as error:
            if "Unable to capture screenshot" not in str(error) or attempt == 2:
                raise
            page.bring_to_front()
            page.wait_for_timeout(250)


class Visitor:
    """A browser tab that checks every page it visits."""

    def __init__(self, page, base_url: str, javascript: bool = True):
        self.page = page
        self.base_url = base_url
        self.javascript = javascript  # False: the context runs no script (axe neither)
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def visit(self, path: str, screenshot: str, ignore: tuple[str, ...] = ()):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.check(screenshot, ignore=ignore)
        return response

    def check(self, screenshot: str, ignore: tuple[str, ...] = ()) -> None:
        """Console clean, no serious accessibility violation; keep a screenshot. `ignore` names
        axe rules left out — only for markup the portal does not write (Django's admin)."""
        self.page.wait_for_load_state("load")
        screenshot_of(self.page, f"{screenshot}.png")
        assert not self.console_errors, f"browser console errors: {self.console_errors}"
        axe = self._axe if self.javascript else lambda page, ignore: self._axe_on_a_copy(ignore)
        results = axe(self.page, ignore)
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, "accessibility violations:\n" + "\n".join(serious)

    def _axe_on_a_copy(self, ignore: tuple[str, ...]) -> dict:
        """A page without scripts cannot run axe: its HTML, as the browser holds it, is checked
        in a tab that runs axe but none of the page's own scripts."""
        html = self.page.content().replace("<head>", f'<head><base href="{self.page.url}">', 1)
        context = self.page.context.browser.new_context(viewport=self.page.viewport_size)
        try:
            copy = context.new_page()
            copy.route("**/*.js", lambda route: route.abort())
            copy.set_content(html, wait_until="load")
            return self._axe(copy, ignore)
        finally:
            context.close()

    @staticmethod
    def _axe(page, ignore: tuple[str, ...]) -> dict:
        # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline
        # scripts, and a script the test inserts must not need a weaker policy.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        return page.evaluate(
            """([tags, ignore]) => axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                rules: Object.fromEntries(ignore.map(rule => [rule, {enabled: false}])),
            })""",
            [AXE_TAGS, list(ignore)],
        )


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    yield Visitor(page, live_server.url)
    context.close()


@contextmanager
def open_visitor(browser, live_server, user=None, viewport=None, **options):
    """A Visitor in a browser context of its own (a second person at another desk, a phone),
    logged in as `user` when one is given."""
    context = browser.new_context(viewport=viewport or VIEWPORT, locale="zh-CN", **options)
    if user is not None:
        login_cookie(context, live_server, user)
    try:
        yield Visitor(context.new_page(), live_server.url, options.get("java_script_enabled", True))
    finally:
        context.close()


def login_cookie(context, live_server, user) -> None:
    """Give a browser context the session of `user` (the login page has its own test)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def unit_with_staff(settings, tmp_path):
    """东湖区's 教育体育局 with its agent's account (no password change pending) and the county's
    counter staff; uploads go to a temporary folder."""
    from accounts.services import unit_account_open
    from tests.factories import AgentFactory, CountyFactory, UnitFactory, UserFactory
    from tests.progress.conftest import ensure_material_types

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_material_types()
    county = CountyFactory(code="360102", name="东湖区", city="南昌市")
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局", county=county)
    account = unit_account_open(unit=unit, agent=AgentFactory(unit=unit))
    account.must_change_password = False
    account.save()
    return unit, account, UserFactory(username="guitai_donghu", county=county)


@pytest.fixture
def roster(settings, tmp_path):
    """东湖区's 教育体育局 with two people in its 在职花名册; its account's password is
    Ganjiang2026 and login codes land in accounts.push.locmem.outbox."""
    from accounts.push import locmem
    from accounts.services import unit_account_open
    from portal.yearmonth import YearMonth
    from tests.factories import AgentFactory, UnitFactory
    from tests.roster.conftest import add_person

    settings.PUSH_BACKEND = "accounts.push.locmem.LocmemBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    locmem.outbox.clear()
    locmem.unregistered.clear()
    unit = UnitFactory(code="3601021001", name="南昌市东湖区教育体育局")
    agent = AgentFactory(unit=unit, name="赵云雪")
    account = unit_account_open(unit=unit, agent=agent)
    account.set_password("Ganjiang2026")
    account.must_change_password = False
    account.save()
    add_person(unit, 1, name="张三丰", start=YearMonth(2014, 10), months=120)
    add_person(unit, 2, name="李四", start=YearMonth(2016, 1), months=60)
    return unit
