"""Issue 14, several app hosts: with FILE_STORAGE=s3 case documents and certificate PDFs live as
private objects in a bucket of a real S3-protocol server, and reach people only through the
portal's scoped views."""

import pytest
import requests
from django.core.files.storage import default_storage
from django.test import Client
from storages.backends.s3 import S3Storage

from progress.models import Attachment
from roster import certificates
from roster.models import Certificate
from tests.progress.conftest import (
    dummy_business,
    ensure_material_types,
    make_case,
    pdf_bytes,
    upload,
)
from tests.roster.conftest import add_person
from tests.storage.conftest import PREFIX

__all__ = ["dummy_business"]  # the case core's stand-in business, as in tests/progress

pytestmark = pytest.mark.django_db
UNIT_PDF = "/roster/certificates/unit/pdf/"


@pytest.fixture(autouse=True)
def _material_types(db):
    ensure_material_types()


def upload_document(client, application, name="减员证明.pdf", content=None):
    response = client.post(
        f"/progress/{application.pk}/materials/",
        {"material": "reduction_proof", "file": upload(name, content or pdf_bytes())},
    )
    assert response.status_code == 302
    return Attachment.objects.filter(application=application).latest("id")


def file_url(attachment) -> str:
    return f"/progress/{attachment.application_id}/files/{attachment.pk}/?download=1"


def test_the_test_storage_is_the_bucket(bucket):
    """Django drops its cached default_storage when STORAGES changes (and back after)."""
    assert isinstance(default_storage, S3Storage)
    assert default_storage.bucket_name == bucket.name
    assert default_storage.default_acl is None and default_storage.querystring_auth
    assert default_storage.file_overwrite is False


def test_an_upload_is_an_object_in_the_bucket_served_by_the_case_view(agent_client, unit, bucket):
    application = make_case(unit)
    attachment = upload_document(agent_client, application)
    key = f"{PREFIX}/{attachment.stored_name}"
    assert bucket.keys() == [key]
    assert bucket.read(key) == pdf_bytes()
    response = agent_client.get(file_url(attachment))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_another_units_agent_gets_404_for_an_object_in_the_bucket(
    agent_client, unit, other_unit, bucket, client
):
    attachment = upload_document(agent_client, make_case(unit))
    client.force_login(other_unit.account)
    assert client.get(file_url(attachment)).status_code == 404
    assert client.get(file_url(attachment).replace("?download=1", "")).status_code == 404


def test_the_county_staff_review_reads_the_document_from_the_bucket(
    agent_client, unit, bucket, staff
):
    from progress import services

    staff_client = Client()
    staff_client.force_login(staff)
    application = make_case(unit)
    attachment = upload_document(agent_client, application)
    services.application_submit(
        application=application, by=unit.account, version=application.version
    )
    page = staff_client.get(f"/backoffice/reviews/{application.pk}/").content.decode()
    assert attachment.original_name in page
    assert bucket.server.endpoint_url not in page  # no address of the store on any page
    response = staff_client.get(f"/backoffice/reviews/{application.pk}/files/{attachment.pk}/")
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_deleting_an_attachment_removes_its_object(
    agent_client, unit, bucket, django_capture_on_commit_callbacks
):
    application = make_case(unit)
    first = upload_document(agent_client, application, "a.pdf")
    second = upload_document(agent_client, application, "b.pdf")
    assert len(bucket.keys()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(
            f"/progress/{application.pk}/files/{first.pk}/delete/", {"confirmed": "1"}
        )
    assert bucket.keys() == [f"{PREFIX}/{second.stored_name}"]


def test_an_object_gone_from_the_bucket_is_a_404_not_an_error(agent_client, unit, bucket):
    attachment = upload_document(agent_client, make_case(unit))
    bucket.server.client.delete_object(Bucket=bucket.name, Key=f"{PREFIX}/{attachment.stored_name}")
    assert agent_client.get(file_url(attachment)).status_code == 404


def test_a_certificate_pdf_is_stored_once_in_the_bucket_and_served_from_it(
    agent_client, unit, bucket, monkeypatch
):
    add_person(unit, 1)
    first = agent_client.get(UNIT_PDF)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    certificate = Certificate.objects.get(kind="unit", unit=unit)
    key = f"{PREFIX}/{certificate.pdf_name}"
    assert bucket.keys() == [key] and bucket.read(key) == first.content

    monkeypatch.setattr(certificates, "render_to_pdf", lambda html: pytest.fail("rendered again"))
    assert agent_client.get(UNIT_PDF).content == first.content
    # What the bucket holds is what is served: the object, not a copy kept by this process.
    marked = first.content + b"\n% kept in the bucket\n"
    bucket.server.client.put_object(Bucket=bucket.name, Key=key, Body=marked)
    assert agent_client.get(UNIT_PDF).content == marked
    assert bucket.keys() == [key]


def test_no_object_can_be_read_without_the_portals_keys(agent_client, unit, bucket):
    add_person(unit, 1)
    assert agent_client.get(UNIT_PDF).status_code == 200
    upload_document(agent_client, make_case(unit))
    keys = bucket.keys()
    assert len(keys) == 2
    for key in keys:
        grants = bucket.server.client.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
        assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]  # the owner
        anonymous = requests.get(bucket.url(key), timeout=10)
        assert anonymous.status_code == 403, key
        assert b"%PDF" not in anonymous.content


def test_an_unreachable_object_storage_is_a_chinese_503_with_nothing_lost(
    agent_client, unit, bucket, settings, caplog
):
    """The bucket's server gone (here: a port where nothing listens): the upload and the
    download answer 503 服务暂时不可用 with Retry-After, logged once without a traceback, and
    the case keeps its documents."""
    from tests.storage.processes import free_port

    application = make_case(unit)
    attachment = upload_document(agent_client, application)
    options = settings.STORAGES["default"]["OPTIONS"]
    closed = f"http://127.0.0.1:{free_port()}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {**options, "endpoint_url": closed}},
    }
    agent_client.raise_request_exception = False
    for response in (
        agent_client.get(file_url(attachment)),
        agent_client.post(
            f"/progress/{application.pk}/materials/",
            {"material": "reduction_proof", "file": upload("第二份.pdf", pdf_bytes())},
        ),
    ):
        assert response.status_code == 503
        assert "服务暂时不可用" in response.content.decode()
        assert response["Retry-After"] == "30"
    assert Attachment.objects.filter(application=application).count() == 1
    outages = [record for record in caplog.records if "service unavailable" in record.getMessage()]
    assert len(outages) == 2 and all(record.exc_info is None for record in outages)
