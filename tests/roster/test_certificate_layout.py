"""R-15 (issue "Fit for real users"): certificates are official documents. A compact page, the
closing block (seal, 验证码, QR code, date, issuer) never by itself on a page, the attestation
sentence and validity note, names and codes never broken, a seal whose name does not overlap."""

import itertools
import math
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from portal.yearmonth import YearMonth
from roster import certificates
from roster.models import Certificate
from tests.roster.conftest import add_person
from tests.roster.test_certificates import UNIT_PDF, pdf_text, pdf_text_page, squeezed

pytestmark = pytest.mark.django_db
ISSUER = "江西省机关事业单位养老保险经办中心"
HEADER = "年度缴费月数缴费基数单位缴费个人缴费"


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_layout():
    certificates.layout_version.cache_clear()
    yield
    certificates.layout_version.cache_clear()


def person_pdf(client, unit, years: int, **kwargs) -> tuple[object, bytes]:
    person = add_person(unit, years, start=YearMonth(1980, 1), months=years * 12, **kwargs)
    response = client.get(f"/roster/certificates/persons/{person.personal_code}/pdf/")
    assert response.status_code == 200
    return person, response.content


def pages_of(pdf: bytes) -> list[str]:
    count = len(PdfReader(BytesIO(pdf)).pages)
    return [pdf_text_page(pdf, number) for number in range(1, count + 1)]


def year_rows(page: str) -> list[str]:
    return re.findall(r"^\s*((?:19|20)\d\d)\s+\d+\s", page, re.MULTILINE)


def test_r15_a_thirty_year_history_fits_on_one_page(agent_client, unit, storage):
    _person, pdf = person_pdf(agent_client, unit, 30)
    pages = pages_of(pdf)
    assert len(pages) == 1
    assert len(year_rows(pages[0])) == 30
    assert "验证码" in pages[0] and "业务专用章" in pages[0]


@pytest.mark.parametrize("years", [13, 36, 45])
def test_r15_certificate_closing_block_on_last_table_page(agent_client, unit, storage, years):
    """36 years fill the first page with the table; the closing block then takes the last year
    row and the total with it to the second page, instead of standing there alone."""
    person, pdf = person_pdf(agent_client, unit, years)
    pages = pages_of(pdf)
    code = Certificate.objects.get(kind="person", person=person).code
    last_year = str(1980 + years - 1)
    (closing,) = [index for index, page in enumerate(pages) if code in page]
    (last_row,) = [index for index, page in enumerate(pages) if last_year in year_rows(page)]
    assert closing == last_row
    page = pages[closing]
    assert "验证码" in page and "业务专用章" in page and ISSUER in squeezed(page)
    assert "合计" in page
    assert len(pages) == (1 if years == 13 else 2)


def test_r15_a_long_history_repeats_the_table_header_on_page_two(agent_client, unit, storage):
    _person, pdf = person_pdf(agent_client, unit, 45)
    pages = pages_of(pdf)
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert HEADER in squeezed(page)
        assert year_rows(page)
        assert f"第{number}页共2页" in squeezed(page)
    # The total is the table's end, printed once (a tfoot would repeat it on every page).
    assert [page.count("合计") for page in pages] == [0, 1]


def test_r15_attestation_names_the_person_with_id_unit_since_and_status(
    agent_client, unit, storage, deemed
):
    person = add_person(unit, 5, start=YearMonth(2014, 10), months=27)
    deemed(person, YearMonth(1995, 8), YearMonth(2014, 9))
    response = agent_client.get(f"/roster/certificates/persons/{person.personal_code}/pdf/")
    text = squeezed(pdf_text(response.content))
    sentence = (
        f"兹证明{person.name}（公民身份号码：{person.id_number}）自2014年10月起在{unit.name}"
        "参加机关事业单位基本养老保险，当前参保状态为“参保缴费”，累计缴费257个月"
        "（其中视同缴费230个月）。"
    )
    assert sentence in text
    assert "特此证明。" in text
    preview = agent_client.get(f"/roster/certificates/persons/{person.personal_code}/")
    assert "兹证明" in preview.content.decode() and person.id_number in preview.content.decode()


def test_r15_attestation_without_deemed_months_says_no_share(agent_client, unit, storage):
    person, pdf = person_pdf(agent_client, unit, 2)
    text = squeezed(pdf_text(pdf))
    assert f"兹证明{person.name}（公民身份号码：{person.id_number}）自1980年01月起" in text
    assert "累计缴费24个月。" in text and "视同缴费0" not in text


