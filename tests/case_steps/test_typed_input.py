"""What a step keeps of odd input: half-chosen or non-ASCII months and row indexes are kept or
refused with a message, never a 500 (the drafts of every business go through one reader)."""

import pytest

from tests.case_steps.test_versions import BUSINESSES, agent, open_case, page_version

pytestmark = pytest.mark.django_db
MONTH_FIELD = {
    "pension_claim": "retirement_month",
    "staff_addition": "start_month",
    "staff_reduction": "stop_month",
}


@pytest.mark.parametrize("kind", BUSINESSES)
@pytest.mark.parametrize("month", ["²", "①", "13", ""])
def test_odd_months_are_kept_by_save_and_refused_by_next(unit, kind, month):
    business = open_case(kind, unit)
    client = agent(unit)
    field = MONTH_FIELD[kind]
    extra = {"retirement_type": "flexible_late"} if kind == "pension_claim" else {}
    post = business.post(
        business.stored() or "x",
        **extra,
        **{f"{field}_0": "2026", f"{field}_1": month},
        action="save",
        version=page_version(client, business.url),
    )
    assert client.post(business.url, post).status_code == 302
    page = client.get(business.url)
    assert page.status_code == 200
    post.update(action="next", version=page_version(client, business.url))
    response = client.post(business.url, post)
    assert response.status_code == 400 and "data-error-summary" in response.content.decode()
