"""R-7.1 … R-7.8: the claim's steps driven through the pages, without JavaScript."""

import pytest

from portal.yearmonth import YearMonth
from progress.models import Application
from tests.pension.conftest import retiring_person, statutory_of

pytestmark = pytest.mark.django_db


def start(client, person):
    return client.post("/pension/", {"personal_code": person.personal_code})


def claim_of(person) -> Application:
    return Application.objects.get(person=person, business_code="pension_claim")


def step_url(claim, step):
    return f"/progress/{claim.pk}/{step}/"


def basic_post(claim, **overrides):
    values = {
        "version": claim.version,
        "work_start": "1988-08-01",
        "staff_category": "cadre",
        "retirement_type": "normal",
        "salary_2014_title": "科员",
        "salary_2014_post": "1200",
        "salary_2014_grade": "1500.50",
        "salary_now_title": "四级调研员",
        "salary_now_post": "2600",
        "salary_now_grade": "2900",
        "service_years": "37",
        "service_months": "3",
        "action": "next",
    }
    values.update(overrides)
    return values


def rows(key, *entries):
    """Hidden fields for rows already in the table (a formset with its management form)."""
    data = {f"{key}-TOTAL_FORMS": str(len(entries)), f"{key}-INITIAL_FORMS": "0"}
    for index, entry in enumerate(entries):
        for name, value in entry.items():
            data[f"{key}-{index}-{name}"] = value
    return data


def through_history(client, person):
    start(client, person)
    claim = claim_of(person)
    client.post(step_url(claim, "history"), {"version": claim.version})
    claim.refresh_from_db()
    return claim


def test_r7_1_list_offers_claim_and_searches_by_name_and_code(agent_client, unit):
    person = retiring_person(unit, 1, name="王退休")
    other = retiring_person(unit, 2, name="李在职", months_ahead=30)
    page = agent_client.get("/pension/").content.decode()
    assert person.name in page and other.name in page and "申领" in page
    by_name = agent_client.get("/pension/", {"name": "王退"}).content.decode()
    assert person.name in by_name and other.name not in by_name
    by_code = agent_client.get("/pension/", {"personal_code": other.personal_code}).content.decode()
    assert other.name in by_code and person.name not in by_code


def test_r7_1_eligible_person_opens_the_claim_at_step_two(agent_client, unit):
    person = retiring_person(unit)
    response = start(agent_client, person)
    claim = claim_of(person)
    assert response.status_code == 302 and response["Location"] == step_url(claim, "history")
    assert claim.status == "draft"


def test_r7_1_refusal_names_each_reason_on_the_same_page(agent_client, unit):
    person = retiring_person(unit, months_ahead=30, due_months=2, name="赵欠费")
    response = start(agent_client, person)
    html = response.content.decode()
    assert response.status_code == 400
    assert "应缴未缴" in html and "最早可退休年月" in html
    assert not Application.objects.filter(person=person).exists()


def test_r7_1_claim_is_offered_only_within_the_window(agent_client, unit, settings):
    settings.PENSION_CLAIM_WINDOW_MONTHS = 3
    # Earliest retirement (age 60 under 弹性提前) vs. the three-month window: both sides.
    inside = retiring_person(unit, 1, months_ahead=3, name="甲")
    assert start(agent_client, inside).status_code == 302
    outside = retiring_person(unit, 2, months_ahead=40, name="乙")
    assert start(agent_client, outside).status_code == 400


def test_r7_1_double_click_opens_one_claim_and_list_then_says_continue(agent_client, unit):
    person = retiring_person(unit)
    start(agent_client, person)
    start(agent_client, person)
    assert Application.objects.filter(person=person).count() == 1
    html = agent_client.get("/pension/").content.decode()
    assert f"/progress/{claim_of(person).pk}/edit/" in html and "继续填写" in html


def test_another_units_person_and_claim_are_404(agent_client, unit, other_unit):
    foreign = retiring_person(other_unit, 5, name="外单位")
    assert start(agent_client, foreign).status_code == 404
    from progress import services as case_services

    claim = case_services.application_create(
        unit=other_unit, business_code="pension_claim", by=None, person=foreign
    )
    assert agent_client.get(step_url(claim, "history")).status_code == 404


