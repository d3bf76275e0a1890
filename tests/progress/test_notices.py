"""Issue 16: 站内消息 — a notice per transition, written in the transition's transaction, with
the reason of a return; an unread badge in the nav bar; opening a notice leads to its case."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from progress import registry, services
from progress.models import Notice
from tests.progress.conftest import make_case
from tests.progress.test_references import submit

pytestmark = pytest.mark.django_db


def texts(unit) -> list[tuple[str, str]]:
    from progress.notices import notice_text

    return [(n.kind, notice_text(n)) for n in Notice.objects.filter(unit=unit).order_by("id")]


def test_r16_a_notice_for_each_transition(unit, staff, media):
    case = submit(make_case(unit, person_name="王芳"))
    case = services.application_reject(
        application=case, by=staff, reason="缺少减员证明", version=case.version
    )
    case = services.application_submit(application=case, by=unit.account, version=case.version)
    services.application_approve(application=case, by=staff, version=case.version)
    other = submit(make_case(unit, person_name="李雷"))
    services.application_withdraw(application=other, by=unit.account, version=other.version)
    named = f"您单位的{case.business_name}业务（王芳，业务流水号{case.reference}）"
    assert texts(unit)[:4] == [
        ("submitted", f"{named}已提交，等待区县社保经办机构审核。"),
        ("rejected", f"{named}未通过审核，原因：缺少减员证明。请在“办理中”修改后重新提交。"),
        ("submitted", f"{named}已提交，等待区县社保经办机构审核。"),
        ("approved", f"{named}已审核通过。"),
    ]
    assert [kind for kind, _text in texts(unit)[4:]] == ["submitted", "withdrawn"]


def test_r16_no_notice_when_the_transition_rolls_back(unit, staff, media, dummy_business):
    case = submit(make_case(unit))

    class Broken(type(dummy_business)):
        def approve(self, **kwargs):
            raise ValidationError("人员已存在")

    registry.register(Broken())
    with pytest.raises(ValidationError):
        services.application_approve(application=case, by=staff, version=case.version)
    assert not Notice.objects.filter(kind="approved").exists()


def test_r16_the_badge_counts_unread_and_a_notice_leads_to_its_case(agent_client, unit, media):
    first = submit(make_case(unit, person_name="王芳"))
    submit(make_case(unit, person_name="李雷"))
    html = agent_client.get("/").content.decode()
    badge = '<span class="nav-badge">2<span class="visually-hidden">条未读</span>'
    assert f'<a href="/progress/notices/">消息{badge}' in html
    box = agent_client.get("/progress/notices/").content.decode()
    assert box.count('class="notice-item notice-unread"') == 2 and first.reference in box
    notice = Notice.objects.get(application=first)
    response = agent_client.get(f"/progress/notices/{notice.pk}/")
    assert response.url == f"/progress/{first.pk}/"
    assert '<span class="nav-badge">1<span' in agent_client.get("/").content.decode()
    agent_client.post("/progress/notices/read/")
    assert "条未读" not in agent_client.get("/").content.decode()
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_r16_another_units_notice_is_a_404(unit, other_unit, media):
    notice_case = submit(make_case(unit))
    stranger = Client()
    stranger.force_login(other_unit.account)
    notice = Notice.objects.get(application=notice_case)
    assert stranger.get(f"/progress/notices/{notice.pk}/").status_code == 404
    assert notice_case.reference not in stranger.get("/progress/notices/").content.decode()
    notice.refresh_from_db()
    assert notice.read_at is None
