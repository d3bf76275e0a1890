"""Issue 15: 撤回 and deleting a document ask first — a confirmation page without JavaScript,
a dialog with it (`data-confirm`, tested in the browser) — and a withdrawn case of a business
that cannot start again offers nothing."""

import re

import pytest

from progress.models import Application, Attachment
from tests.progress.conftest import make_case, pdf_bytes
from tests.progress.test_lists_and_reviews import submitted_case
from tests.progress.test_uploads import post_file

pytestmark = pytest.mark.django_db


def test_r15_withdraw_asks_on_a_page_first(agent_client, unit, media):
    application = submitted_case(unit)
    detail = agent_client.get(f"/progress/{application.pk}/").content.decode()
    # The dialog says what the page without JavaScript says: what 撤回 means.
    assert re.search(r'data-confirm="确定撤回“[^"]*王芳[^"]*”吗？ 撤回后该业务不能再提交。', detail)
    url = f"/progress/{application.pk}/withdraw/"
    page = agent_client.post(url, {"version": application.version})
    html = page.content.decode()
    assert page.status_code == 200 and "撤回业务" in html and "撤回后该业务不能再提交" in html
    assert f'action="{url}"' in html and 'name="confirmed" value="1"' in html
    assert f'name="version" value="{application.version}"' in html
    application.refresh_from_db()
    assert application.status == "submitted"
    response = agent_client.post(url, {"version": application.version, "confirmed": "1"})
    assert response.url == f"/progress/{application.pk}/"
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_r15_a_stale_confirmation_changes_nothing(agent_client, unit, media):
    application = submitted_case(unit)
    url = f"/progress/{application.pk}/withdraw/"
    agent_client.post(url, {"version": application.version - 1, "confirmed": "1"})
    application.refresh_from_db()
    assert application.status == "submitted"


def test_r15_deleting_a_document_asks_on_a_page_first(agent_client, unit, media):
    application = make_case(unit)
    post_file(agent_client, application, "离职证明.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    url = f"/progress/{application.pk}/files/{attachment.pk}/delete/"
    materials = agent_client.get(f"/progress/{application.pk}/materials/").content.decode()
    assert 'data-confirm="确定删除“离职证明.pdf”吗？删除后无法恢复。"' in materials
    html = agent_client.post(url).content.decode()
    assert "删除材料" in html and "确定删除“离职证明.pdf”吗？" in html
    assert f"/progress/{application.pk}/materials/?material=" in html  # 取消 goes back
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    agent_client.post(url, {"confirmed": "1"})
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_r15_a_business_that_cannot_start_again_refuses(agent_client, unit, media):
    application = make_case(unit)
    Application.objects.filter(pk=application.pk).update(status="withdrawn")
    response = agent_client.post(f"/progress/{application.pk}/again/")
    assert response.url == f"/progress/{application.pk}/"
    assert Application.objects.count() == 1


def test_r15_a_reload_of_the_address_asks_again_and_changes_nothing(agent_client, unit, media):
    application = submitted_case(unit)
    page = agent_client.get(f"/progress/{application.pk}/withdraw/")
    html = page.content.decode()
    assert page.status_code == 200 and "撤回业务" in html
    assert f'name="version" value="{application.version}"' in html
    post_file_case = make_case(unit, person_name="李雷")
    post_file(agent_client, post_file_case, "离职证明.pdf", pdf_bytes())
    attachment = Attachment.objects.get(application=post_file_case)
    page = agent_client.get(f"/progress/{post_file_case.pk}/files/{attachment.pk}/delete/")
    assert page.status_code == 200 and "删除材料" in page.content.decode()
    application.refresh_from_db()
    assert (
        application.status == "submitted" and Attachment.objects.filter(pk=attachment.pk).exists()
    )


def test_r15_a_returned_case_shows_its_reason_by_the_status(agent_client, unit, staff, media):
    from progress import services

    application = submitted_case(unit)
    services.application_reject(
        application=application, by=staff, reason="缺少调出审批表", version=application.version
    )
    html = agent_client.get(f"/progress/{application.pk}/").content.decode()
    assert "<strong>退回原因：</strong>缺少调出审批表</p>" in html