def test_r7_2_history_shows_paid_deemed_and_totals(agent_client, unit):
    person = retiring_person(unit)
    start(agent_client, person)
    html = agent_client.get(step_url(claim_of(person), "history")).content.decode()
    assert "1988" in html and "2014" in html
    assert "最低缴费月数" in html and "视同" in html


def test_steps_go_in_order_on_the_server(agent_client, unit):
    person = retiring_person(unit)
    start(agent_client, person)
    claim = claim_of(person)
    response = agent_client.get(step_url(claim, "bank"))
    assert response.status_code == 302 and response["Location"] == step_url(claim, "history")


def test_r7_3_first_entry_prefills_from_the_person(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    html = agent_client.get(step_url(claim, "basic")).content.decode()
    assert 'value="1988-08-01"' in html and person.name in html
    assert str(statutory_of(person)) in html  # the statutory month, with its rule


def test_r7_3_next_saves_and_moves_on(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    response = agent_client.post(step_url(claim, "basic"), basic_post(claim))
    assert response.status_code == 302 and response["Location"] == step_url(claim, "special_jobs")
    claim.refresh_from_db()
    assert claim.data["done"] == ["history", "basic"]
    assert claim.data["basic"]["retirement_month"] == str(statutory_of(person))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"service_years": "14", "service_months": "11"}, "至少满 15 年"),
        ({"service_months": "12"}, "月数为 0 至 11"),
        ({"service_years": "45"}, "长于从参加工作到退休"),
        ({"salary_2014_post": ""}, "请输入职务（岗位）工资（元）"),
        ({"salary_2014_post": "abc"}, "输入一个数字"),
        ({"work_start": "1988-13-01"}, "YYYY-MM-DD格式"),
        ({"retirement_type": "flexible_late"}, "选择退休年月"),
    ],
)
def test_r7_3a_next_refuses_bad_input_and_keeps_it(agent_client, unit, overrides, message):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    response = agent_client.post(step_url(claim, "basic"), basic_post(claim, **overrides))
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "四级调研员" in html  # the rest of the input is still there
    claim.refresh_from_db()
    assert "basic" not in claim.data.get("done", [])


