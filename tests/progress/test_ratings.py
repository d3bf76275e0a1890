"""Issue 16: 好差评 — once per case, only after completion (approved, or withdrawn after a
return), only by the case's unit, a comment for the two lowest levels; the county follows up its
差评 (others never see them) and the unit sees the follow-up; a month's and a year's summary."""

import re

import pytest
from django.test import Client

from progress import rules, services
from progress.models import Rating
from tests.factories import CountyFactory, UserFactory
from tests.progress.conftest import make_case
from tests.progress.test_references import submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "returned", "ratable"),
    [
        ("approved", False, True),
        ("withdrawn", True, True),
        ("withdrawn", False, False),
        ("submitted", True, False),
        ("rejected", True, False),
        ("draft", False, False),
    ],
)
def test_r16_only_a_finished_case_is_rated(status, returned, ratable):
    assert rules.ratable(status=status, was_returned=returned) is ratable


@pytest.mark.parametrize(("level", "required"), [(1, True), (2, True), (3, False), (5, False)])
def test_r16_a_comment_for_the_two_lowest_levels(level, required):
    assert rules.comment_required(level) is required


def approved(unit, staff):
    case = submit(make_case(unit, person_name="王芳"))
    return services.application_approve(application=case, by=staff, version=case.version)


def rate(client, case, **data):
    return client.post(f"/progress/{case.pk}/rating/", data)


def test_r16_the_unit_rates_an_approved_case_once(agent_client, unit, staff, media):
    case = approved(unit, staff)
    page = agent_client.get(f"/progress/{case.pk}/").content.decode()
    assert "服务评价" in page and 'name="level" value="5"' in page
    assert rate(agent_client, case, level="4").status_code == 302
    rating = Rating.objects.get()
    assert (rating.level, rating.follow_up, rating.rated_by) == (4, "", unit.account)
    again = rate(agent_client, case, level="1", comment="重复")
    assert again.status_code == 302 and Rating.objects.get().level == 4
    page = agent_client.get(f"/progress/{case.pk}/").content.decode()
    assert "您的评价" in page and "<strong>满意</strong>" in page and 'name="level"' not in page


def test_r16_a_low_rating_needs_a_comment_and_keeps_the_choice(agent_client, unit, staff, media):
    case = approved(unit, staff)
    response = rate(agent_client, case, level="2", comment="  ")
    html = response.content.decode()
    assert response.status_code == 400 and "请填写评价意见" in html
    assert re.search(r'<input type="radio" name="level" value="2"[^>]* checked', html)
    assert not Rating.objects.exists()
    assert rate(agent_client, case, level="2", comment="等待时间太长").status_code == 302
    assert Rating.objects.get().follow_up == "pending"


def test_r16_no_rating_before_completion_or_by_another_unit(
    agent_client, unit, other_unit, staff, media
):
    open_case = submit(make_case(unit))
    assert "服务评价" not in agent_client.get(f"/progress/{open_case.pk}/").content.decode()
    rate(agent_client, open_case, level="5")
    assert not Rating.objects.exists()
    case = approved(unit, staff)
    stranger = Client()
    stranger.force_login(other_unit.account)
    assert rate(stranger, case, level="1", comment="恶意").status_code == 404
    assert rate(agent_client, case, level="9").status_code == 400
    assert not Rating.objects.exists()


def test_r16_a_withdrawal_after_a_return_is_rated(agent_client, unit, staff, media):
    case = submit(make_case(unit))
    case = services.application_reject(
        application=case, by=staff, reason="缺材料", version=case.version
    )
    case = services.application_withdraw(application=case, by=unit.account, version=case.version)
    assert rate(agent_client, case, level="3").status_code == 302
    assert Rating.objects.get().application == case


def test_r16_the_county_follows_up_its_poor_ratings(agent_client, unit, staff, media):
    case = approved(unit, staff)
    rate(agent_client, case, level="1", comment="窗口电话无人接听")
    good = submit(make_case(unit, person_name="李雷"))
    good = services.application_approve(application=good, by=staff, version=good.version)
    rate(agent_client, good, level="5")
    reviewer = Client()
    reviewer.force_login(staff)
    listing = reviewer.get("/backoffice/ratings/").content.decode()
    assert (
        "窗口电话无人接听" in listing and "非常不满意" in listing and good.reference not in listing
    )
    rating = Rating.objects.get(level=1)
    refused = reviewer.post(f"/backoffice/ratings/{rating.pk}/", {"note": " "})
    assert refused.status_code == 400 and "请输入整改情况" in refused.content.decode()
    reviewer.post(f"/backoffice/ratings/{rating.pk}/", {"note": "已增设咨询专线并回访单位"})
    rating.refresh_from_db()
    assert rating.follow_up == "done" and rating.followed_up_by == staff
    assert "已增设咨询专线并回访单位" in agent_client.get(f"/progress/{case.pk}/").content.decode()
    done = reviewer.get("/backoffice/ratings/", {"follow_up": "pending"}).content.decode()
    assert "窗口电话无人接听" not in done


def test_r16_another_countys_staff_never_see_them(agent_client, unit, staff, media):
    case = approved(unit, staff)
    rate(agent_client, case, level="2", comment="材料要求不清楚")
    elsewhere = Client()
    elsewhere.force_login(
        UserFactory(username="guitai_zhanggong", county=CountyFactory(code="360702"))
    )
    assert "材料要求不清楚" not in elsewhere.get("/backoffice/ratings/").content.decode()
    rating = Rating.objects.get()
    assert elsewhere.get(f"/backoffice/ratings/{rating.pk}/").status_code == 404
    assert elsewhere.post(f"/backoffice/ratings/{rating.pk}/", {"note": "x"}).status_code == 404
    summary = elsewhere.get("/backoffice/ratings/summary/").content.decode()
    assert '<td class="number">1</td>' not in summary


def test_r16_the_summary_counts_by_level_and_business(agent_client, unit, staff, media):
    for level in ("5", "5", "2"):
        case = approved(unit, staff)
        rate(agent_client, case, level=level, comment="慢")
    old = Rating.objects.filter(level=2).get()
    last_year = old.rated_at.replace(year=old.rated_at.year - 1)
    Rating.objects.filter(pk=old.pk).update(rated_at=last_year)
    reviewer = Client()
    reviewer.force_login(staff)
    html = reviewer.get("/backoffice/ratings/summary/").content.decode()
    month = html[html.index("本月") : html.index("本年")]
    row = month[month.index(f'<th scope="row">{case.business_name}</th>') :].split("</tr>")[0]
    assert row.count('<td class="number">') == 6
    assert row.startswith(f'<th scope="row">{case.business_name}</th><td class="number">2</td>')
    assert row.endswith('<td class="number">2</td>')  # the total; last year's 差评 left out
