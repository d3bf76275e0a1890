"""R-6.4, R-6.5: certificate previews and PDFs, stored once per content, verification."""

import logging
import re
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
import segno
from django.core.cache import cache
from pypdf import PdfReader

from portal.yearmonth import YearMonth
from roster import certificates
from roster.models import Certificate
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
UNIT_PDF = "/roster/certificates/unit/pdf/"


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def squeezed(value: str) -> str:
    """pdftotext drops or adds spaces between CJK characters: compare without any."""
    return re.sub(r"\s+", "", value)


def text(response):
    return response.content.decode()


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_r6_4_preview_shows_the_certificate_with_code_and_qr(agent_client, unit, storage):
    add_person(unit, 1, months=12, due=2)
    html = text(agent_client.get("/roster/certificates/unit/"))
    certificate = Certificate.objects.get(kind="unit", unit=unit)
    for value in (
        "江西省机关事业单位养老保险单位参保证明",
        unit.name,
        unit.credit_code,
        unit.code,
        "机关事业单位基本养老保险",
        "2014-10",
        "参保缴费",
        "有：2个月",
        certificate.code,
        "三个月内有效",
        "<svg",
    ):
        assert value in html
    assert 'href="/roster/certificates/unit/pdf/"' in html


def test_r6_4_pdf_download_is_a_chinese_pdf_with_the_code(agent_client, unit, storage, caplog):
    add_person(unit, 1)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = agent_client.get(UNIT_PDF)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition and "%E5%8D%95%E4%BD%8D" in disposition  # 单位…
    pdf = response.content
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    extracted = pdf_text(pdf)
    certificate = Certificate.objects.get(kind="unit", unit=unit)
    assert unit.name in extracted and certificate.code in extracted
    assert "单位参保证明" in extracted and "第1页共1页" in squeezed(extracted)
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()], (
        "WeasyPrint fell back to fontTools: install libharfbuzz-subset0 (50x slower otherwise)"
    )


def test_a_second_print_of_unchanged_data_is_served_from_storage(
    agent_client, unit, storage, monkeypatch
):
    add_person(unit, 1)
    first = agent_client.get(UNIT_PDF).content
    monkeypatch.setattr(certificates, "render_to_pdf", lambda html: pytest.fail("rendered again"))
    assert agent_client.get(UNIT_PDF).content == first
    assert Certificate.objects.filter(kind="unit").count() == 1