def test_r7_3a_fifteen_years_exactly_passes(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    response = agent_client.post(
        step_url(claim, "basic"), basic_post(claim, service_years="15", service_months="0")
    )
    assert response.status_code == 302


def test_flexible_late_needs_the_units_agreement_and_a_month_in_range(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    late = str(statutory_of(person) + 12)
    values = basic_post(claim, retirement_type="flexible_late", retirement_month=late)
    html = agent_client.post(step_url(claim, "basic"), values).content.decode()
    assert "单位同意" in html
    too_late = str(statutory_of(person) + 37)
    values = basic_post(claim, retirement_type="flexible_late", retirement_month=too_late)
    values["unit_agrees"] = "on"
    assert "须在" in agent_client.post(step_url(claim, "basic"), values).content.decode()
    values["retirement_month"] = late
    assert agent_client.post(step_url(claim, "basic"), values).status_code == 302


def test_r7_3a_cumulative_months_after_deductions_must_reach_the_minimum(agent_client, unit):
    person = retiring_person(unit, deemed_months=40)
    claim = through_history(agent_client, person)
    paid = YearMonth(2014, 10).months_through(YearMonth.current() - 1)
    months_then = paid + 40 + (statutory_of(person) - YearMonth.current())
    spare = months_then - 180  # the deduction that leaves exactly 180 months

    def deduction(months):
        start = str(YearMonth(2014, 9) - (months - 1))
        return {"kind": "deduct", "start": start, "end": "2014-09", "reason": "重复计算"}

    enough = basic_post(claim, **rows("adjustments", deduction(spare)))
    assert agent_client.post(step_url(claim, "basic"), enough).status_code == 302
    claim.refresh_from_db()
    short = basic_post(claim, **rows("adjustments", deduction(spare + 1)))
    response = agent_client.post(step_url(claim, "basic"), short)
    assert response.status_code == 400 and "累计缴费 179 个月" in response.content.decode()


def test_r7_3_add_and_delete_rows_without_javascript(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    first = {"kind": "add", "start": "1985-01", "end": "1985-12", "reason": "知青"}
    entry = {
        "new-kind": "deduct",
        "new-start": "1990-01",
        "new-end": "1990-06",
        "new-reason": "借调",
    }
    response = agent_client.post(
        step_url(claim, "basic"),
        basic_post(claim, action="add", salary_now_title="", **rows("adjustments", first), **entry),
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    # The new row is in the table; the earlier row (before work start) is kept as typed.
    assert 'name="adjustments-1-start" value="1990-01"' in html
    assert 'name="adjustments-0-start" value="1985-01"' in html
    assert "请输入" not in html  # adding a row does not validate the rest of the step
    second = {"kind": "deduct", "start": "1990-01", "end": "1990-06", "reason": "借调"}
    claim.refresh_from_db()
    assert claim.data["adjustments"] == [first, second]  # 增加 saved the table at once
    response = agent_client.post(
        step_url(claim, "basic"),
        basic_post(claim, action="delete-0", **rows("adjustments", first, second)),
        follow=True,
    )
    html = response.content.decode()
    assert 'name="adjustments-0-start" value="1990-01"' in html
    assert "adjustments-1-start" not in html
    claim.refresh_from_db()
    assert claim.data["adjustments"] == [second]  # and so did 删除


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"start": "1987-01", "end": "1987-12"}, "早于参加工作"),
        ({"start": "2014-01", "end": "2014-10"}, "超过了 2014-09"),
        ({"start": "1996-06", "end": "1995-01"}, "晚于结束年月"),
        ({"start": "1995-06", "end": "1995-08"}, "与其他行重叠"),
        ({"start": "1995-13", "end": "1996-01"}, "年月"),
    ],
)
def test_r7_3b_adjustment_row_rules(agent_client, unit, entry, message):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    existing = {"kind": "add", "start": "1995-01", "end": "1995-06", "reason": "借调"}
    new = {"new-kind": "deduct", "new-reason": "重复计算"}
    new.update({f"new-{key}": value for key, value in entry.items()})
    response = agent_client.post(
        step_url(claim, "basic"),
        basic_post(claim, action="add", **rows("adjustments", existing), **new),
    )
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "adjustments-1-start" not in html  # refused, the entry keeps what was typed
    assert f'value="{entry["start"]}"' in html


