"""The claim's row tables on the case-step framework (R-7.3 … R-7.5): 增加 / 删除 / 修改 save the
draft at once, 修改 only where the manual offers it, the error summary, the step bar and where a
reopened claim lands."""

import re

import pytest

from progress.models import Application
from tests.pension.conftest import retiring_person
from tests.pension.test_wizard import (
    basic_done,
    basic_post,
    rows,
    step_url,
    through_history,
    through_positions,
)

pytestmark = pytest.mark.django_db

ADJUSTMENT = {"kind": "deduct", "start": "1990-01", "end": "1990-06", "reason": "借调"}
SPECIAL_JOB = {
    "name": "高温炉前工",
    "category": "underground_or_heat",
    "start": "1990-01",
    "end": "1993-12",
    "employer": "新余钢铁厂",
    "approval": "",
}
POSITION = {"start": "2015-03", "end": "2019-12", "title": "副科长", "direction": "up"}


def entry(values):
    return {f"new-{name}": value for name, value in values.items()}


def claim_at(client, person, step):
    if step == "basic":
        return through_history(client, person)
    if step == "special_jobs":
        return basic_done(client, person)
    claim = basic_done(client, person)
    client.post(step_url(claim, "special_jobs"), {"version": claim.version})
    claim.refresh_from_db()
    return claim


def step_post(claim, step, **values):
    if step == "basic":
        return basic_post(claim, **values)
    return {"version": claim.version, **values}


@pytest.mark.parametrize(
    ("step", "key", "row"),
    [
        ("basic", "adjustments", ADJUSTMENT),
        ("special_jobs", "special_jobs", SPECIAL_JOB),
        ("positions", "positions", POSITION),
    ],
)
def test_an_added_row_survives_leaving_the_page_without_saving(agent_client, unit, step, key, row):
    person = retiring_person(unit)
    claim = claim_at(agent_client, person, step)
    response = agent_client.post(
        step_url(claim, step), step_post(claim, step, action="add", **entry(row))
    )
    assert response.status_code == 302 and response["Location"] == step_url(claim, step)
    agent_client.get("/")  # the agent leaves without 暂存 …
    html = agent_client.get(step_url(claim, step)).content.decode()  # … and comes back
    first = next(iter(row))
    assert f'name="{key}-0-{first}" value="{row[first]}"' in html
    claim.refresh_from_db()
    assert claim.data[key][0][first] == row[first]


@pytest.mark.parametrize("step", ["basic", "special_jobs"])
@pytest.mark.parametrize("action", ["edit-0", "update"])
def test_modify_is_refused_where_the_manual_does_not_offer_it(agent_client, unit, step, action):
    person = retiring_person(unit)
    claim = claim_at(agent_client, person, step)
    key, row = ("adjustments", ADJUSTMENT) if step == "basic" else ("special_jobs", SPECIAL_JOB)
    html = agent_client.get(step_url(claim, step)).content.decode()
    assert 'value="edit-' not in html  # not offered
    post = step_post(claim, step, action=action, editing="0", **rows(key, row), **entry(row))
    response = agent_client.post(step_url(claim, step), post)
    assert response.status_code == 400 and "不能修改" in response.content.decode()
    assert Application.objects.get(pk=claim.pk).version == claim.version  # nothing written


def test_modify_is_offered_on_position_changes(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    post = {"version": claim.version, "action": "edit-0", **rows("positions", POSITION)}
    response = agent_client.post(step_url(claim, "positions"), post, follow=True)
    assert 'name="new-title" value="副科长"' in response.content.decode()


@pytest.mark.parametrize("action", ["delete-²", "edit-①", "delete-9", "explode"])
def test_unknown_row_buttons_are_refused_with_the_input_kept(agent_client, unit, action):
    claim = through_positions(agent_client, retiring_person(unit))
    post = {
        "version": claim.version,
        "action": action,
        **rows("positions", POSITION),
        **entry({"title": "正在输入"}),
    }
    response = agent_client.post(step_url(claim, "positions"), post)
    html = response.content.decode()
    assert response.status_code == 400 and 'value="正在输入"' in html
    assert 'name="positions-0-title" value="副科长"' in html
    assert Application.objects.get(pk=claim.pk).version == claim.version


def test_next_with_an_empty_new_row_marks_no_field_of_it_required(agent_client, unit):
    claim = through_history(agent_client, retiring_person(unit))
    empty_entry = entry({"kind": "", "start": "", "end": "", "reason": ""})
    response = agent_client.post(
        step_url(claim, "basic"), basic_post(claim, salary_2014_post="", **empty_entry)
    )
    html = response.content.decode()
    assert response.status_code == 400
    entry_row = html[html.index('id="entry"') : html.index("</fieldset>", html.index('id="entry"'))]
    assert "field-error" not in entry_row and "entry-row-invalid" not in html
    assert (
        html.count("请输入职务（岗位）工资（元）") == 2
    )  # the salary field and its line in the summary


def test_the_error_summary_lists_each_problem_with_a_link_to_its_field(agent_client, unit):
    claim = through_history(agent_client, retiring_person(unit))
    response = agent_client.post(
        step_url(claim, "basic"),
        basic_post(
            claim,
            salary_2014_post="abc",
            service_months="12",
            **rows("adjustments", dict(ADJUSTMENT, start="1987-01", end="1987-06")),
        ),
    )
    html = response.content.decode()
    summary = html[
        html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))
    ]
    assert 'href="#id_salary_2014_post"' in summary and 'href="#id_service_months"' in summary
    assert 'href="#row-0"' in summary and "早于参加工作" in summary
    assert 'id="row-0"' in html and 'id="id_salary_2014_post"' in html
    assert "error-summary.js" in html


