"""R-13.1 缴费基数申报 through the form: opening the year's declaration with every active person,
wages typed page by page (暂存, a stale tab, turning pages), the base applied and marked, the
totals, submission, review and approval adding base periods that leave earlier ones intact."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contributions import services
from contributions.models import BasePeriod, DeclarationYear
from portal.yearmonth import YearMonth
from progress.models import Application, ApplicationEvent
from roster.models import InsuranceRelation
from tests.factories import UserFactory
from tests.progress.conftest import attach_required
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _wages_and_window(db):
    import importlib

    from django.apps import apps

    from tests.progress.conftest import ensure_material_types

    ensure_material_types()
    importlib.import_module("enrollment.migrations.0002_average_wages").add(apps, None)
    importlib.import_module("contributions.migrations.0002_rates").add(apps, None)
    today = timezone.localdate()
    DeclarationYear.objects.create(
        year=YEAR, opens=today - datetime.timedelta(days=5), closes=today + datetime.timedelta(30)
    )


@pytest.fixture
def staff_of(unit):
    return unit


def persons(unit, count=3):
    """Staff insured since 2014-10 at 6,800, and one who joined in March of this year."""
    found = [add_person(unit, n, name=f"员工{n:03d}", months=12) for n in range(1, count)]
    found.append(add_person(unit, 90, name="新入职", start=YearMonth(YEAR, 3), months=1))
    return found


def open_declaration(client):
    response = client.post("/contributions/declaration/")
    assert response.status_code == 302, response.content.decode()[-800:]
    return Application.objects.get(business_code="base_declaration")


def save(client, application, wages, *, action="save", page=1, version=None, **extra):
    application.refresh_from_db()
    data = {"action": action, "page": page, "version": version or application.version, **extra}
    data.update({f"wage_{line}": value for line, value in wages.items()})
    return client.post(f"/progress/{application.pk}/wages/", data)


def test_r13_1_the_declaration_lists_every_active_person_with_last_years_base(agent_client, unit):
    staff = persons(unit)
    add_person(unit, 50, name="已停保", status="suspended")
    application = open_declaration(agent_client)
    rows = list(application.rows.order_by("line"))
    assert [row.name for row in rows] == [p.name for p in staff]
    assert rows[0].data["last_base"] == "6800.00" and application.data["year"] == YEAR
    assert application.subject_name == "共3人"
    # Opened twice (a double click, a second tab): one declaration.
    assert open_declaration(agent_client) == application
    page = agent_client.get(f"/progress/{application.pk}/wages/").content.decode()
    assert "员工001" in page and "新入职" in page and "6800.00" in page


def test_r13_1_no_window_no_declaration(agent_client, unit):
    persons(unit)
    DeclarationYear.objects.update(closes=timezone.localdate() - datetime.timedelta(days=1))
    page = agent_client.get("/contributions/declaration/").content.decode()
    assert "不在缴费基数申报期内" in page
    response = agent_client.post("/contributions/declaration/")
    assert response.status_code == 400 and not Application.objects.exists()


@pytest.mark.parametrize(
    ("wage", "base", "mark"),
    [
        ("5099.99", "5100.00", "按下限"),
        ("5100", "5100.00", ""),
        ("25500", "25500.00", ""),
        ("25500.01", "25500.00", "按上限"),
    ],
)
def test_r13_1_the_base_applied_is_shown_with_its_clamp(agent_client, unit, wage, base, mark):
    persons(unit, 2)
    application = open_declaration(agent_client)
    assert save(agent_client, application, {1: wage}).status_code == 302
    html = agent_client.get(f"/progress/{application.pk}/wages/").content.decode()
    row = html.split('<th scope="row">员工001</th>')[1].split("</tr>")[0]
    assert base in row
    assert (mark in row) if mark else ("按下限" not in row and "按上限" not in row)


def test_r13_1_amounts_and_totals_of_the_unit(agent_client, unit):
    persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "8000", 2: "10000.50"})
    html = agent_client.get(f"/progress/{application.pk}/wages/").content.decode()
    # 8,000 × 16 % = 1,280.00 and × 8 % = 640.00; annuity 8 % = 640.00 and 4 % = 320.00
    row = html.split('<th scope="row">员工001</th>')[1].split("</tr>")[0]
    assert all(amount in row for amount in ("1280.00", "640.00", "320.00"))
    totals = html.split('class="info-table declaration-totals"')[1].split("</table>")[0]
    assert "2 / 3" in totals and "18000.50" in totals and "2880.08" in totals  # 1,280 + 1,600.08
    assert "1440.04" in totals and "720.02" in totals  # the annuity: 8 % and 4 % of both


def test_r13_1_save_keeps_bad_input_and_next_asks_for_every_wage(agent_client, unit):
    persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "八千", 2: "９０００"})
    application.refresh_from_db()
    assert application.data["wage_1"] == "八千"
    response = save(agent_client, application, {1: "八千", 2: "9000"}, action="next")
    html = response.content.decode()
    assert response.status_code == 400
    assert "请按元填写工资" in html
    assert "请填写上年度月平均工资" in html  # 新入职 has none
    # Next to its field, which keeps what was typed, and linked from the summary at the top.
    row = html.split('<th scope="row">员工001</th>')[1].split("</tr>")[0]
    assert 'name="wage_1" id="id_wage_1" value="八千"' in row
    assert 'aria-invalid="true" aria-describedby="id_wage_1-error"' in row
    assert '<span class="field-error" id="id_wage_1-error">请按元填写工资' in row
    assert 'href="#id_wage_1"' in html
    assert 'value="9000"' in html.split('<th scope="row">员工002</th>')[1].split("</tr>")[0]
    response = save(agent_client, application, {1: "8000", 2: "9000", 3: "7000"}, action="next")
    assert response.status_code == 302 and response.url.endswith("/materials/")


def test_r13_1_full_width_digits_are_money(agent_client, unit):
    persons(unit, 2)
    application = open_declaration(agent_client)
    response = save(agent_client, application, {1: "８０００.５", 2: "7000"}, action="next")
    assert response.status_code == 302, response.content.decode()[-600:]


def test_r13_1_pages_of_50_keep_what_was_typed_on_each(agent_client, unit):
    for n in range(1, 61):
        add_person(unit, n, name=f"员工{n:03d}", months=12)
    application = open_declaration(agent_client)
    response = save(agent_client, application, {1: "8000"}, action="", goto=2)
    assert response.status_code == 302 and response.url.endswith("?page=2")
    page_two = agent_client.get(response.url).content.decode()
    assert "员工051" in page_two and "员工001" not in page_two
    save(agent_client, application, {55: "9000"}, page=2)
    application.refresh_from_db()
    assert application.data["wage_1"] == "8000" and application.data["wage_55"] == "9000"
    response = save(agent_client, application, {55: "9000"}, action="next", page=2)
    assert response.status_code == 400 and "第2行" in response.content.decode()


def test_r13_1_a_stale_tab_saves_nothing(agent_client, unit):
    persons(unit, 2)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "8000"})
    application.refresh_from_db()
    response = save(agent_client, application, {1: "9999"}, version=application.version - 1)
    assert response.status_code == 409 and 'value="9999"' in response.content.decode()
    application.refresh_from_db()
    assert application.data["wage_1"] == "8000"


def submitted(client, application):
    attach_required(application)
    application.refresh_from_db()
    response = client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    assert response.status_code == 302, response.content.decode()[-600:]
    client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    application.refresh_from_db()
    assert application.status == "submitted"
    assert ApplicationEvent.objects.filter(application=application, action="submitted").count() == 1
    return application


def approve(unit, application):
    staff = Client()
    staff.force_login(UserFactory(username="guitai_base", county=unit.county))
    page = staff.get(f"/backoffice/reviews/{application.pk}/").content.decode()
    assert "缴费基数申报" in page and "员工001" in page
    response = staff.post(
        f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
    )
    assert response.status_code == 302 and response.url == "/backoffice/reviews/"


def test_r13_1_approval_adds_base_periods_and_keeps_the_earlier_ones(agent_client, unit):
    staff = persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "4000", 2: "30000", 3: "7000"}, action="next")
    approve(unit, submitted(agent_client, application))
    january = YearMonth(YEAR, 1)
    first = InsuranceRelation.objects.get(person=staff[0])
    periods = list(BasePeriod.objects.filter(relation=first).order_by("valid_from"))
    assert [(str(p.valid_from), p.base, p.clamp) for p in periods] == [
        ("2014-10", Decimal("6800.00"), ""),
        (str(january), Decimal("5100.00"), "floor"),
    ]
    assert periods[1].wage == Decimal("4000.00") and periods[1].application == application
    assert first.contribution_base == Decimal("5100.00")
    second = BasePeriod.objects.get(relation__person=staff[1], valid_from=january)
    assert (second.base, second.clamp) == (Decimal("25500.00"), "cap")
    joined = list(BasePeriod.objects.filter(relation__person=staff[2]))
    assert [(str(p.valid_from), p.base) for p in joined] == [(f"{YEAR}-03", Decimal("7000.00"))]
    # The year is done: it cannot be opened again, and nothing was overwritten.
    response = agent_client.post("/contributions/declaration/")
    assert response.status_code == 400 and "已核定" in response.content.decode()
    assert BasePeriod.objects.count() == 5  # two each for the two, one for who joined


def test_r13_1_approval_reprices_the_years_unpaid_months_and_not_the_paid(agent_client, unit):
    """Later contributions use the approved base: the months of the year billed and still
    unpaid are priced again; a paid month and last year's months stay as collected."""
    from contributions import billing
    from roster.models import Contribution

    staff = persons(unit, 2)
    relation = InsuranceRelation.objects.get(person=staff[0])
    InsuranceRelation.objects.filter(pk=relation.pk).update(start_month=YearMonth(YEAR - 1, 11))
    for month in YearMonth(YEAR - 1, 11).iter_through(YearMonth(YEAR, 2)):
        billing.bill_month(month)
    Contribution.objects.filter(month=YearMonth(YEAR, 2), person=staff[0]).update(status="paid")
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "9000", 2: "7000"}, action="next")
    approve(unit, submitted(agent_client, application))
    months = Contribution.objects.filter(person=staff[0], month__gte=YearMonth(YEAR - 1, 11))
    months = months.order_by("month")
    assert [(str(c.month), c.base, c.unit_amount, c.status) for c in months] == [
        (f"{YEAR - 1}-11", Decimal("6800.00"), Decimal("1088.00"), "due"),
        (f"{YEAR - 1}-12", Decimal("6800.00"), Decimal("1088.00"), "due"),
        (f"{YEAR}-01", Decimal("9000.00"), Decimal("1440.00"), "due"),
        (f"{YEAR}-02", Decimal("6800.00"), Decimal("1088.00"), "paid"),
    ]
    march = billing.bill_month(YearMonth(YEAR, 3))  # who joined in March is on record
    assert (march.created, march.existing) == (1, 1)
    march = Contribution.objects.get(person=staff[0], month=YearMonth(YEAR, 3))
    assert (march.base, march.personal_amount) == (Decimal("9000.00"), Decimal("720.00"))


