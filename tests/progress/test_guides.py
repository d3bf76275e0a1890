"""Issue 16: 办事指南 of every business — 受理条件, 材料清单 from the material types, 办理时限,
办理流程, 政策依据, 咨询电话 — readable without logging in, linked from the home tile and from
the first step of the business."""

import re

import pytest
from django.test import Client

from progress import registry
from progress.models import MaterialType, ServiceGuide

pytestmark = pytest.mark.django_db
BUSINESSES = ["pension_claim", "staff_addition", "staff_reduction"]


@pytest.mark.parametrize("code", BUSINESSES)
def test_r16_each_business_has_a_guide_anyone_can_read(client, code):
    response = client.get(f"/progress/guides/{code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"办事指南：{registry.label(code)}" in html
    for heading in ("受理条件", "材料清单", "办理时限", "办理流程", "政策依据", "咨询方式"):
        assert f">{heading}</h2>" in html
    guide = ServiceGuide.objects.get(business_code=code)
    assert f"自提交之日起{guide.time_limit_days}个工作日" in html and "12333" in html
    for material in MaterialType.objects.filter(business_code=code):
        row = re.search(rf"<tr><td>{re.escape(material.name)}</td><td>(必交|选交)</td>", html)
        assert row and row.group(1) == ("必交" if material.required else "选交")


def test_r16_the_guide_is_data_edited_in_admin(client):
    ServiceGuide.objects.filter(business_code="staff_reduction").update(
        time_limit_days=3, phone="0791-12333"
    )
    MaterialType.objects.filter(business_code="staff_reduction", code="other").update(
        hint="如工作调动函"
    )
    html = client.get("/progress/guides/staff_reduction/").content.decode()
    assert "自提交之日起3个工作日" in html and "0791-12333" in html and "如工作调动函" in html


def test_r16_an_unknown_business_has_no_guide(client):
    assert client.get("/progress/guides/no_such_business/").status_code == 404


def test_r16_guides_are_linked_from_the_tiles_and_the_first_steps(agent_client):
    home = agent_client.get("/").content.decode()
    for code in BUSINESSES:
        assert f'href="/progress/guides/{code}/"' in home
    for url, code in (
        ("/pension/", "pension_claim"),
        ("/enrollment/add/", "staff_addition"),
        ("/enrollment/reduce/", "staff_reduction"),
    ):
        assert (
            f'href="/progress/guides/{code}/">查看办事指南</a>'
            in agent_client.get(url).content.decode()
        )


def test_r16_the_guide_offers_to_start_only_to_an_agent(agent_client):
    assert (
        'href="/enrollment/add/">开始办理在职人员增加'
        in agent_client.get("/progress/guides/staff_addition/").content.decode()
    )
    assert "开始办理" not in Client().get("/progress/guides/staff_addition/").content.decode()
