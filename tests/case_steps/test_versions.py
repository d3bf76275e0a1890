"""One meaning of the page's version for every business (DESIGN §7): a save from a page that
does not say which version it showed, says it badly, or showed an older version (a second tab,
a colleague) is refused with the same message; the typed input is shown again and nothing is
written. Proved for 养老金申领, 在职人员增加 and 在职人员减少 alike."""

import re
from dataclasses import dataclass

import pytest
from django.test import Client

from portal.identity import resident_id_with_check_digit
from portal.yearmonth import YearMonth
from progress.models import Application
from tests.enrollment.test_addition import registration_data
from tests.enrollment.test_reduction import form_data
from tests.pension.conftest import retiring_person
from tests.pension.test_wizard import basic_post
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
NEW_ID = resident_id_with_check_digit("36010219980315011")
STALE_WORDS = "另一个窗口"


@dataclass
class Business:
    case: Application
    url: str
    field: str  # the field whose typed value the test follows

    def post(self, value, **extra):
        """The step's form as a user would post it, with `field` typed as `value`."""
        return {**POSTS[self.case.business_code](self.case), self.field: value, **extra}

    def stored(self):
        self.case.refresh_from_db()
        data = self.case.data
        return data.get("basic", {}).get(self.field) if "basic" in data else data.get(self.field)


def _pension_post(case):
    return {key: value for key, value in basic_post(case).items() if key != "version"}


def _addition_post(case):
    return {k: v for k, v in registration_data().items() if k not in ("version", "action")}


def _reduction_post(case):
    return {k: v for k, v in form_data().items() if k not in ("version", "action")}


POSTS = {
    "pension_claim": _pension_post,
    "staff_addition": _addition_post,
    "staff_reduction": _reduction_post,
}


def agent(unit) -> Client:
    client = Client()
    client.force_login(unit.account)
    return client


def open_case(kind, unit) -> Business:
    client = agent(unit)
    if kind == "pension_claim":
        person = retiring_person(unit)
        client.post("/pension/", {"personal_code": person.personal_code})
        case = Application.objects.get(business_code=kind)
        client.post(f"/progress/{case.pk}/history/", {"version": case.version})
        return Business(case, f"/progress/{case.pk}/basic/", "salary_now_title")
    if kind == "staff_addition":
        client.post(
            "/enrollment/add/", {"id_type": "resident_id", "id_number": NEW_ID, "name": "孙新人"}
        )
        case = Application.objects.get(business_code=kind)
        return Business(case, f"/progress/{case.pk}/details/", "address")
    person = add_person(unit, 1, name="张离职", start=YearMonth.current() - 24, months=23)
    client.post(f"/enrollment/reduce/start/{person.personal_code}/")
    case = Application.objects.get(business_code=kind)
    return Business(case, f"/progress/{case.pk}/details/", "note")


def page_version(client, url) -> str:
    html = client.get(url).content.decode()
    return re.search(r'name="version" value="([0-9]+)"', html).group(1)


BUSINESSES = ["pension_claim", "staff_addition", "staff_reduction"]


@pytest.mark.parametrize("kind", BUSINESSES)
@pytest.mark.parametrize("action", ["save", "next"])
def test_a_stale_tab_is_refused_and_keeps_its_input(unit, kind, action):
    business = open_case(kind, unit)
    newer, older = agent(unit), agent(unit)
    newer_version = page_version(newer, business.url)
    older_version = page_version(older, business.url)  # both tabs show the same version
    saved = newer.post(
        business.url, business.post("新标签页的输入", version=newer_version, action="save")
    )
    assert saved.status_code == 302
    response = older.post(
        business.url, business.post("旧标签页的输入", version=older_version, action=action)
    )
    html = response.content.decode()
    assert response.status_code == 409 and STALE_WORDS in html
    assert "旧标签页的输入" in html  # what the older tab typed is still on its page
    assert business.stored() == "新标签页的输入"  # the newer save is intact


@pytest.mark.parametrize("kind", BUSINESSES)
@pytest.mark.parametrize("version", [None, "", "abc", "²", "１", "-1", "1.0", "99999999999"])
def test_a_missing_or_malformed_version_writes_nothing(unit, kind, version):
    business = open_case(kind, unit)
    client = agent(unit)
    before = Application.objects.get(pk=business.case.pk).version
    post = business.post("无版本的输入", action="save")
    if version is not None:
        post["version"] = version
    response = client.post(business.url, post)
    html = response.content.decode()
    assert response.status_code == 409 and STALE_WORDS in html and "无版本的输入" in html
    business.case.refresh_from_db()
    assert business.case.version == before and business.stored() != "无版本的输入"


@pytest.mark.parametrize("kind", BUSINESSES)
def test_the_current_version_saves(unit, kind):
    business = open_case(kind, unit)
    client = agent(unit)
    post = business.post(
        "当前版本的输入", action="save", version=page_version(client, business.url)
    )
    assert client.post(business.url, post).status_code == 302
    assert business.stored() == "当前版本的输入"


@pytest.mark.parametrize("kind", BUSINESSES)
@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_submit_and_withdraw_from_an_older_page_are_refused(unit, kind, action):
    business = open_case(kind, unit)
    client = agent(unit)
    shown = Application.objects.get(pk=business.case.pk).version
    client.post(business.url, business.post("x", action="save", version=shown))
    response = client.post(
        f"/progress/{business.case.pk}/{action}/", {"version": shown, "confirmed": "1"}
    )
    assert response.status_code == 302
    business.case.refresh_from_db()
    assert business.case.status == "draft"
    page = client.get(response["Location"], follow=True).content.decode()
    assert STALE_WORDS in page