def test_r13_1_approval_refused_when_the_year_is_on_record_already(agent_client, unit):
    staff = persons(unit, 2)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "8000", 2: "8000"}, action="next")
    submitted(agent_client, application)
    relation = InsuranceRelation.objects.get(person=staff[0])
    BasePeriod.objects.create(relation=relation, valid_from=YearMonth(YEAR, 1), base=9000)
    with pytest.raises(ValidationError, match="已有记录"):
        services.declaration_approve(application)
    assert BasePeriod.objects.count() == 1


def test_r13_1_a_joiner_whose_start_is_on_record_is_refused_not_mixed_up(agent_client, unit):
    """Who joined during the year is declared from the month they started; a period on record
    for that month is refused like January's, and no other person's period takes the wage."""
    staff = persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "8000", 2: "8000", 3: "7000"}, action="next")
    submitted(agent_client, application)
    joiner = InsuranceRelation.objects.get(person=staff[2])
    BasePeriod.objects.create(relation=joiner, valid_from=YearMonth(YEAR, 3), base=6000)
    with pytest.raises(ValidationError, match="新入职"):
        services.declaration_approve(application)
    assert list(BasePeriod.objects.values_list("base", flat=True)) == [Decimal("6000.00")]


def test_r13_1_wage_page_takes_the_same_queries_for_10_or_60_persons(agent_client, unit):
    for n in range(1, 11):
        add_person(unit, n, months=12)
    application = open_declaration(agent_client)
    url = f"/progress/{application.pk}/wages/"
    agent_client.get(url)
    with CaptureQueriesContext(connection) as few:
        agent_client.get(url)
    Application.objects.all().delete()
    for n in range(11, 61):
        add_person(unit, n, months=12)
    application = open_declaration(agent_client)
    url = f"/progress/{application.pk}/wages/"
    agent_client.get(url)
    with CaptureQueriesContext(connection) as many:
        agent_client.get(url)
    assert len(many) == len(few)


