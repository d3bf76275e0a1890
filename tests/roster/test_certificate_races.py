"""Twenty parallel prints of one unchanged content make one certificate with one 验证码, and its
PDF is rendered once (issue 13: NULL persons never collided in the old constraint)."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from roster import certificates, services
from roster.models import Certificate
from tests.roster.conftest import add_person

TODAY = datetime.date(2026, 12, 2)


def _parallel(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_twenty_parallel_unit_certificate_prints_make_one_certificate_rendered_once(
    unit, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_person(unit, 1)
    renders = []
    render = certificates.render_to_pdf
    monkeypatch.setattr(
        certificates, "render_to_pdf", lambda html: renders.append(1) or render(html)
    )

    content = certificates.unit_certificate_content(unit=unit, today=TODAY)

    def print_once():
        certificate = services.certificate_issue(unit=unit, person=None, content=content, by=None)
        pdf = services.certificate_pdf(
            certificate=certificate, content=content, verify_url="https://example/verify/"
        )
        return certificate.code, pdf

    results = _parallel(20, print_once)
    certificate = Certificate.objects.get(kind="unit", unit=unit)  # exactly one
    assert {code for code, _pdf in results} == {certificate.code}
    assert len({pdf for _code, pdf in results}) == 1
    assert len(renders) == 1
    assert len(list((tmp_path / "media" / "certificates").iterdir())) == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_unit_certificate_for_one_content(unit):
    fields = {"kind": "unit", "unit": unit, "content_hash": "a" * 64, "valid_until": TODAY}
    fields.update(holder_name=unit.name, holder_id=unit.credit_code)
    Certificate.objects.create(code="AAAA-AAAA-AAAA-AAAA", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(code="BBBB-BBBB-BBBB-BBBB", **fields)
    Certificate.objects.create(code="CCCC-CCCC-CCCC-CCCC", **{**fields, "content_hash": "b" * 64})


@pytest.mark.django_db
def test_twenty_renders_at_once_in_one_process_all_finish(unit):
    """Pango is not thread-safe: without the render lock, twenty threads of runserver or a
    threaded worker rendering at once crash (Pango-CRITICAL, ZeroDivisionError) or hang."""
    add_person(unit, 1)
    content = certificates.unit_certificate_content(unit=unit, today=TODAY)
    certificate = Certificate(code="AAAA-BBBB-CCCC-DDDD")
    html = certificates.render_html(
        content=content, certificate=certificate, verify_url="https://e/"
    )
    barrier = threading.Barrier(20)
    pdfs, errors = [], []

    def render():
        try:
            barrier.wait()
            pdfs.append(certificates.render_to_pdf(html))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=render, daemon=True) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(pdfs) == 20 and all(pdf.startswith(b"%PDF") for pdf in pdfs)
