"""R-7.7 uploads: PDF, JPEG, PNG by content; limits; names; access only for the case's unit."""

import pytest

from progress.models import Attachment
from tests.progress.conftest import image_bytes, make_case, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def post_file(client, application, name, content, material="reduction_proof"):
    return client.post(
        f"/progress/{application.pk}/materials/",
        {"material": material, "file": upload(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_type"),
    [
        ("减员证明.pdf", pdf_bytes(), "application/pdf"),
        ("scan.JPG", image_bytes("JPEG"), "image/jpeg"),
        ("photo.png", image_bytes("PNG"), "image/png"),
        ("photo-without-extension", image_bytes("PNG"), "image/png"),
    ],
)
def test_pdf_jpeg_png_are_accepted_by_content(
    agent_client, unit, media, name, content, stored_type
):
    application = make_case(unit)
    response = post_file(agent_client, application, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=application)
    assert attachment.content_type == stored_type
    assert len(attachment.sha256) == 64 and attachment.size > 0
    assert attachment.stored_name.startswith("attachments/")
    assert name not in attachment.stored_name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "仅支持PDF、JPEG、PNG"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "仅支持PDF、JPEG、PNG"),
        ("empty.pdf", b"", "文件为空"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "图片无法识别"),
    ],
)
def test_other_files_are_refused_with_a_message(agent_client, unit, media, name, content, message):
    application = make_case(unit)
    response = post_file(agent_client, application, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_10_mb_is_refused(agent_client, unit, media, settings):
    application = make_case(unit)
    content = pdf_bytes() + b"0" * (settings.ATTACHMENT_MAX_BYTES - len(pdf_bytes()))
    assert post_file(agent_client, application, "exactly.pdf", content).status_code == 302
    response = post_file(agent_client, application, "big.pdf", content + b"1")
    assert response.status_code == 400 and "超过10 MB" in response.content.decode()


def test_at_most_20_files_per_case(agent_client, unit, media, settings):
    settings.ATTACHMENT_MAX_PER_CASE = 2
    application = make_case(unit)
    for number in range(2):
        assert post_file(agent_client, application, f"{number}.pdf", pdf_bytes()).status_code == 302
    response = post_file(agent_client, application, "3.pdf", pdf_bytes())
    assert response.status_code == 400 and "最多上传2个文件" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (["../../etc/passwd", "..\\..\\证明<1>.exe"], ["passwd.pdf", "证明1.pdf"]),
        # U+202E turns "报告\u202efdp.exe" into what reads as "报告exe.pdf"; C0/C1 controls too.
        (["报告\u202efdp.exe", "说明\x0b\x85\u2066材料.pdf"], ["报告fdp.pdf", "说明材料.pdf"]),
    ],
    ids=["paths and reserved characters", "control and direction characters"],
)
def test_file_names_are_sanitised(agent_client, unit, media, typed, kept):
    application = make_case(unit)
    for name in typed:
        post_file(agent_client, application, name, pdf_bytes())
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == kept


def test_images_are_re_encoded_so_appended_data_is_dropped(agent_client, unit, media):
    application = make_case(unit)
    post_file(agent_client, application, "a.png", image_bytes("PNG") + b"<?php evil(); ?>")
    attachment = Attachment.objects.get()
    response = agent_client.get(f"/progress/{application.pk}/files/{attachment.pk}/")
    assert b"evil" not in b"".join(response.streaming_content)


def test_download_is_named_and_never_sniffed(agent_client, unit, media):
    application = make_case(unit)
    post_file(agent_client, application, "减员证明.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    response = agent_client.get(f"/progress/{application.pk}/files/{attachment.pk}/?download=1")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_another_units_attachment_is_a_404_for_download_and_delete(
    client, unit, other_unit, media, agent_client
):
    application = make_case(unit)
    post_file(agent_client, application, "a.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    client.force_login(other_unit.account)
    assert client.get(f"/progress/{application.pk}/files/{attachment.pk}/").status_code == 404
    assert (
        client.post(f"/progress/{application.pk}/files/{attachment.pk}/delete/").status_code == 404
    )
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_deleting_a_file_leaves_the_others(
    agent_client, unit, media, django_capture_on_commit_callbacks
):
    application = make_case(unit)
    post_file(agent_client, application, "a.pdf", pdf_bytes())
    post_file(agent_client, application, "b.pdf", pdf_bytes())
    first, second = Attachment.objects.order_by("id")
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            f"/progress/{application.pk}/files/{first.pk}/delete/", {"confirmed": "1"}
        )
    assert list(Attachment.objects.all()) == [second]
    assert not (media / first.stored_name).exists()
    assert (media / second.stored_name).exists()


def test_documents_of_a_submitted_case_cannot_change(agent_client, unit, media):
    application = make_case(unit)
    post_file(agent_client, application, "a.pdf", pdf_bytes())
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    response = post_file(agent_client, application, "b.pdf", pdf_bytes())
    assert response.status_code == 400 and "材料不能再修改" in response.content.decode()
    attachment = Attachment.objects.get()
    agent_client.post(f"/progress/{application.pk}/files/{attachment.pk}/delete/")
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_upload_page_lists_types_with_required_marks_and_counts(agent_client, unit, media):
    application = make_case(unit)
    html = agent_client.get(f"/progress/{application.pk}/materials/").content.decode()
    assert "减员证明材料" in html and "其他材料" in html
    assert 'class="required-mark"' in html and 'class="material-count">0<' in html
    assert 'type="submit" class="button button-wide" disabled' in html
    post_file(agent_client, application, "a.pdf", pdf_bytes())
    html = agent_client.get(f"/progress/{application.pk}/materials/").content.decode()
    assert 'class="material-count">1<' in html
    assert 'button-wide" disabled' not in html


def test_posting_without_a_file_says_so(agent_client, unit, media):
    application = make_case(unit)
    response = agent_client.post(
        f"/progress/{application.pk}/materials/", {"material": "reduction_proof"}
    )
    assert response.status_code == 400 and "请选择要上传的文件" in response.content.decode()