def test_r13_1_the_contribution_base_notice_pdf(agent_client, unit, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "4000", 2: "30000", 3: "7000"}, action="next")
    approve(unit, submitted(agent_client, application))
    page = agent_client.get("/contributions/declaration/").content.decode()
    assert "下载缴费基数核定单" in page
    response = agent_client.get(f"/contributions/declaration/{application.pk}/notice.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "缴费基数核定单" in text and "5,100.00" in text and "按下限" in text
    again = agent_client.get(f"/contributions/declaration/{application.pk}/notice.pdf")
    assert again.content == response.content  # one PDF per content
    from roster.models import Certificate

    code = Certificate.objects.get(kind="bases").code
    verified = agent_client.get(f"/verify/?code={code}").content.decode()
    assert "缴费基数核定单" in verified and "证明真实有效" in verified


def test_r13_1_a_zero_read_from_a_workbook_stays_in_its_field():
    """What was typed or read is shown as it was, 0 too (the message beside it says why)."""
    from contributions.declaration import WagePageForm
    from contributions.templatetags.contribution_tags import wage_cells
    from progress.models import CaseRow

    row = CaseRow(line=1, name="员工001", data={"personal_code": "1", "last_base": "6800.00"})
    for typed, shown in ((0, 0), ("0", "0"), (None, ""), ("8000", "8000")):
        form = WagePageForm(initial={"wage_1": typed}, rows=[row])
        assert wage_cells([(row, None)], form)[0]["typed"] == shown
    bound = WagePageForm({"wage_1": "八千"}, rows=[row])
    cells = wage_cells([(row, None)], bound)[0]
    assert cells["typed"] == "八千" and "请按元填写工资" in str(cells["errors"][0])