def test_r7_3b_adjustment_boundaries_are_allowed(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    entry = {
        "new-kind": "deduct",
        "new-start": "1988-08",
        "new-end": "2014-09",
        "new-reason": "档案",
    }
    response = agent_client.post(
        step_url(claim, "basic"), basic_post(claim, action="add", **entry), follow=True
    )
    assert response.status_code == 200
    assert 'name="adjustments-0-end" value="2014-09"' in response.content.decode()


def basic_done(client, person):
    claim = through_history(client, person)
    client.post(step_url(claim, "basic"), basic_post(claim))
    claim.refresh_from_db()
    return claim


def test_r7_4_special_jobs_may_be_empty_and_rows_stay_in_the_career(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    url = step_url(claim, "special_jobs")
    entry = {
        "new-name": "高空架线",
        "new-category": "heights_or_heavy",
        "new-start": "1987-01",
        "new-end": "1999-12",
        "new-employer": "省电力公司",
    }
    response = agent_client.post(url, {"version": claim.version, "action": "add", **entry})
    assert response.status_code == 400 and "早于参加工作" in response.content.decode()
    entry["new-start"] = "1988-08"
    response = agent_client.post(
        url, {"version": claim.version, "action": "add", **entry}, follow=True
    )
    assert 'name="special_jobs-0-name" value="高空架线"' in response.content.decode()
    claim.refresh_from_db()
    empty = agent_client.post(url, {"version": claim.version, "action": "next"})
    assert empty.status_code == 302 and empty["Location"] == step_url(claim, "positions")


def test_special_job_retirement_needs_enough_special_job_years(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    early = str(YearMonth.current())  # past 55, before the statutory month
    agent_client.post(
        step_url(claim, "basic"),
        basic_post(claim, retirement_type="special_job", retirement_month=early),
    )
    claim.refresh_from_db()
    assert "basic" in claim.data["done"]
    url = step_url(claim, "special_jobs")
    job = {
        "name": "井下采掘",
        "category": "underground_or_heat",
        "start": "1990-01",
        "end": "1998-11",  # 8 years 11 months: one month short of 9
        "employer": "萍乡矿务局",
        "approval": "",
    }
    short = agent_client.post(url, {"version": claim.version, **rows("special_jobs", job)})
    assert short.status_code == 400 and "至少需要 9 年" in short.content.decode()
    job["end"] = "1998-12"
    enough = agent_client.post(url, {"version": claim.version, **rows("special_jobs", job)})
    assert enough.status_code == 302


def test_r7_5_modify_loads_the_row_and_saves_it_back(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    agent_client.post(step_url(claim, "special_jobs"), {"version": claim.version})
    claim.refresh_from_db()
    url = step_url(claim, "positions")
    held = {
        "start": "2015-03",
        "end": "2019-12",
        "title": "副科长",
        "direction": "up",
        "document": "",
    }
    response = agent_client.post(
        url, {"version": claim.version, "action": "edit-0", **rows("positions", held)}, follow=True
    )
    html = response.content.decode()
    assert 'name="new-title" value="副科长"' in html and 'name="editing" value="0"' in html
    claim.refresh_from_db()
    response = agent_client.post(
        url,
        {
            "version": claim.version,
            "action": "update",
            "editing": "0",
            **rows("positions", held),
            "new-start": "2015-03",
            "new-end": "2019-12",
            "new-title": "科长",
            "new-direction": "up",
        },
        follow=True,
    )
    html = response.content.decode()
    assert 'name="positions-0-title" value="科长"' in html and "positions-1-title" not in html


def test_r7_5_one_change_a_year_from_2014_to_2024_and_no_overlap(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    agent_client.post(step_url(claim, "special_jobs"), {"version": claim.version})
    claim.refresh_from_db()
    url = step_url(claim, "positions")
    first = {"start": "2016-01", "end": "2016-05", "title": "科员", "direction": "up"}
    same_year = {"start": "2016-06", "end": "2017-12", "title": "副科长", "direction": "up"}
    html = agent_client.post(
        url, {"version": claim.version, **rows("positions", first, same_year)}
    ).content.decode()
    assert "每年至多变动一次" in html
    overlap = {"start": "2013-01", "end": "2016-02", "title": "办事员", "direction": "down"}
    html = agent_client.post(
        url, {"version": claim.version, **rows("positions", first, overlap)}
    ).content.decode()
    assert "与其他行重叠" in html
    next_year = {"start": "2017-01", "end": "", "title": "副科长", "direction": "up"}
    response = agent_client.post(
        url, {"version": claim.version, **rows("positions", first, next_year)}
    )
    assert response.status_code == 302


def through_positions(client, person):
    claim = basic_done(client, person)
    client.post(step_url(claim, "special_jobs"), {"version": claim.version})
    claim.refresh_from_db()
    client.post(step_url(claim, "positions"), {"version": claim.version})
    claim.refresh_from_db()
    return claim


def bank_post(claim, person, **overrides):
    values = {
        "version": claim.version,
        "bank": "中国建设银行",
        "holder": person.name,
        "number": "6222021234567890128",
        "number_repeat": "6222 0212 3456 7890 128",
    }
    values.update(overrides)
    return values


def test_r7_6_bank_account_rules(agent_client, unit):
    person = retiring_person(unit)
    claim = through_positions(agent_client, person)
    url = step_url(claim, "bank")
    html = agent_client.post(url, bank_post(claim, person, holder="别人")).content.decode()
    assert "开户人须为申领人本人" in html
    html = agent_client.post(
        url, bank_post(claim, person, number_repeat="6222021234567890129")
    ).content.decode()
    assert "两次输入的账号不一致" in html
    luhn = "6222021234567890127"
    response = agent_client.post(url, bank_post(claim, person, number=luhn, number_repeat=luhn))
    assert response.status_code == 400 and "核对" in response.content.decode()
    response = agent_client.post(
        url, bank_post(claim, person, number=luhn, number_repeat=luhn, luhn_checked="on")
    )
    assert response.status_code == 302  # a warning, not a block
    claim.refresh_from_db()
    assert claim.data["bank"]["number"] == luhn


def test_r7_8_save_draft_keeps_invalid_input_and_reopens_anywhere(agent_client, unit, client):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    values = basic_post(claim, action="save", service_years="99", salary_now_title="草稿职务")
    extra = {"kind": "deduct", "start": "1990-01", "end": "1990-03", "reason": "草稿"}
    response = agent_client.post(step_url(claim, "basic"), {**values, **rows("adjustments", extra)})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.data["basic"]["service_years"] == "99"
    assert "basic" not in claim.data["done"]  # saved, not accepted
    agent_client.post("/accounts/logout/")
    client.force_login(unit.account)  # another browser, after logging out
    opened = client.get(f"/progress/{claim.pk}/edit/", follow=True)
    html = opened.content.decode()
    assert 'value="草稿职务"' in html and 'value="99"' in html
    assert 'name="adjustments-0-reason" value="草稿"' in html


def test_r7_8_stale_tab_is_refused_and_keeps_the_typed_input(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    opened_version = claim.version  # two tabs open the step
    agent_client.post(step_url(claim, "basic"), basic_post(claim, action="save"))
    stale = basic_post(claim, action="save", salary_now_title="旧标签页的输入")
    stale["version"] = opened_version
    response = agent_client.post(step_url(claim, "basic"), stale)
    html = response.content.decode()
    assert response.status_code == 409 and "另一个窗口" in html
    assert 'value="旧标签页的输入"' in html
    claim.refresh_from_db()
    assert claim.data["basic"]["salary_now_title"] == "四级调研员"


def test_back_keeps_the_input(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    job = {
        "name": "高温作业",
        "category": "underground_or_heat",
        "start": "1990-01",
        "end": "1990-12",
        "employer": "钢厂",
        "approval": "",
    }
    response = agent_client.post(
        step_url(claim, "special_jobs"),
        {"version": claim.version, "action": "back", **rows("special_jobs", job)},
    )
    assert response["Location"] == step_url(claim, "basic")
    claim.refresh_from_db()
    assert claim.data["special_jobs"][0]["name"] == "高温作业"


def test_next_with_a_typed_row_not_added_keeps_it_and_asks(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    typed = {"new-name": "井下作业", "new-start": "1990-01"}
    response = agent_client.post(
        step_url(claim, "special_jobs"), {"version": claim.version, "action": "next", **typed}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "尚未加入表格" in html
    assert 'value="井下作业"' in html
    claim.refresh_from_db()
    assert "special_jobs" not in claim.data["done"]


def test_a_year_without_a_month_is_kept_not_a_crash(agent_client, unit):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    values = basic_post(claim, action="save", retirement_type="flexible_late")
    values.update({"retirement_month_0": "2031", "retirement_month_1": ""})
    assert agent_client.post(step_url(claim, "basic"), values).status_code == 302
    values.update({"action": "next", "version": claim.version + 1})
    response = agent_client.post(step_url(claim, "basic"), values)
    assert response.status_code == 400 and "同时选择年份和月份" in response.content.decode()


def test_a_corrected_work_start_in_another_date_format_bounds_the_rows(agent_client, unit):
    person = retiring_person(unit)  # recorded as starting 1988-08
    claim = through_history(agent_client, person)
    row = {"kind": "deduct", "start": "1989-01", "end": "1989-06", "reason": "x"}
    for typed, status in (("1990/01/15", 400), ("1989-01-01", 302)):
        claim.refresh_from_db()
        values = basic_post(claim, work_start=typed, **rows("adjustments", row))
        response = agent_client.post(step_url(claim, "basic"), values)
        assert response.status_code == status, typed
    claim.refresh_from_db()
    assert claim.data["basic"]["work_start"] == "1989-01-01"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"kind": "add", "start": "2012-01", "end": "2014-08"}, "已计入"),
        ({"kind": "deduct", "start": "1988-07", "end": "1988-08"}, "早于参加工作"),
    ],
)
def test_adjustments_cannot_count_a_month_twice(agent_client, unit, row, message):
    person = retiring_person(unit, deemed_months=300)  # deemed 1989-10 … 2014-09
    claim = through_history(agent_client, person)
    values = basic_post(claim, **rows("adjustments", dict(row, reason="x")))
    response = agent_client.post(step_url(claim, "basic"), values)
    assert response.status_code == 400 and message in response.content.decode()


def test_adjustments_on_record_boundaries(agent_client, unit):
    person = retiring_person(unit, deemed_months=300)  # deemed 1989-10 … 2014-09
    claim = through_history(agent_client, person)
    addition = {"kind": "add", "start": "1988-08", "end": "1989-09", "reason": "学徒期"}
    deduction = {"kind": "deduct", "start": "1989-10", "end": "1989-12", "reason": "重复"}
    values = basic_post(claim, **rows("adjustments", addition, deduction))
    assert agent_client.post(step_url(claim, "basic"), values).status_code == 302
    claim.refresh_from_db()
    over = dict(addition, end="1989-10")  # 1989-10 is deemed already
    values = basic_post(claim, **rows("adjustments", over, deduction))
    assert agent_client.post(step_url(claim, "basic"), values).status_code == 400
    claim.refresh_from_db()
    outside = dict(deduction, start="1989-09")  # 1989-09 was never deemed
    values = basic_post(claim, **rows("adjustments", addition, outside))
    response = agent_client.post(step_url(claim, "basic"), values)
    assert response.status_code == 400 and "视同缴费期间内" in response.content.decode()


def test_save_draft_keeps_a_row_typed_but_not_added(agent_client, unit):
    person = retiring_person(unit)
    claim = basic_done(agent_client, person)
    typed = {"new-name": "井下作业", "new-start": "1990-01"}
    response = agent_client.post(
        step_url(claim, "special_jobs"), {"version": claim.version, "action": "save", **typed}
    )
    assert response.status_code == 302
    html = agent_client.get(step_url(claim, "special_jobs")).content.decode()
    assert 'value="井下作业"' in html and 'value="1990-01"' in html


def test_modify_never_overwrites_a_typed_row_and_delete_keeps_the_edit(agent_client, unit):
    person = retiring_person(unit)
    claim = through_positions(agent_client, person)
    url = step_url(claim, "positions")
    first = {
        "start": "2015-03",
        "end": "2016-12",
        "title": "科员",
        "direction": "up",
        "document": "",
    }
    second = {"start": "2017-01", "end": "", "title": "副科长", "direction": "up", "document": ""}
    table = rows("positions", first, second)
    typed = {"new-title": "新输入的职务"}
    response = agent_client.post(
        url, {"version": claim.version, "action": "edit-0", **table, **typed}
    )
    html = response.content.decode()
    assert "尚未加入表格" in html and 'value="新输入的职务"' in html
    editing = {"new-start": "2017-01", "new-title": "科长", "new-direction": "up", "editing": "1"}
    response = agent_client.post(
        url, {"version": claim.version, "action": "delete-0", **table, **editing}, follow=True
    )
    html = response.content.decode()
    assert 'name="editing" value="0"' in html and 'value="科长"' in html
    assert 'name="positions-0-title" value="副科长"' in html


@pytest.mark.parametrize("version", ["", "abc"])
def test_a_save_without_a_valid_version_overwrites_nothing(agent_client, unit, version):
    person = retiring_person(unit)
    claim = through_history(agent_client, person)
    values = basic_post(claim, action="save", salary_now_title="无版本")
    values["version"] = version
    response = agent_client.post(step_url(claim, "basic"), values)
    assert response.status_code == 409 and 'value="无版本"' in response.content.decode()
    claim.refresh_from_db()
    assert "basic" not in claim.data