def test_changed_data_makes_a_new_certificate(agent_client, unit, storage):
    add_person(unit, 1)
    agent_client.get(UNIT_PDF)
    add_person(unit, 2)
    agent_client.get(UNIT_PDF)
    assert Certificate.objects.filter(kind="unit").count() == 2
    codes = set(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == 2


def test_r6_5_person_list_search_and_print_links(agent_client, unit, other_unit):
    add_person(unit, 1, name="张三丰")
    add_person(unit, 2, name="李四")
    add_person(other_unit, 3, name="张外单位")
    html = text(agent_client.get("/roster/certificates/persons/", {"name": "张"}))
    assert "张三丰" in html and "李四" not in html and "张外单位" not in html
    assert 'href="/roster/certificates/persons/360102000001/"' in html


def test_r6_5_person_certificate_pdf_with_years_totals_and_deemed_months(
    agent_client, unit, storage, deemed
):
    person = add_person(unit, 1, start=YearMonth(2014, 10), months=27, base=Decimal("8000.00"))
    deemed(person, YearMonth(1995, 8), YearMonth(2014, 9))
    preview = text(agent_client.get(f"/roster/certificates/persons/{person.personal_code}/"))
    assert "视同缴费月数" in preview and ">230<" in preview and ">257<" in preview
    response = agent_client.get(f"/roster/certificates/persons/{person.personal_code}/pdf/")
    extracted = pdf_text(response.content)
    certificate = Certificate.objects.get(kind="person", person=person)
    for value in (
        person.name,
        person.id_number,
        person.personal_code,
        unit.name,
        certificate.code,
        "2014",
        "2016",
        "累计缴费月数",
    ):
        assert value in extracted
    assert re.search(r"合计\s+27", extracted)


def pdf_text_page(pdf: bytes, number: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


@pytest.mark.parametrize("suffix", ["", "pdf/"])
def test_another_units_person_is_a_404(agent_client, unit, other_unit, suffix):
    foreign = add_person(other_unit, 9)
    response = agent_client.get(f"/roster/certificates/persons/{foreign.personal_code}/{suffix}")
    assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_the_qr_code_encodes_the_verify_url_which_confirms_the_certificate(
    agent_client, unit, client, storage
):
    add_person(unit, 1)
    html = text(agent_client.get("/roster/certificates/unit/"))
    certificate = Certificate.objects.get(kind="unit")
    url = f"http://testserver/verify/?code={certificate.code}"
    assert segno.make(url, error="m").svg_inline(scale=3, border=1, dark="#000") in html
    agent_client.get(UNIT_PDF)
    page = text(client.get(url.replace("http://testserver", "")))
    certificate.refresh_from_db()
    assert "证明真实有效" in page and "单位参保证明" in page
    assert certificate.pdf_sha256 in page


def test_verify_unknown_code_and_rate_limit(client, settings):
    cache.clear()
    settings.VERIFY_RATE_LIMIT = 3
    for _ in range(3):
        response = client.get("/verify/", {"code": "AAAA-BBBB-CCCC-DDDD"})
        assert response.status_code == 200 and "未查到该验证码" in text(response)
    assert client.get("/verify/", {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429
    cache.clear()


def test_verify_masks_the_holders_id(agent_client, unit, client, storage):
    person = add_person(unit, 1)
    agent_client.get(f"/roster/certificates/persons/{person.personal_code}/")
    code = Certificate.objects.get(kind="person").code
    page = text(client.get("/verify/", {"code": code.lower().replace("-", "")}))
    assert person.name not in page and person.name[:1] + "**" in page
    assert person.id_number not in page
    assert person.id_number[:4] + "**********" + person.id_number[-4:] in page


def test_certificate_resources_are_limited_to_static_files():
    fetcher = certificates.StaticOnlyFetcher()
    assert fetcher.fetch("static:/pdf/certificate.css").url == "static:/pdf/certificate.css"
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "static:/../../../etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.parametrize(
    ("issued", "until"),
    [("2026-11-29", "2027-02-28"), ("2026-01-31", "2026-04-30"), ("2026-10-15", "2027-01-15")],
)
def test_certificates_are_valid_for_three_months(issued, until):
    import datetime

    assert certificates.valid_until(
        datetime.date.fromisoformat(issued)
    ) == datetime.date.fromisoformat(until)


def test_a_person_who_moved_to_another_unit_is_no_longer_the_old_units(
    agent_client, unit, other_unit, storage
):
    from roster.models import InsuranceRelation

    person = add_person(unit, 3, start=YearMonth(2015, 1), months=12, status="suspended")
    InsuranceRelation.objects.create(
        person=person,
        unit=other_unit,
        status="active",
        start_month=YearMonth(2016, 1),
        contribution_base=Decimal("9000"),
    )
    html = agent_client.get("/roster/certificates/persons/").content.decode()
    assert person.personal_code not in html
    for suffix in ("", "pdf/"):
        url = f"/roster/certificates/persons/{person.personal_code}/{suffix}"
        assert agent_client.get(url).status_code == 404


def test_a_person_who_left_and_is_not_insured_elsewhere_stays_printable(
    agent_client, unit, storage
):
    person = add_person(unit, 4, status="suspended")
    html = agent_client.get(f"/roster/certificates/persons/{person.personal_code}/")
    assert html.status_code == 200 and "暂停缴费" in html.content.decode()


def test_a_certificates_qr_code_is_encoded_once_per_verification_url(monkeypatch):
    """Issue 14: encoding the QR code was 40 % of a certificate preview."""
    url = "https://example.cn/verify/?code=QRCA-CHED-ONCE-2026"
    first = certificates.qr_svg(url)
    monkeypatch.setattr(segno, "make", lambda *args, **kwargs: pytest.fail("encoded again"))
    assert certificates.qr_svg(url) == first
    with pytest.raises(pytest.fail.Exception):
        certificates.qr_svg(url.replace("2026", "2027"))
