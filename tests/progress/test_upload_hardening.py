"""Issue 13, uploads: a truncated image stays refused after a certificate was rendered (WeasyPrint
sets PIL's LOAD_TRUNCATED_IMAGES for the whole process), PDFs that act when opened are refused,
and previews are served with a policy that forbids script."""

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from progress.models import Attachment
from roster.certificates import render_to_pdf
from tests.progress.conftest import image_bytes, make_case, pdf_bytes
from tests.progress.test_uploads import post_file

pytestmark = pytest.mark.django_db
BROKEN_IMAGE = "图片无法识别"
ACTIVE_PDF = "PDF文件含有脚本、自动操作或嵌入文件"


def _pdf(build) -> bytes:
    writer, output = PdfWriter(), io.BytesIO()
    writer.add_blank_page(595, 842)
    build(writer)
    writer.write(output)
    return output.getvalue()


def _open_action(kind: str, **entries):
    def build(writer):
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return build


def _script():
    return DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )


def _document_script(writer):
    """A script in the catalogue's /Names /JavaScript tree: runs when the document opens."""
    tree = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("审核"), writer._add_object(_script())]
            )
        }
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def _page_link_script(writer):
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): _script(),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_truncated_image_is_refused_after_a_certificate_was_rendered(
    agent_client, unit, media, kind
):
    from PIL import ImageFile

    render_to_pdf("<p>参保证明</p>")  # imports WeasyPrint, which sets the global
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    whole = image_bytes(kind)
    application = make_case(unit)
    response = post_file(
        agent_client, application, f"scan.{kind.lower()}", whole[: len(whole) // 2]
    )
    assert response.status_code == 400 and BROKEN_IMAGE in response.content.decode()
    assert post_file(agent_client, application, "whole", whole).status_code == 302
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it was


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(_document_script, id="document-javascript"),
        pytest.param(_open_action("/JavaScript", JS="app.alert(1)"), id="open-action-javascript"),
        pytest.param(_open_action("/Launch", F="cmd.exe"), id="launch"),
        pytest.param(_open_action("/SubmitForm", F="https://example.invalid/"), id="submit-form"),
        pytest.param(
            lambda writer: writer.add_attachment("工资表.exe", b"MZ\x90\x00"), id="embedded-file"
        ),
        pytest.param(_page_link_script, id="annotation-javascript"),
    ],
)
def test_a_pdf_that_acts_when_opened_is_refused(agent_client, unit, media, build):
    application = make_case(unit)
    response = post_file(agent_client, application, "材料.pdf", _pdf(build))
    assert response.status_code == 400 and ACTIVE_PDF in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_script_name_written_with_hex_escapes_is_still_found(agent_client, unit, media):
    content = _pdf(_open_action("/JavaScript", JS="app.alert(1)")).replace(
        b"/S /JavaScript", b"/S /J#61vaScript"
    )
    assert b"/J#61vaScript" in content
    response = post_file(agent_client, make_case(unit), "材料.pdf", content)
    assert response.status_code == 400 and ACTIVE_PDF in response.content.decode()


def test_a_pdf_with_a_plain_link_or_only_an_owner_password_is_accepted(agent_client, unit, media):
    application = make_case(unit)
    link = _pdf(_open_action("/URI", URI="https://www.jxsi.gov.cn/"))
    assert post_file(agent_client, application, "链接.pdf", link).status_code == 302
    restricted = _pdf(lambda writer: writer.encrypt(user_password="", owner_password="单位"))
    assert post_file(agent_client, application, "限制.pdf", restricted).status_code == 302
    assert Attachment.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_pdf(lambda writer: writer.encrypt(user_password="123456")), "加密的PDF文件无法审核"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "PDF文件无法读取"),
    ],
    ids=["password", "unreadable"],
)
def test_a_pdf_that_cannot_be_inspected_is_refused(agent_client, unit, media, content, message):
    response = post_file(agent_client, make_case(unit), "材料.pdf", content)
    assert response.status_code == 400 and message in response.content.decode()


def test_previews_are_served_with_a_policy_that_forbids_script(agent_client, unit, media):
    application = make_case(unit)
    post_file(agent_client, application, "减员证明.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    response = agent_client.get(f"/progress/{application.pk}/files/{attachment.pk}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "frame-ancestors 'self'" in policy