@pytest.mark.parametrize(("due", "clause"), [(0, "无欠缴。"), (2, "欠缴2个月，金额3,264.00元。")])
def test_r15_unit_attestation_and_validity_note(agent_client, unit, storage, due, clause):
    add_person(unit, 1, months=12, due=due)
    text = squeezed(pdf_text(agent_client.get(UNIT_PDF).content))
    assert (
        f"兹证明{unit.name}（统一社会信用代码：{unit.credit_code}）自2014年10月起"
        "参加机关事业单位基本养老保险，当前缴费状态为“参保缴费”，现有在职参保人员1人；"
        f"截至打印之日，{clause}"
    ) in text
    # The issuer's name, beside the note, falls between its lines in the extracted text.
    assert "本证明可通过扫描二维码，或登录" in text
    assert "http://testserver/verify/输入验证码核验真伪。" in text
    until = Certificate.objects.get(kind="unit").valid_until
    until_text = f"{until.year}年{until.month}月{until.day}日"
    assert f"本证明自打印之日起三个月内有效（有效期至{until_text}）" in text


@pytest.mark.parametrize("years", [1, 45])
def test_r15_verification_code_and_url_are_not_split_across_lines(
    agent_client, unit, storage, years
):
    person, pdf = person_pdf(agent_client, unit, years)
    code = Certificate.objects.get(kind="person", person=person).code
    lines = [squeezed(line) for line in pdf_text(pdf).splitlines()]
    assert any(code in line for line in lines)
    for line in lines:
        if code[:5] in line:  # the code's first group starts the code, all of it
            assert code in line
        if "testserver" in line or "verify" in line:
            assert "http://testserver/verify/" in line
    assert any(ISSUER in line for line in lines), "the issuer's name wrapped"
    assert any(person.id_number in line for line in lines)


def glyphs(svg: str) -> tuple[float, list[float]]:
    size = float(re.search(r'font-size="([\d.]+)"', svg).group(1))
    angles = [float(a) for a in re.findall(r"rotate\((-?[\d.]+)[ )]", svg)]
    return size, angles


@pytest.mark.parametrize(
    "issuer", [ISSUER, "南昌市社保局", "江西省赣州市章贡区机关事业单位养老保险经办服务中心"]
)
def test_r15_seal_glyphs_along_the_rim_do_not_touch(issuer):
    size, angles = glyphs(certificates.seal_svg(issuer, "业务专用章"))
    assert len(angles) == len(issuer)
    steps = [b - a for a, b in itertools.pairwise(angles)]
    assert max(steps) - min(steps) < 0.05  # evenly spaced, centred on the top
    assert math.isclose(angles[0], -angles[-1], abs_tol=0.01)
    inner = certificates.SEAL_RIM - size  # where neighbours come closest
    width = size * certificates.SEAL_NARROW
    assert inner * math.radians(min(steps)) >= width * 1.05
    assert angles[-1] - angles[0] <= certificates.SEAL_ARC


def test_r15_a_changed_layout_is_not_served_from_a_stored_pdf(
    agent_client, unit, storage, monkeypatch, fresh_layout
):
    person = add_person(unit, 1)
    url = f"/roster/certificates/persons/{person.personal_code}/pdf/"
    first = agent_client.get(url).content
    assert agent_client.get(url).content == first  # unchanged: served from storage
    monkeypatch.setattr(certificates, "LAYOUT_REVISION", certificates.LAYOUT_REVISION + 1)
    certificates.layout_version.cache_clear()
    assert agent_client.get(url).content != first
    assert Certificate.objects.filter(kind="person", person=person).count() == 2


def test_r15_the_layout_fingerprint_covers_the_print_stylesheet(
    monkeypatch, tmp_path, fresh_layout
):
    before = certificates.layout_version()
    changed = tmp_path / "certificate.css"
    changed.write_text("html { font-size: 11pt; }")
    real_find = certificates.finders.find
    monkeypatch.setattr(
        certificates.finders,
        "find",
        lambda path, *a, **k: str(changed) if path == "pdf/certificate.css" else real_find(path),
    )
    certificates.layout_version.cache_clear()
    assert certificates.layout_version() != before
