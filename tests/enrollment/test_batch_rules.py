"""Issue 17: every row of a batch is checked with the single flows' rules, on both sides of each
boundary; approval gives each row its single case's effect, all or nothing; exclusivity with the
single flows both ways; unit isolation; a bounded number of queries however many rows."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enrollment import batch, batch_services, rules, services
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application, ApplicationEvent, CaseRow
from roster.models import InsuranceRelation, Person
from tests.enrollment.batch_helpers import (
    ADDITION,
    REDUCTION,
    addition_row,
    reduction_row,
    start,
    upload,
    workbook,
)
from tests.factories import PersonFactory, RetirementFactory, UnitFactory, UserFactory, resident_id
from tests.progress.conftest import attach_required
from tests.roster.conftest import add_person

pytestmark = pytest.mark.django_db
NEW_A = resident_id(birth=datetime.date(1996, 4, 2), sequence=11)  # a man, born 1996-04-02
NEW_B = resident_id(birth=datetime.date(1997, 8, 9), sequence=22)
THIS = YearMonth.current()


def addition_data(id_number=NEW_A, **values):
    """A row as the forms take it (the words of the workbook already read)."""
    row = {header_key(h): v for h, v in addition_row(id_number).items()}
    row["start_month"] = str(THIS)
    row.update(values)
    return batch.form_data(row, ADDITION.columns)


def header_key(header):
    return next(
        column.key for column in ADDITION.columns + REDUCTION.columns if column.header == header
    )


def check_one(unit, data, kind=ADDITION):
    (result,) = kind.check([(2, data)], unit=unit)
    return result


def problem_keys(result):
    return {key for key, _message in result.problems}


# --- additions: the rules of 在职人员增加, row by row --------------------------------------
@pytest.mark.parametrize(
    ("base", "ok"), [("5099.99", False), ("5100", True), ("25500", True), ("25500.01", False)]
)
def test_r17_base_within_60_to_300_percent_of_last_years_wage(unit, base, ok):
    result = check_one(unit, addition_data(base=base))  # 2025: 8,500 → 5,100–25,500
    assert result.ok is ok
    if not ok:
        assert problem_keys(result) == {"base"} and "60%–300%" in result.problems[0][1]


@pytest.mark.parametrize(("offset", "ok"), [(-4, False), (-3, True), (1, True), (2, False)])
def test_r17_start_month_window(unit, offset, ok):
    result = check_one(unit, addition_data(start_month=str(THIS + offset)))
    assert result.ok is ok
    assert ok or problem_keys(result) == {"start_month"}


@pytest.mark.parametrize(
    ("sex", "birth", "wrong"),
    [
        ("男", "1996-04-02", set()),
        ("", "", set()),  # read from the ID
        ("女", "", {"sex"}),
        ("", "1996-04-03", {"birth_date"}),
    ],
)
def test_r17_sex_and_birth_date_against_the_resident_id(unit, sex, birth, wrong):
    result = check_one(unit, addition_data(sex=sex, birth_date=birth))
    assert problem_keys(result) == wrong
    if result.ok:
        assert (result.data["sex"], result.data["birth_date"]) == ("M", "1996-04-02")


def test_r17_check_digit_and_a_passport_holder_types_sex_and_birth(unit):
    wrong_digit = NEW_A[:-1] + ("0" if NEW_A[-1] != "0" else "1")
    assert problem_keys(check_one(unit, addition_data(wrong_digit))) == {"id_number"}
    passport = addition_data("E12345678", id_type="passport", sex="", birth_date="")
    assert problem_keys(check_one(unit, passport)) == {"sex", "birth_date"}
    typed = addition_data("E12345678", id_type="passport", sex="F", birth_date="1990-02-03")
    assert check_one(unit, typed).ok


def test_r17_decided_type_per_row_as_for_a_single_addition(unit):
    other = UnitFactory(code="360702100212")
    known = PersonFactory(name="赵新参", id_number=NEW_B)
    suspended = add_person(other, 5, status="suspended")
    rows = [
        (2, addition_data(NEW_A)),
        (3, addition_data(NEW_B, name="赵新参")),
        (4, addition_data(suspended.id_number, name=suspended.name)),
    ]
    results = ADDITION.check(rows, unit=unit)
    assert [r.data["type"] for r in results] == [
        "new_registration",
        "new_insurance",
        "continuation",
    ]
    assert [r.person for r in results] == [None, known, suspended]


def test_r17_refusals_of_a_single_addition_name_no_unit(unit):
    other = UnitFactory(code="360702100212", name="九江市某局")
    active = add_person(other, 6)
    retired = add_person(other, 7, status="ended")
    RetirementFactory(person=retired, unit=other)
    dead = PersonFactory(id_number=NEW_B, death_date=datetime.date(2025, 1, 1))
    rows = [
        (2, addition_data(active.id_number, name=active.name)),
        (3, addition_data(retired.id_number, name=retired.name)),
        (4, addition_data(NEW_B, name=dead.name)),
        (5, addition_data(add_person(other, 8).id_number, name="不是这个名字")),
    ]
    results = ADDITION.check(rows, unit=unit)
    expected = [rules.REFUSED_ACTIVE, rules.REFUSED_RETIRED, rules.REFUSED_DECEASED]
    expected.append(rules.REFUSED_NAME_MISMATCH)
    for result, refusal in zip(results, expected, strict=True):
        assert result.problems == [("id_number", str(services.REFUSALS[refusal]))]
    assert not any("九江" in message for r in results for _k, message in r.problems)


def test_r17_same_person_twice_in_one_file(unit):
    results = ADDITION.check([(2, addition_data()), (7, addition_data())], unit=unit)
    assert results[0].ok and results[1].problems == [("id_number", "与第2行是同一人。")]


def test_r17_an_id_with_an_open_single_addition_is_refused_and_the_other_way(agent_client, unit):
    agent_client.post(
        "/enrollment/add/", {"id_type": "resident_id", "id_number": NEW_A, "name": "孙新人"}
    )
    assert Application.objects.filter(business_code="staff_addition").exists()
    result = check_one(unit, addition_data())
    assert "已有正在办理" in result.problems[0][1] or "正在办理" in result.problems[0][1]
    # A batch holding NEW_B: a single addition of NEW_B is refused.
    application = start(agent_client)
    upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_B, name="李新人")]))
    assert CaseRow.objects.filter(id_number=NEW_B).exists()
    response = agent_client.post(
        "/enrollment/add/", {"id_type": "resident_id", "id_number": NEW_B, "name": "李新人"}
    )
    assert response.status_code == 200 and "正在办理" in response.content.decode()
    assert not Application.objects.filter(subject_id_number=NEW_B).exists()


# --- reductions ------------------------------------------------------------------------------
def reduction_data(person, **values):
    row = {header_key(h): v for h, v in reduction_row(person).items()}
    row["stop_month"] = str(THIS)
    row.update(values)
    return batch.form_data(row, REDUCTION.columns)


@pytest.mark.parametrize(
    ("month", "ok"),
    [("2016-06", False), ("2016-07", True), (str(THIS + 1), True), (str(THIS + 2), False)],
)
def test_r17_stop_month_window_as_for_a_single_reduction(unit, month, ok):
    person = add_person(unit, 3)  # paid 2014-10 … 2016-09: from 2016-07 on
    result = check_one(unit, reduction_data(person, stop_month=month), REDUCTION)
    assert result.ok is ok
    assert ok or problem_keys(result) == {"stop_month"}


def test_r17_reduction_reason_other_needs_words(unit):
    person = add_person(unit, 3)
    bare = check_one(unit, reduction_data(person, reason="other"), REDUCTION)
    assert problem_keys(bare) == {"reason_other"}
    said = check_one(unit, reduction_data(person, reason="other", reason_other="借调"), REDUCTION)
    assert said.ok and said.data["reason"] == "other"
    assert problem_keys(check_one(unit, reduction_data(person, reason="离家出走"), REDUCTION)) == {
        "reason"
    }


def test_r17_a_person_of_another_unit_is_refused_without_naming_it(unit):
    other = UnitFactory(code="360702100212", name="九江市某局")
    theirs = add_person(other, 9)
    result = check_one(unit, reduction_data(theirs), REDUCTION)
    assert problem_keys(result) == {"id_number"}
    assert "不是本单位" in result.problems[0][1] or "本单位" in result.problems[0][1]
    assert "九江" not in result.problems[0][1]


def test_r17_reduction_refused_beside_a_pension_claim_and_the_other_way(agent_client, unit):
    claimed, leaving = add_person(unit, 3), add_person(unit, 4)
    Application.objects.create(unit=unit, business_code="pension_claim", person=claimed)
    result = check_one(unit, reduction_data(claimed), REDUCTION)
    assert "养老金" in result.problems[0][1]
    application = start(agent_client, "reduce")
    upload(agent_client, application, workbook(REDUCTION, [reduction_row(leaving)]))
    assert CaseRow.objects.get(application=application).person == leaving
    # The single reduction and the pension claim see the batch's row.
    with pytest.raises(Exception, match="批量减员"):
        services.reduction_start(unit=unit, person=leaving, by=unit.account)
    assert case_services.exclusive_case_problem(person=leaving, business="pension_claim")


# --- one case for the batch --------------------------------------------------------------------
def submitted_batch(client, unit, kind, rows, sheet=ADDITION):
    application = start(client, kind)
    upload(client, application, workbook(sheet, rows))
    application.refresh_from_db()
    assert application.data["upload"]["invalid"] == 0, application.data["upload"]["problems"]
    attach_required(application)
    application.refresh_from_db()
    response = client.post(f"/progress/{application.pk}/submit/", {"version": application.version})
    assert response.status_code == 302, case_services.submit_problems(application)
    application.refresh_from_db()
    assert application.status == "submitted"
    return application


def staff(unit):
    client = Client()
    client.force_login(UserFactory(username="guitai_batch", county=unit.county))
    return client


def snapshot(id_numbers):
    """What the roster holds of these persons: their fields and insurance relations."""
    persons = Person.objects.filter(id_number__in=id_numbers).order_by("id_number")
    return [
        (
            p.id_number, p.personal_code, p.name, p.sex, p.birth_date, p.ethnicity,
            p.household_type, p.education, p.work_start_date, p.staff_category, p.phone,
            [
                (r.unit_id, r.status, str(r.start_month), str(r.end_month or ""),
                 r.contribution_base, r.occupational_annuity)
                for r in InsuranceRelation.objects.filter(person=p).order_by("start_month", "id")
            ],
        )
        for p in persons
    ]  # fmt: skip


def test_r17_a_batch_and_the_same_rows_one_by_one_leave_identical_rosters(agent_client, unit):
    other = UnitFactory(code="360702100212")
    PersonFactory(name="赵新参", id_number=NEW_B)
    suspended = add_person(other, 5, status="suspended")
    rows = [
        addition_row(NEW_A),
        addition_row(NEW_B, name="赵新参"),
        addition_row(suspended.id_number, name=suspended.name),
    ]
    application = submitted_batch(agent_client, unit, "add", rows)
    ids = [NEW_A, NEW_B, suspended.id_number]
    cases = [(row.data, row.person) for row in application.rows.order_by("line")]
    with transaction.atomic():
        response = staff(unit).post(
            f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
        )
        assert response.status_code == 302
        by_batch = snapshot(ids)
        assert len(by_batch) == 3 and all(person[-1][-1][1] == "active" for person in by_batch)
        transaction.set_rollback(True)
    for data, person in cases:
        single = Application.objects.create(
            unit=unit, business_code="staff_addition", person=person, data=data
        )
        services.addition_approve(application=single, by=None, data={})
    assert snapshot(ids) == by_batch


def test_r17_batch_reduction_leaves_the_roster_as_single_reductions(agent_client, unit):
    leaving = [add_person(unit, n) for n in (3, 4)]
    rows = [reduction_row(leaving[0]), reduction_row(leaving[1], **{"减员原因": "死亡"})]
    application = submitted_batch(agent_client, unit, "reduce", rows, sheet=REDUCTION)
    cases = [(row.person, row.data) for row in application.rows.order_by("line")]
    ids = [person.id_number for person in leaving]
    with transaction.atomic():
        staff(unit).post(
            f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
        )
        by_batch = snapshot(ids)
        assert [p[-1][0][1] for p in by_batch] in (["suspended", "ended"], ["ended", "suspended"])
        transaction.set_rollback(True)
    for person, data in cases:
        single = Application.objects.create(
            unit=unit, business_code="staff_reduction", person=person, data=data
        )
        services.reduction_approve(application=single, by=None, data={})
    assert snapshot(ids) == by_batch
    assert leaving[0].name not in agent_client.get("/roster/active/").content.decode()


def test_r17_one_row_failing_at_approval_rolls_the_whole_batch_back(agent_client, unit):
    rows = [addition_row(NEW_A), addition_row(NEW_B, name="李新人")]
    application = submitted_batch(agent_client, unit, "add", rows)
    PersonFactory(id_number=NEW_B, name="李新人")  # registered elsewhere meanwhile
    reviewer = staff(unit)
    response = reviewer.post(
        f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
    )
    assert response.status_code == 302 and response.url == f"/backoffice/reviews/{application.pk}/"
    assert "第3行" in reviewer.get(response.url).content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not Person.objects.filter(id_number=NEW_A).exists()
    assert not InsuranceRelation.objects.filter(unit=unit).exists()
    # And the apply itself is all or nothing when a later row cannot be applied.
    with pytest.raises(Exception, match="参保缴费"):
        services.additions_apply(
            unit=unit,
            rows=[(r.data, r.person) for r in application.rows.order_by("line")],
        )


def test_r17_staff_review_the_rows_paged_and_approval_fills_the_roster(agent_client, unit):
    rows = [addition_row(NEW_A), addition_row(NEW_B, name="李新人")]
    application = submitted_batch(agent_client, unit, "add", rows)
    reviewer = staff(unit)
    html = reviewer.get(f"/backoffice/reviews/{application.pk}/").content.decode()
    assert "批量增员" in html and "共2人" in html and "新登记 2" in html
    assert "孙新人" in html and "李新人" in html and "事业编制" in html
    reviewer.post(
        f"/backoffice/reviews/{application.pk}/approve/", {"version": application.version}
    )
    roster = agent_client.get("/roster/active/").content.decode()
    assert "孙新人" in roster and "李新人" in roster
    assert set(CaseRow.objects.values_list("person__id_number", flat=True)) == {NEW_A, NEW_B}
    case_page = agent_client.get(f"/progress/{application.pk}/").content.decode()
    assert "审核通过" in case_page and "孙新人" in case_page


def test_r17_rows_are_paged_on_the_case_page(agent_client, unit):
    application = start(agent_client)
    CaseRow.objects.bulk_create(
        CaseRow(application=application, line=n, id_number=f"X{n}", name=f"人员{n:03d}",
                data={"type": "new_registration", "name": f"人员{n:03d}"})
        for n in range(2, 62)
    )  # fmt: skip
    first = agent_client.get(f"/progress/{application.pk}/").content.decode()
    second = agent_client.get(f"/progress/{application.pk}/?page=2").content.decode()
    assert "人员002" in first and "人员052" not in first
    assert "人员052" in second and "人员061" in second and "共 60 条" in second


def test_r17_double_start_and_double_submit_give_one_case(agent_client, unit):
    first, second = start(agent_client), start(agent_client)
    assert first == second and Application.objects.count() == 1
    application = submitted_batch(agent_client, unit, "add", [addition_row(NEW_A)])
    agent_client.post(f"/progress/{application.pk}/submit/", {"version": application.version - 1})
    events = ApplicationEvent.objects.filter(application=application, action="submitted")
    assert events.count() == 1 and Application.objects.count() == 1


def test_r17_a_stale_tab_uploads_nothing(agent_client, unit):
    application = start(agent_client)
    upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_A)]))
    application.refresh_from_db()
    response = agent_client.post(
        f"/progress/{application.pk}/file/",
        {
            "action": "upload",
            "version": application.version - 1,
            "file": __import__("tests.enrollment.batch_helpers", fromlist=["xlsx"]).xlsx(
                workbook(ADDITION, [addition_row(NEW_B, name="李新人")])
            ),
        },
    )
    assert response.status_code == 400 and "另一个窗口" in response.content.decode()
    assert list(CaseRow.objects.values_list("id_number", flat=True)) == [NEW_A]


def test_r17_submit_rechecks_the_rows_and_a_returned_batch_takes_a_new_file(agent_client, unit):
    application = start(agent_client)
    upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_A)]))
    attach_required(application)
    PersonFactory(id_number=NEW_A, name="孙新人")  # now on record: a 新参保, not a 新登记
    application.refresh_from_db()
    response = agent_client.post(
        f"/progress/{application.pk}/submit/", {"version": application.version}
    )
    assert response.status_code == 400 and "第2行" in response.content.decode()
    upload(agent_client, application, workbook(ADDITION, [addition_row(NEW_A)]))
    assert CaseRow.objects.get().data["type"] == "new_insurance"


# --- a bounded number of queries -----------------------------------------------------------------
def _queries(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_r17_checking_rows_takes_the_same_queries_for_5_or_40_rows(unit):
    def rows(n):
        return [
            (line, addition_data(resident_id(birth=datetime.date(1990, 1, 1), sequence=line)))
            for line in range(2, n + 2)
        ]

    few, many = rows(5), rows(40)
    assert _queries(lambda: ADDITION.check(few, unit=unit)) == _queries(
        lambda: ADDITION.check(many, unit=unit)
    )
    leaving = [add_person(unit, n) for n in range(3, 43)]
    few = [(n, reduction_data(p)) for n, p in enumerate(leaving[:5], start=2)]
    many = [(n, reduction_data(p)) for n, p in enumerate(leaving, start=2)]
    assert _queries(lambda: REDUCTION.check(few, unit=unit)) == _queries(
        lambda: REDUCTION.check(many, unit=unit)
    )


def test_r17_approving_takes_the_same_queries_for_5_or_40_rows(unit):
    def apply(n, offset):
        rows = [
            (addition_data(resident_id(birth=datetime.date(1991, 1, 1), sequence=offset + i)), None)
            for i in range(n)
        ]
        checked = ADDITION.check([(i + 2, data) for i, (data, _p) in enumerate(rows)], unit=unit)
        cases = [(result.data, None) for result in checked]
        return _queries(lambda: services.additions_apply(unit=unit, rows=cases))

    assert apply(5, 100) == apply(40, 200)
    assert Person.objects.count() == 45


def test_r17_batch_steps_and_guide(agent_client, unit):
    home = agent_client.get("/").content.decode()
    assert "批量增员" in home and "批量减员" in home
    start_page = agent_client.get("/enrollment/batch/add/").content.decode()
    assert "下载名册模板" in start_page and "缴费基数（元）" in start_page
    guide = agent_client.get("/progress/guides/batch_addition/").content.decode()
    assert "加盖公章的增员名册" in guide and "最多1000人" in guide
    assert batch_services.KINDS[services.BATCH_REDUCTION].sheet == "减员名册"


def test_r17_a_returned_batch_is_corrected_by_a_new_file_and_resubmitted(agent_client, unit):
    application = submitted_batch(agent_client, unit, "add", [addition_row(NEW_A)])
    reference = application.reference
    reviewer = staff(unit)
    reviewer.post(
        f"/backoffice/reviews/{application.pk}/reject/",
        {"version": application.version, "reason": "请补充李新人"},
    )
    application.refresh_from_db()
    assert application.status == "rejected"
    page = agent_client.get(f"/progress/{application.pk}/file/").content.decode()
    assert "请补充李新人" in page and "上传并校验" in page
    rows = [addition_row(NEW_A), addition_row(NEW_B, name="李新人")]
    upload(agent_client, application, workbook(ADDITION, rows))
    application.refresh_from_db()
    assert application.subject_name == "共2人" and application.rows.count() == 2
    response = agent_client.post(
        f"/progress/{application.pk}/submit/", {"version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.reference == reference
    receipt = agent_client.get(f"/progress/{application.pk}/receipt/")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
