"""Issue 13, privacy: an ID number alone reveals nothing about a person on record. 在职人员增加
asks for the name too; a person on record goes on only when it matches, and a mismatch says
nothing of them — not their name, status or unit."""

import pytest

from enrollment.rules import same_name
from portal.identity import resident_id_with_check_digit
from progress.models import Application
from tests.enrollment.test_addition import start
from tests.factories import UnitFactory
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
MISMATCH = "姓名与该证件号码登记的姓名不一致"
NEW_ID = resident_id_with_check_digit("36010219980315011")


@pytest.mark.parametrize(
    ("recorded", "typed", "same"),
    [
        ("王芳", "王芳", True),
        ("王芳", " 王 芳 ", True),
        ("阿依古丽·买买提", "阿依古丽•买买提", True),  # the middle dot as typed on a phone
        ("阿依古丽·买买提", "阿依古丽・买买提", True),
        ("JOHN SMITH", "John Smith", True),
        ("ＡＢＣ", "ABC", True),  # full-width letters after NFKC
        ("王芳", "王方", False),
        ("王芳", "王芳芳", False),
        ("王芳", "", False),
        ("", "", False),
    ],
)
def test_same_name_both_sides(recorded, typed, same):
    assert same_name(recorded, typed) is same


@pytest.fixture
def former(unit):
    other = UnitFactory(code="360702100212", name="赣州市章贡区某局")
    return add_person(other, 5, name="钱旧员", status="suspended")


def test_a_former_employee_is_not_revealed_by_the_id_number_alone(agent_client, former):
    html = start(agent_client, former.id_number, name="张三").content.decode()
    assert MISMATCH in html
    assert "钱旧员" not in html and "赣州市章贡区某局" not in html
    assert not Application.objects.exists()


def test_the_right_name_confirms_a_continuation(agent_client, former):
    response = start(agent_client, former.id_number, name=" 钱 旧员")
    application = Application.objects.get()
    assert response.url == f"/progress/{application.pk}/details/"
    assert application.data["type"] == "continuation" and application.person == former
    assert application.subject_name == "钱旧员"


def test_a_wrong_name_does_not_tell_that_the_person_is_insured_elsewhere(agent_client, unit):
    active = add_person(UnitFactory(code="360702100213"), 6, name="孙在职")
    html = start(agent_client, active.id_number, name="李四").content.decode()
    assert MISMATCH in html and "正在参保缴费" not in html and "孙在职" not in html
    assert "正在参保缴费" in start(agent_client, active.id_number, name="孙在职").content.decode()


def test_a_new_person_keeps_the_typed_name_in_lists_and_on_the_form(agent_client, unit):
    response = start(agent_client, NEW_ID, name="孙新人")
    application = Application.objects.get()
    assert application.subject_name == "孙新人"
    assert 'value="孙新人"' in agent_client.get(response.url).content.decode()


def test_the_name_is_required(agent_client, unit):
    response = start(agent_client, NEW_ID, name="")
    assert response.status_code == 200 and "姓名" in response.content.decode()
    assert not Application.objects.exists()