def test_the_step_bar_links_only_the_steps_that_may_be_opened(agent_client, unit):
    claim = through_history(agent_client, retiring_person(unit))
    html = agent_client.get(step_url(claim, "basic")).content.decode()
    bar = html[html.index('class="step-bar"') : html.index("</ol>", html.index('class="step-bar"'))]
    assert 'href="/pension/"' in bar and f'href="{step_url(claim, "history")}"' in bar
    assert 'aria-current="step"' in bar and "step-current" in bar
    assert step_url(claim, "special_jobs") not in bar and step_url(claim, "bank") not in bar
    states = re.findall(r'step-bar-item step-(\w+)"', bar)
    assert states == ["done", "done", "current", "todo", "todo", "todo", "todo"]


def test_reopening_a_claim_lands_where_it_was_last_saved(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    back = agent_client.post(
        step_url(claim, "positions"), {"version": claim.version, "action": "back"}
    )
    assert back["Location"] == step_url(claim, "special_jobs")
    opened = agent_client.get(f"/progress/{claim.pk}/edit/")
    assert opened["Location"] == step_url(claim, "special_jobs")
    claim.refresh_from_db()
    agent_client.post(step_url(claim, "special_jobs"), {"version": claim.version, "action": "save"})
    assert agent_client.get(f"/progress/{claim.pk}/edit/")["Location"] == step_url(
        claim, "special_jobs"
    )


def refused_update(client, claim, *, editing, table, changed) -> str:
    """保存修改 of row `editing` with `changed` typed: refused (400), nothing written."""
    post = {
        "version": claim.version,
        "action": "update",
        "editing": editing,
        **rows("positions", *table),
        **entry(changed),
    }
    response = client.post(step_url(claim, "positions"), post)
    assert response.status_code == 400
    assert Application.objects.get(pk=claim.pk).version == claim.version
    return response.content.decode()


def test_modify_that_overlaps_another_row_is_refused(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    first = dict(POSITION, start="2015-03", end="2016-12", document="")
    later = dict(POSITION, start="2018-03", end="2019-12", title="科长", document="")
    changed = {"start": "2018-06", "end": "2018-12", "title": "副科长", "direction": "up"}
    html = refused_update(agent_client, claim, editing="0", table=[first, later], changed=changed)
    assert "与其他行重叠" in html


def test_save_the_change_without_the_row_being_changed_adds_nothing(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    changed = dict(POSITION, start="2021-01", end="")
    html = refused_update(agent_client, claim, editing="9", table=[POSITION], changed=changed)
    assert "已不在表格中" in html


def test_a_double_click_on_add_adds_the_row_once(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    post = {"version": claim.version, "action": "add", **entry(POSITION)}
    first = agent_client.post(step_url(claim, "positions"), post)
    second = agent_client.post(step_url(claim, "positions"), post)
    assert first.status_code == second.status_code == 302
    claim.refresh_from_db()
    assert len(claim.data["positions"]) == 1


def test_a_post_to_a_step_reopened_elsewhere_keeps_the_input(agent_client, unit):
    claim = through_positions(agent_client, retiring_person(unit))
    # In another window step ③ is saved again with an error, so ④ … ⑥ cannot be opened.
    agent_client.post(step_url(claim, "basic"), basic_post(claim, action="save", service_years="3"))
    post = {"version": claim.version, "action": "save", **entry({"title": "旧窗口的输入"})}
    response = agent_client.post(step_url(claim, "positions"), post)
    html = response.content.decode()
    assert response.status_code == 409 and "另一个窗口" in html and 'value="旧窗口的输入"' in html


def test_a_row_typed_but_never_added_is_named_at_submit(agent_client, unit, media):
    from tests.pension.test_submit_and_review import ready_claim, submit

    claim = ready_claim(agent_client, retiring_person(unit), media)
    agent_client.post(
        step_url(claim, "positions"),
        {"version": claim.version, "action": "save", **entry({"title": "未加入的职务"})},
    )
    claim.refresh_from_db()
    response = submit(agent_client, claim)
    html = response.content.decode()
    assert response.status_code == 400 and "尚未加入表格" in html
    # The page shown by 提交 is the 上传资料 step: its forms post there, not to 提交.
    assert f'action="{step_url(claim, "materials")}"' in html
    assert f'href="{step_url(claim, "materials")}?material=' in html
