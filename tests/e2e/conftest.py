"""Real-browser tests: headless Chromium from Debian's package, driven by Playwright, against
Django's live server. `visit()` fails on console errors and on serious or critical
accessibility violations (axe-core; GB/T 37668 follows WCAG) and keeps a screenshot."""

from __future__ import annotations

import os
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

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def visit(self, path: str, screenshot: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.check(screenshot)
        return response

    def check(self, screenshot: str) -> None:
        """Console clean, no serious accessibility violation; keep a screenshot."""
        self.page.wait_for_load_state("load")
        screenshot_of(self.page, f"{screenshot}.png")
        assert not self.console_errors, f"browser console errors: {self.console_errors}"
        # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline
        # scripts, and a script the test inserts must not need a weaker policy.
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        results = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, "accessibility violations:\n" + "\n".join(serious)


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    page = context.new_page()
    yield Visitor(page, live_server.url)
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
