"""R-13.1 by Excel: the declaration's persons downloaded as a workbook, filled and uploaded
through the batch machinery, give the same declaration as the form; wrong rows are reported
with the error copy and take nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions.models import BasePeriod
from tests.contributions.test_declaration import (
    _wages_and_window,  # noqa: F401 (fixture)
    approve,
    open_declaration,
    persons,
    save,
    submitted,
)

pytestmark = pytest.mark.django_db


def filled(client, application, wages, edit=None):
    response = client.get(f"/contributions/declaration/{application.pk}/workbook.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["缴费工资申报"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["个人代码", "姓名", "证件号码", "上年缴费基数", "上年度月平均工资"]
    column = headers.index("上年度月平均工资") + 1
    for line, wage in wages.items():
        sheet.cell(row=line + 1, column=column, value=wage)
    if edit:
        edit(sheet)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, application, content):
    application.refresh_from_db()
    return client.post(
        f"/progress/{application.pk}/wages/",
        {
            "action": "upload",
            "version": application.version,
            "file": SimpleUploadedFile("工资.xlsx", content),
        },
    )


def periods():
    return sorted(
        (p.relation.person.personal_code, str(p.valid_from), p.wage, p.base, p.clamp)
        for p in BasePeriod.objects.select_related("relation__person")
    )


def test_r13_1_form_and_excel_give_the_same_declaration(agent_client, unit):
    persons(unit, 3)
    wages = {1: "4000", 2: "30000", 3: "8650.5"}
    application = open_declaration(agent_client)
    save(agent_client, application, wages, action="next")
    approve(unit, submitted(agent_client, application))
    by_form = periods()
    BasePeriod.objects.all().delete()
    from roster.models import InsuranceRelation

    InsuranceRelation.objects.update(contribution_base="6800.00")
    application.delete()

    application = open_declaration(agent_client)
    content = filled(agent_client, application, {1: 4000, 2: 30000.0, 3: 8650.5})
    assert upload(agent_client, application, content).status_code == 302
    application.refresh_from_db()
    assert {k: v for k, v in application.data.items() if k.startswith("wage_")} == {
        "wage_1": "4000",
        "wage_2": "30000",
        "wage_3": "8650.5",
    }
    # 下一步 posts the page as it shows the wages the workbook brought.
    shown = {line: application.data[f"wage_{line}"] for line in (1, 2, 3)}
    assert save(agent_client, application, shown, action="next").status_code == 302
    approve(unit, submitted(agent_client, application))
    by_excel = periods()
    assert [row[1:] for row in by_excel] == [row[1:] for row in by_form]


def test_r13_1_wrong_rows_take_nothing_and_come_back_marked(agent_client, unit):
    persons(unit, 3)
    application = open_declaration(agent_client)
    save(agent_client, application, {1: "8000"})

    def spoil(sheet):
        sheet["B3"] = "别人"  # row 2's name changed
        sheet["A5"] = "360102999999"  # a person not in the declaration

    content = filled(agent_client, application, {1: "九千", 2: 7000, 3: 7000}, edit=spoil)
    upload(agent_client, application, content)
    application.refresh_from_db()
    assert (application.data["wage_1"], application.data["wage_2"]) == ("8000", "")
    assert application.data["upload"]["invalid"] == 3
    page = agent_client.get(f"/progress/{application.pk}/wages/").content.decode()
    assert "3行有误" in page and "不在本次申报" in page
    response = agent_client.get(f"/contributions/declaration/{application.pk}/errors.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["缴费工资申报"]
    assert sheet.cell(row=1, column=6).value == "错误说明"
    assert "请按元填写工资" in sheet.cell(row=2, column=6).value
    assert sheet.cell(row=5, column=6).value and sheet["A5"].fill.fgColor.rgb.endswith("FFC7CE")


def test_r13_1_another_units_declaration_workbook_is_not_found(agent_client, unit, other_unit):
    from django.test import Client

    from accounts.services import unit_account_open
    from tests.factories import AgentFactory

    persons(unit, 2)
    application = open_declaration(agent_client)
    account = unit_account_open(unit=other_unit, agent=AgentFactory(unit=other_unit))
    account.must_change_password = False
    account.save()
    client = Client()
    client.force_login(account)
    url = f"/contributions/declaration/{application.pk}/workbook.xlsx"
    assert client.get(url).status_code == 404
